"""CRM pipelines v3: pipelines and their stages by object type (deals, tickets)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from mock_hubspot import wire
from mock_hubspot.dependencies import get_portal, require_token
from mock_hubspot.store.errors import InvalidRequest, ObjectNotFound
from mock_hubspot.store.pipelines import Pipeline
from mock_hubspot.store.portal import Portal

router = APIRouter(
    prefix="/crm/v3/pipelines", tags=["pipelines v3"], dependencies=[Depends(require_token)]
)
PortalDep = Annotated[Portal, Depends(get_portal)]


def _pipelines(portal: Portal, object_type: str) -> tuple[Pipeline, ...]:
    name = portal.object_type(object_type).name
    by_type = {"deals": portal.deal_pipelines, "tickets": portal.ticket_pipelines}
    if name not in by_type:
        raise InvalidRequest(f"Object type {object_type} does not support pipelines")
    return by_type[name]


def _pipeline(portal: Portal, object_type: str, pipeline_id: str) -> Pipeline:
    for pipeline in _pipelines(portal, object_type):
        if pipeline.pipeline_id == pipeline_id:
            return pipeline
    raise ObjectNotFound(f"Unable to find pipeline {pipeline_id} for {object_type}")


@router.get("/{object_type}")
async def list_pipelines(object_type: str, portal: PortalDep) -> dict[str, Any]:
    return {"results": [wire.pipeline_v3(p) for p in _pipelines(portal, object_type)]}


@router.get("/{object_type}/{pipeline_id}")
async def read_pipeline(object_type: str, pipeline_id: str, portal: PortalDep) -> dict[str, Any]:
    return wire.pipeline_v3(_pipeline(portal, object_type, pipeline_id))


@router.get("/{object_type}/{pipeline_id}/stages")
async def list_stages(object_type: str, pipeline_id: str, portal: PortalDep) -> dict[str, Any]:
    return {"results": wire.pipeline_stages_v3(_pipeline(portal, object_type, pipeline_id))}


@router.get("/{object_type}/{pipeline_id}/stages/{stage_id}")
async def read_stage(
    object_type: str, pipeline_id: str, stage_id: str, portal: PortalDep
) -> dict[str, Any]:
    for stage in wire.pipeline_stages_v3(_pipeline(portal, object_type, pipeline_id)):
        if stage["id"] == stage_id:
            return stage
    raise ObjectNotFound(f"Unable to find stage {stage_id} in pipeline {pipeline_id}")
