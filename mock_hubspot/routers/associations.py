"""CRM associations v4: batch read."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends
from fastapi.responses import JSONResponse

from mock_hubspot.dependencies import get_portal, require_token
from mock_hubspot.store.errors import InvalidRequest
from mock_hubspot.store.portal import Portal

router = APIRouter(
    prefix="/crm/v4/associations", tags=["associations"], dependencies=[Depends(require_token)]
)
PortalDep = Annotated[Portal, Depends(get_portal)]
MAX_INPUTS = 1_000


def _input_ids(body: Any) -> list[str]:
    inputs = body.get("inputs") if isinstance(body, dict) else None
    if not isinstance(inputs, list):
        raise InvalidRequest("Request body must have an 'inputs' list")
    if len(inputs) > MAX_INPUTS:
        raise InvalidRequest(f"Batch read is limited to {MAX_INPUTS} inputs, got {len(inputs)}")
    if not all(isinstance(i, dict) and isinstance(i.get("id"), str | int) for i in inputs):
        raise InvalidRequest("Each input must be an object with an 'id'")
    return [str(i["id"]) for i in inputs]


def batch_instant() -> str:
    """Now, as a batch response's startedAt / completedAt (the only wall-clock values)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@router.post("/{from_type}/{to_type}/batch/read")
async def batch_read(
    from_type: str, to_type: str, portal: PortalDep, body: Annotated[Any, Body()] = None
) -> JSONResponse:
    """Multi-status like HubSpot: inputs without associations come back under `errors`
    and turn the status code into 207; `toObjectId` is a number, not a string."""
    started = batch_instant()
    source, target = portal.collection(from_type), portal.collection(to_type)
    results, errors = [], []
    for record_id in _input_ids(body):
        index = source.index_of(record_id)
        links = (
            []
            if index is None
            else portal.associations.links(source.otype.name, target.otype.name, index)
        )
        if not links:
            errors.append(
                {
                    "status": "error",
                    "category": "OBJECT_NOT_FOUND",
                    "subCategory": "crm.associations.NO_ASSOCIATIONS_FOUND",
                    "context": {"fromObjectId": [record_id]},
                    "links": {},
                    "errors": [],
                    "message": f"No {target.otype.singular} is associated with "
                    f"{source.otype.singular} {record_id}.",
                }
            )
            continue
        results.append(
            {
                "from": {"id": record_id},
                "to": [
                    {
                        "toObjectId": int(target.record_id(to_index)),
                        "associationTypes": [
                            {"category": t.category, "typeId": t.type_id, "label": t.label}
                            for t in types
                        ],
                    }
                    for to_index, types in links
                ],
            }
        )
    payload: dict[str, Any] = {"status": "COMPLETE", "results": results}
    if errors:
        payload.update(numErrors=len(errors), errors=errors)
    payload.update(startedAt=started, completedAt=batch_instant())
    return JSONResponse(payload, status_code=207 if errors else 200)
