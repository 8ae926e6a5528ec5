"""CRM object schemas v3: the portal's custom object types (this portal defines none yet)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from mock_hubspot.dependencies import get_portal, require_token
from mock_hubspot.store.errors import ObjectNotFound
from mock_hubspot.store.portal import Portal

PortalDep = Annotated[Portal, Depends(get_portal)]
# HubSpot serves the same API under both prefixes.
routers = [
    APIRouter(prefix=prefix, tags=["crm schemas"], dependencies=[Depends(require_token)])
    for prefix in ("/crm/v3/schemas", "/crm-object-schemas/v3/schemas")
]


async def list_schemas(portal: PortalDep) -> dict[str, Any]:
    return {"results": list(portal.custom_object_schemas)}


async def read_schema(object_type: str) -> dict[str, Any]:
    raise ObjectNotFound(f"Unable to find a custom object schema for {object_type}")


for router in routers:
    router.add_api_route("", list_schemas, methods=["GET"])
    router.add_api_route("/{object_type}", read_schema, methods=["GET"])
