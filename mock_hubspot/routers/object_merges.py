"""CRM objects v3: merge two records of a type (the mock merges contacts)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends
from fastapi.responses import JSONResponse

from mock_hubspot import wire
from mock_hubspot.dependencies import get_portal, require_token
from mock_hubspot.store.errors import InvalidRequest
from mock_hubspot.store.merges import merge
from mock_hubspot.store.portal import Portal

router = APIRouter(
    prefix="/crm/v3/objects", tags=["crm objects"], dependencies=[Depends(require_token)]
)
PortalDep = Annotated[Portal, Depends(get_portal)]


@router.post("/{object_type}/merge")
async def merge_records(
    object_type: str, portal: PortalDep, body: Annotated[Any, Body()] = None
) -> JSONResponse:
    """Body `{"primaryObjectId", "objectIdToMerge"}`; answers the surviving record with its
    default properties, as HubSpot does."""
    if not isinstance(body, dict) or not {"primaryObjectId", "objectIdToMerge"} <= set(body):
        raise InvalidRequest("Request body must have 'primaryObjectId' and 'objectIdToMerge'")
    collection = portal.collection(object_type)
    survivor = merge(portal, object_type, body["primaryObjectId"], body["objectIdToMerge"])
    return JSONResponse(wire.crm_object(collection.record(survivor), collection.otype, None))
