"""CRM objects v3: list, read one, search (rendered straight to JSON: this is the hot path)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query
from fastapi.responses import JSONResponse

from mock_hubspot import wire
from mock_hubspot.dependencies import get_portal, require_token
from mock_hubspot.routers.paging import cursor_position, page_limit
from mock_hubspot.store.collection import ObjectCollection
from mock_hubspot.store.errors import InvalidRequest, ObjectNotFound
from mock_hubspot.store.portal import Portal
from mock_hubspot.store.search import parse_search

router = APIRouter(
    prefix="/crm/v3/objects", tags=["crm objects"], dependencies=[Depends(require_token)]
)
PortalDep = Annotated[Portal, Depends(get_portal)]
PropertiesQuery = Annotated[list[str], Query()]


# Only with a property history (propertiesWithHistory) does HubSpot cap a page at 50.
HISTORY_PAGE_LIMIT = 50


class _Extras:
    """What a list or read adds to each record beside its properties."""

    def __init__(
        self,
        portal: Portal,
        collection: ObjectCollection,
        associations: list[str],
        history: list[str],
    ) -> None:
        self.portal, self.collection = portal, collection
        self.targets = [
            portal.collection(name) for name in wire.requested_properties(associations) or []
        ]
        self.history = wire.requested_properties(history)

    def render(self, index: int, requested: list[str] | None) -> dict[str, Any]:
        collection = self.collection
        return wire.crm_object(
            collection.record(index),
            collection.otype,
            requested,
            associations={t.otype.name: self._links(index, t) for t in self.targets} or None,
            history=None
            if self.history is None
            else {
                name: wire.property_versions(collection.property_history(index, name))
                for name in self.history
                if name in collection.catalog
            },
        )

    def _links(self, index: int, target: ObjectCollection) -> list[dict[str, str]]:
        source = self.collection.otype
        graph = self.portal.associations
        primary = graph.has_primary(source.name, target.otype.name)
        return [
            {
                "id": target.record_id(to_index),
                "type": wire.association_type_name(source, target.otype, t.label, primary),
            }
            for to_index, types in graph.links(source.name, target.otype.name, index)
            for t in types
        ]


@router.get("/{object_type}")
async def list_objects(
    object_type: str,
    portal: PortalDep,
    limit: int = 10,
    after: str | None = None,
    properties: PropertiesQuery = [],  # noqa: B006
    associations: PropertiesQuery = [],  # noqa: B006
    propertiesWithHistory: PropertiesQuery = [],  # noqa: B006
    archived: bool = False,
) -> JSONResponse:
    collection = portal.collection(object_type)
    extras = _Extras(portal, collection, associations, propertiesWithHistory)
    start = cursor_position(after)
    first_index = max(0, start - collection.otype.first_id) if start else 0
    most = HISTORY_PAGE_LIMIT if extras.history else 100
    indices, following = collection.page(
        archived=archived, after=first_index, limit=page_limit(limit, most)
    )
    requested = wire.requested_properties(properties)
    results = [extras.render(i, requested) for i in indices]
    next_after = None if following is None else collection.record_id(following)
    return JSONResponse(wire.paged(results, next_after))


@router.get("/{object_type}/{object_id}")
async def read_object(
    object_type: str,
    object_id: str,
    portal: PortalDep,
    properties: PropertiesQuery = [],  # noqa: B006
    associations: PropertiesQuery = [],  # noqa: B006
    propertiesWithHistory: PropertiesQuery = [],  # noqa: B006
    idProperty: str | None = None,
    archived: bool = False,
) -> JSONResponse:
    collection = portal.collection(object_type)
    if idProperty and idProperty != "hs_object_id":
        if idProperty not in collection.catalog:
            raise InvalidRequest(f"Property {idProperty} does not exist")
        index = collection.find_by_property(idProperty, object_id, archived=archived)
    else:
        index = collection.index_of(object_id)
    if index is not None and not archived:
        # HubSpot answers a merged-away id with the record it was merged into; an archived
        # read does not know the merged-away record at all (it was never archived).
        index = portal.merged.survivor(collection.otype.name, index)
    if (
        index is None
        or collection.is_live(index) == archived
        or portal.merged.is_merged(collection.otype.name, index)
    ):
        raise ObjectNotFound(f"Object not found.  objectId are usually numeric. ({object_id})")
    requested = wire.requested_properties(properties)
    extras = _Extras(portal, collection, associations, propertiesWithHistory)
    return JSONResponse(extras.render(index, requested))


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
