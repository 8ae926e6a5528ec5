"""CRM associations v4 between two records: create the default one, remove them all."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from fastapi.responses import JSONResponse

from mock_hubspot.dependencies import get_portal, require_token
from mock_hubspot.routers.associations import batch_instant
from mock_hubspot.store.collection import ObjectCollection
from mock_hubspot.store.errors import ObjectNotFound
from mock_hubspot.store.portal import Portal

router = APIRouter(
    prefix="/crm/v4/objects", tags=["associations"], dependencies=[Depends(require_token)]
)
PortalDep = Annotated[Portal, Depends(get_portal)]


def _live_index(collection: ObjectCollection, record_id: str) -> int:
    index = collection.index_of(record_id)
    if index is None or not collection.is_live(index):
        raise ObjectNotFound(f"No {collection.otype.singular} with id {record_id} exists.")
    return index


def _resolve(
    portal: Portal, from_type: str, from_id: str, to_type: str, to_id: str
) -> tuple[ObjectCollection, int, ObjectCollection, int]:
    """Both records, once the pair is known to have association types (400 before 404)."""
    source, target = portal.collection(from_type), portal.collection(to_type)
    portal.associations.owner_pair(source.otype.name, target.otype.name)
    return source, _live_index(source, from_id), target, _live_index(target, to_id)


def _spec(from_id: str, to_id: str, type_id: int, category: str) -> dict[str, Any]:
    return {
        "from": {"id": from_id},
        "to": {"id": to_id},
        "associationSpec": {"associationCategory": category, "associationTypeId": type_id},
    }


@router.put("/{from_type}/{from_id}/associations/default/{to_type}/{to_id}")
async def associate_default(
    from_type: str, from_id: str, to_type: str, to_id: str, portal: PortalDep
) -> JSONResponse:
    """HubSpot answers with both directions it created, each with its unlabeled type id."""
    started = batch_instant()
    source, from_index, target, to_index = _resolve(portal, from_type, from_id, to_type, to_id)
    graph = portal.associations
    graph.associate(source.otype.name, from_index, target.otype.name, to_index)
    ahead, back = graph.default_type_ids(source.otype.name, target.otype.name)
    category = graph.default_category(source.otype.name, target.otype.name)
    from_id, to_id = source.record_id(from_index), target.record_id(to_index)
    return JSONResponse(
        {
            "status": "COMPLETE",
            "results": [
                _spec(from_id, to_id, ahead, category),
                _spec(to_id, from_id, back, category),
            ],
            "startedAt": started,
            "completedAt": batch_instant(),
        }
    )


@router.delete("/{from_type}/{from_id}/associations/{to_type}/{to_id}", status_code=204)
async def dissociate(
    from_type: str, from_id: str, to_type: str, to_id: str, portal: PortalDep
) -> Response:
    source, from_index, target, to_index = _resolve(portal, from_type, from_id, to_type, to_id)
    portal.associations.dissociate(source.otype.name, from_index, target.otype.name, to_index)
    return Response(status_code=204)
