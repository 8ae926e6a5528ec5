"""CRM object schemas v3: the portal's custom object types, by name, fully qualified name
(`p<portalId>_<name>`) or object type id."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from mock_hubspot import wire
from mock_hubspot.dependencies import get_portal, require_token
from mock_hubspot.store.custom_schemas import CUSTOM_SCHEMAS
from mock_hubspot.store.errors import ObjectNotFound
from mock_hubspot.store.object_types import ObjectType, resolve_object_type
from mock_hubspot.store.portal import Portal

PortalDep = Annotated[Portal, Depends(get_portal)]
# HubSpot serves the same API under both prefixes.
routers = [
    APIRouter(prefix=prefix, tags=["crm schemas"], dependencies=[Depends(require_token)])
    for prefix in ("/crm/v3/schemas", "/crm-object-schemas/v3/schemas")
]


def _schema(portal: Portal, otype: ObjectType) -> dict[str, Any]:
    graph = portal.associations
    others = [
        (portal.collection(to_type).otype, graph.default_type_ids(from_type, to_type)[0])
        for from_type, to_type in graph.pairs()
        if from_type == otype.name
    ]
    catalog = portal.collection(otype.name).catalog
    return wire.object_schema(otype, CUSTOM_SCHEMAS[otype.name], catalog, portal.portal_id, others)


async def list_schemas(portal: PortalDep) -> dict[str, Any]:
    return {"results": [_schema(portal, otype) for otype in portal.custom_object_types]}


async def read_schema(object_type: str, portal: PortalDep) -> dict[str, Any]:
    otype = resolve_object_type(object_type, portal.portal_id)
    if otype is None or not otype.is_custom:
        raise ObjectNotFound(f"Unable to find a custom object schema for {object_type}")
    return _schema(portal, otype)


for router in routers:
    router.add_api_route("", list_schemas, methods=["GET"])
    router.add_api_route("/{object_type}", read_schema, methods=["GET"])
