"""CRM properties v3: the property definitions of each object type."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from mock_hubspot import wire
from mock_hubspot.dependencies import get_portal, require_token
from mock_hubspot.store.errors import ObjectNotFound
from mock_hubspot.store.portal import Portal

router = APIRouter(
    prefix="/crm/v3/properties", tags=["crm properties"], dependencies=[Depends(require_token)]
)
PortalDep = Annotated[Portal, Depends(get_portal)]


@router.get("/{object_type}")
async def list_properties(
    object_type: str, portal: PortalDep, archived: bool = False
) -> dict[str, Any]:
    catalog = portal.property_catalog(object_type)
    if archived:
        return {"results": []}
    return {"results": [wire.property_definition(prop) for prop in catalog.values()]}


@router.get("/{object_type}/{property_name}")
async def read_property(object_type: str, property_name: str, portal: PortalDep) -> dict[str, Any]:
    prop = portal.collection(object_type).catalog.get(property_name)
    if prop is None:
        raise ObjectNotFound(f"Unable to find property {property_name} for {object_type}")
    return wire.property_definition(prop)
