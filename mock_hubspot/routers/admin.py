"""The mock's own admin API under /_mock (HubSpot has nothing like it)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request

from mock_hubspot import wire
from mock_hubspot.dependencies import get_portal, require_admin
from mock_hubspot.faults import FaultInjector
from mock_hubspot.stall import Stall
from mock_hubspot.store.changes import ChangeRequest, apply_changes
from mock_hubspot.store.drift import add_property
from mock_hubspot.store.errors import InvalidRequest
from mock_hubspot.store.merges import MergeRequest, simulate_merges
from mock_hubspot.store.new_owner import hire_owner
from mock_hubspot.store.portal import Portal
from mock_hubspot.store.stream_counts import associations_setting, object_counts, stream_counts

router = APIRouter(prefix="/_mock", tags=["mock admin"], dependencies=[Depends(require_admin)])
PortalDep = Annotated[Portal, Depends(get_portal)]


def _faults(request: Request) -> FaultInjector:
    return request.app.state.faults


@router.get("/health")
async def health(portal: PortalDep) -> dict[str, Any]:
    return {"status": "ok", "seed": portal.seed, "scale": portal.scale}


@router.get("/requests")
async def requests_served(request: Request) -> dict[str, Any]:
    """API requests answered since the mock started (or the last DELETE)."""
    return asdict(request.app.state.requests)


@router.delete("/requests")
async def reset_requests_served(request: Request) -> dict[str, Any]:
    request.app.state.requests.reset()
    return asdict(request.app.state.requests)


@router.get("/counts")
async def counts(portal: PortalDep) -> dict[str, int]:
    return stream_counts(portal)


@router.get("/object-counts")
async def live_and_archived(portal: PortalDep) -> dict[str, dict[str, int]]:
    return object_counts(portal)


@router.get("/associations-setting")
async def tap_associations_setting() -> dict[str, list[str]]:
    return associations_setting()


@router.get("/faults")
async def read_faults(request: Request) -> dict[str, Any]:
    return asdict(_faults(request).settings)


@router.put("/faults")
async def update_faults(request: Request, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise InvalidRequest("Body must be a JSON object of fault settings")
    injector = _faults(request)
    injector.configure(body)
    return asdict(injector.settings)


@router.delete("/faults")
async def restore_faults(request: Request) -> dict[str, Any]:
    """Back to the fault settings the mock started with (its MOCK_HUBSPOT_* variables)."""
    injector = _faults(request)
    injector.configure(asdict(request.app.state.settings.faults))
    return asdict(injector.settings)


def _stall(request: Request) -> Stall:
    return request.app.state.stall


@router.get("/stall")
async def read_stall(request: Request) -> dict[str, Any]:
    return _stall(request).describe()


@router.put("/stall")
async def hold_requests(request: Request, body: Annotated[Any, Body()] = None) -> dict[str, Any]:
    """Hold API requests under `path_prefix` once `after` of them were answered."""
    stall = _stall(request)
    stall.configure(body)
    return stall.describe()


@router.delete("/stall")
async def release_requests(request: Request) -> dict[str, Any]:
    stall = _stall(request)
    stall.release()
    return stall.describe()


@router.post("/changes")
async def simulate_changes(
    portal: PortalDep, body: Annotated[Any, Body()] = None
) -> dict[str, Any]:
    """Body: `object_type`; optionally `create`, `update`, `archive` (how many), `seed`
    (which records updates and archives pick) and `same_instant` (one instant for every
    record the request touches, like an import)."""
    if not isinstance(body, dict) or not isinstance(body.get("object_type"), str):
        raise InvalidRequest("Body must be a JSON object with an 'object_type'")
    try:
        change = ChangeRequest(**body)
        change = ChangeRequest(
            change.object_type,
            int(change.create),
            int(change.update),
            int(change.archive),
            int(change.seed),
            change.same_instant,
        )
    except (TypeError, ValueError) as exc:
        raise InvalidRequest(f"Invalid change request: {exc}") from None
    if not isinstance(change.same_instant, bool):
        raise InvalidRequest("same_instant must be true or false")
    return asdict(apply_changes(portal, change))


@router.post("/merges")
async def simulate_merged_duplicates(
    portal: PortalDep, body: Annotated[Any, Body()] = None
) -> list[dict[str, str]]:
    """Body: `object_type` (contacts), `count` (pairs to merge), `seed` (which pairs), and
    `include_people` (whether OLTP physicians' and providers' contacts may be picked; by
    default only prospects are). Answers the pairs merged, by id, in merge order."""
    if not isinstance(body, dict):
        raise InvalidRequest("Body must be a JSON object")
    try:
        merge = MergeRequest(**body)
        count, seed = int(merge.count), int(merge.seed)
    except (TypeError, ValueError) as exc:
        raise InvalidRequest(f"Invalid merge request: {exc}") from None
    if not isinstance(merge.object_type, str) or not isinstance(merge.include_people, bool):
        raise InvalidRequest("object_type must be a string and include_people true or false")
    return simulate_merges(
        portal, MergeRequest(merge.object_type, count, seed, merge.include_people)
    )


@router.post("/properties/{object_type}")
async def simulate_property_drift(
    object_type: str, portal: PortalDep, body: Annotated[Any, Body()] = None
) -> dict[str, Any]:
    result = add_property(portal, object_type, body)
    return {
        "object_type": result.object_type,
        "definition": wire.property_definition(result.definition),
        "updated": result.updated,
    }


@router.post("/owners")
async def simulate_new_owner(
    portal: PortalDep, body: Annotated[Any, Body()] = None
) -> dict[str, Any]:
    """Body: `object_type` (default contacts) and `assign`: how many of its first live
    records the new owner is given (undone by a reset)."""
    return asdict(hire_owner(portal, body))


@router.post("/reset")
async def reset(request: Request, portal: PortalDep) -> dict[str, Any]:
    request.app.state.portal = Portal(
        portal.seed, portal.scale, people=portal.ctx.people, supervision=portal.supervision
    )
    return {"status": "ok"}
