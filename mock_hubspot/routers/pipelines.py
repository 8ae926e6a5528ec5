"""Legacy CRM pipelines v1 (what tap-hubspot reads for deal and ticket pipelines)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from mock_hubspot import wire
from mock_hubspot.dependencies import get_portal, require_token
from mock_hubspot.store.errors import InvalidRequest
from mock_hubspot.store.portal import Portal

router = APIRouter(
    prefix="/crm-pipelines/v1/pipelines", tags=["pipelines"], dependencies=[Depends(require_token)]
)
PortalDep = Annotated[Portal, Depends(get_portal)]


@router.get("/{object_type}")
async def list_pipelines(object_type: str, portal: PortalDep) -> dict[str, Any]:
    pipelines = {"deals": portal.deal_pipelines, "tickets": portal.ticket_pipelines}
    if object_type not in pipelines:
        raise InvalidRequest(f"Unsupported object type for pipelines: {object_type}")
    return {"results": [wire.pipeline_v1(pipeline) for pipeline in pipelines[object_type]]}
