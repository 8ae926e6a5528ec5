"""Legacy email subscriptions v1."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from mock_hubspot import wire
from mock_hubspot.dependencies import get_portal, require_token
from mock_hubspot.store.portal import Portal

router = APIRouter(
    prefix="/email/public/v1", tags=["email subscriptions"], dependencies=[Depends(require_token)]
)
PortalDep = Annotated[Portal, Depends(get_portal)]


@router.get("/subscriptions")
async def list_subscription_types(portal: PortalDep) -> dict[str, Any]:
    return {
        "subscriptionDefinitions": [
            wire.subscription_type(item, portal.portal_id) for item in portal.subscription_types
        ]
    }
