"""CRM owners v3."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from mock_hubspot import wire
from mock_hubspot.dependencies import get_portal, require_token
from mock_hubspot.routers.paging import cursor_position, page_limit
from mock_hubspot.store.errors import ObjectNotFound
from mock_hubspot.store.portal import Portal

router = APIRouter(prefix="/crm/v3/owners", tags=["owners"], dependencies=[Depends(require_token)])
PortalDep = Annotated[Portal, Depends(get_portal)]


@router.get("")
@router.get("/")
async def list_owners(
    portal: PortalDep,
    limit: int = 100,
    after: str | None = None,
    email: str | None = None,
    archived: bool = False,
) -> dict[str, Any]:
    teams = {team.id: team for team in portal.directory.teams}
    owners = [
        owner
        for owner in portal.directory.owners
        if owner.archived == archived and (email is None or owner.email == email.lower())
    ]
    start = cursor_position(after)
    page = owners[start : start + page_limit(limit, 500)]
    following = start + len(page)
    results = [wire.owner(owner, teams) for owner in page]
    return wire.paged(results, str(following) if following < len(owners) else None)


@router.get("/{owner_id}")
async def read_owner(
    owner_id: str,
    portal: PortalDep,
    id_property: Annotated[str, Query(alias="idProperty")] = "id",
    archived: bool = False,
) -> dict[str, Any]:
    teams = {team.id: team for team in portal.directory.teams}
    for owner in portal.directory.owners:
        key = str(owner.user_id) if id_property == "userId" else owner.id
        if key == owner_id and owner.archived == archived:
            return wire.owner(owner, teams)
    raise ObjectNotFound(f"Owner {owner_id} not found")
