"""CRM objects v3: batch read (up to 100 records by id or by a unique property)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends
from fastapi.responses import JSONResponse

from mock_hubspot import wire
from mock_hubspot.dependencies import get_portal, require_token
from mock_hubspot.routers.associations import batch_instant
from mock_hubspot.store.collection import ObjectCollection
from mock_hubspot.store.errors import InvalidRequest
from mock_hubspot.store.portal import Portal

router = APIRouter(
    prefix="/crm/v3/objects", tags=["crm objects"], dependencies=[Depends(require_token)]
)
PortalDep = Annotated[Portal, Depends(get_portal)]
MAX_INPUTS = 100


def _names(body: dict[str, Any], key: str) -> list[str] | None:
    raw = body.get(key) or []
    if not isinstance(raw, list) or not all(isinstance(name, str) for name in raw):
        raise InvalidRequest(f"'{key}' must be a list of property names")
    return wire.requested_properties(raw)


def _inputs(body: dict[str, Any]) -> list[str]:
    inputs = body.get("inputs")
    if not isinstance(inputs, list):
        raise InvalidRequest("Request body must have an 'inputs' list")
    if len(inputs) > MAX_INPUTS:
        raise InvalidRequest(f"Batch read is limited to {MAX_INPUTS} inputs, got {len(inputs)}")
    if not all(isinstance(i, dict) and isinstance(i.get("id"), str | int) for i in inputs):
        raise InvalidRequest("Each input must be an object with an 'id'")
    return [str(i["id"]) for i in inputs]


def _find(
    portal: Portal, collection: ObjectCollection, key: str, id_property: str, archived: bool
) -> int | None:
    name = collection.otype.name
    if id_property != "hs_object_id":
        return collection.find_by_property(id_property, key, archived=archived)
    index = collection.index_of(key)
    if index is None:
        return None
    if archived:
        return None if collection.is_live(index) or portal.merged.is_merged(name, index) else index
    # A merged-away id reads as the record it was merged into, under that record's id.
    index = portal.merged.survivor(name, index)
    return index if collection.is_live(index) else None


@router.post("/{object_type}/batch/read")
async def batch_read(
    object_type: str,
    portal: PortalDep,
    archived: bool = False,
    body: Annotated[Any, Body()] = None,
) -> JSONResponse:
    """Multi-status like HubSpot: the ids it cannot find come back in one error entry and
    turn the status code into 207; two inputs naming one record give it once."""
    started = batch_instant()
    collection = portal.collection(object_type)
    if not isinstance(body, dict):
        raise InvalidRequest("Request body must be a JSON object")
    id_property = body.get("idProperty") or "hs_object_id"
    if id_property not in collection.catalog:
        raise InvalidRequest(f"Property {id_property} does not exist")
    requested, history = _names(body, "properties"), _names(body, "propertiesWithHistory")
    found: dict[int, None] = {}
    missing: list[str] = []
    for key in _inputs(body):
        index = _find(portal, collection, key, id_property, archived)
        if index is None:
            missing.append(key)
        else:
            found[index] = None
    results = []
    for index in found:
        versions = None
        if history is not None:
            versions = {
                name: wire.property_versions(collection.property_history(index, name))
                for name in history
                if name in collection.catalog
            }
        results.append(
            wire.crm_object(collection.record(index), collection.otype, requested, history=versions)
        )
    payload: dict[str, Any] = {"status": "COMPLETE", "results": results}
    if missing:
        payload.update(
            numErrors=1,
            errors=[
                {
                    "status": "error",
                    "category": "OBJECT_NOT_FOUND",
                    "message": f"Could not get some {collection.otype.singular.upper()} "
                    "objects, they may be deleted or not exist. Check that ids are valid.",
                    "context": {"ids": missing},
                    "links": {},
                    "errors": [],
                }
            ],
        )
    payload.update(startedAt=started, completedAt=batch_instant())
    return JSONResponse(payload, status_code=207 if missing else 200)
