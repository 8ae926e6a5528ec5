"""Settings v3: users and teams."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from mock_hubspot import wire
from mock_hubspot.dependencies import get_portal, require_token
from mock_hubspot.routers.paging import cursor_position, page_limit
from mock_hubspot.store.errors import InvalidRequest, ObjectNotFound
from mock_hubspot.store.portal import Portal

router = APIRouter(
    prefix="/settings/v3/users", tags=["users"], dependencies=[Depends(require_token)]
)
PortalDep = Annotated[Portal, Depends(get_portal)]


@router.get("")
@router.get("/")
async def list_users(
    portal: PortalDep, limit: int = 100, after: str | None = None
) -> dict[str, Any]:
    users = portal.directory.live_owners
    start = cursor_position(after)
    page = users[start : start + page_limit(limit, 100)]
    following = start + len(page)
    return wire.paged(
        [wire.user(user) for user in page], str(following) if following < len(users) else None
    )


@router.get("/teams")
async def list_teams(portal: PortalDep) -> dict[str, Any]:
    return {"results": [wire.team(team) for team in portal.directory.teams]}


ID_PROPERTIES = ("USER_ID", "EMAIL")


@router.get("/{user_id}")
async def read_user(
    user_id: str,
    portal: PortalDep,
    idProperty: str = "USER_ID",
) -> dict[str, Any]:
    if idProperty not in ID_PROPERTIES:
        raise InvalidRequest(f"idProperty must be one of {', '.join(ID_PROPERTIES)}")
    for user in portal.directory.live_owners:
        key = str(user.user_id) if idProperty == "USER_ID" else user.email.lower()
        if key == (user_id if idProperty == "USER_ID" else user_id.lower()):
            return wire.user(user)
    raise ObjectNotFound(f"User {user_id} not found")
