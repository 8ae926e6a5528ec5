"""CRM objects v3: list, read one, search (rendered straight to JSON: this is the hot path)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query
from fastapi.responses import JSONResponse

from mock_hubspot import wire
from mock_hubspot.dependencies import get_portal, require_token
from mock_hubspot.routers.paging import cursor_position, page_limit
from mock_hubspot.store.errors import ObjectNotFound
from mock_hubspot.store.portal import Portal
from mock_hubspot.store.search import parse_search

router = APIRouter(
    prefix="/crm/v3/objects", tags=["crm objects"], dependencies=[Depends(require_token)]
)
PortalDep = Annotated[Portal, Depends(get_portal)]
PropertiesQuery = Annotated[list[str], Query()]


@router.get("/{object_type}")
async def list_objects(
    object_type: str,
    portal: PortalDep,
    limit: int = 10,
    after: str | None = None,
    properties: PropertiesQuery = [],  # noqa: B006
    archived: bool = False,
) -> JSONResponse:
    collection = portal.collection(object_type)
    start = cursor_position(after)
    first_index = max(0, start - collection.otype.first_id) if start else 0
    indices, following = collection.page(
        archived=archived, after=first_index, limit=page_limit(limit, 100)
    )
    requested = wire.requested_properties(properties)
    results = [wire.crm_object(collection.record(i), collection.otype, requested) for i in indices]
    next_after = None if following is None else collection.record_id(following)
    return JSONResponse(wire.paged(results, next_after))


@router.get("/{object_type}/{object_id}")
async def read_object(
    object_type: str,
    object_id: str,
    portal: PortalDep,
    properties: PropertiesQuery = [],  # noqa: B006
    archived: bool = False,
) -> JSONResponse:
    collection = portal.collection(object_type)
    index = collection.index_of(object_id)
    if index is None or collection.is_live(index) == archived:
        raise ObjectNotFound(f"Object not found.  objectId are usually numeric. ({object_id})")
    requested = wire.requested_properties(properties)
    return JSONResponse(wire.crm_object(collection.record(index), collection.otype, requested))


@router.post("/{object_type}/search")
async def search_objects(
    object_type: str, portal: PortalDep, body: Annotated[Any, Body()] = None
) -> JSONResponse:
    collection = portal.collection(object_type)
    request = parse_search(body, collection.catalog)
    matches = portal.search.run(collection, request)
    window = matches[request.after : request.after + request.limit]
    following = request.after + request.limit
    results = [
        wire.crm_object(collection.record(i), collection.otype, request.properties) for i in window
    ]
    after = str(following) if following < len(matches) else None
    return JSONResponse(wire.paged(results, after, total=len(matches)))
