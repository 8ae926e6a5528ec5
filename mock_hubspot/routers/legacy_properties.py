"""Legacy properties v2 (`/properties/v2/{type}/properties`): a bare JSON array."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from mock_hubspot import wire
from mock_hubspot.dependencies import get_portal, require_token
from mock_hubspot.store.portal import Portal

router = APIRouter(
    prefix="/properties/v2", tags=["legacy properties"], dependencies=[Depends(require_token)]
)
PortalDep = Annotated[Portal, Depends(get_portal)]


@router.get("/{object_type}/properties")
async def list_properties(object_type: str, portal: PortalDep) -> list[dict[str, Any]]:
    catalog = portal.property_catalog(object_type)
    return [wire.property_definition_v2(prop) for prop in catalog.values()]
