"""Request dependencies: the fixture store, and HubSpot's and the admin API's auth."""

from __future__ import annotations

import hmac

from fastapi import Request

from mock_hubspot.errors import INVALID_AUTHENTICATION, HubSpotError
from mock_hubspot.settings import MockSettings
from mock_hubspot.store.portal import Portal


def get_portal(request: Request) -> Portal:
    return request.app.state.portal


def get_settings(request: Request) -> MockSettings:
    return request.app.state.settings


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def require_token(request: Request) -> None:
    token = _bearer(request)
    if token is None:
        raise HubSpotError(
            401,
            "Authentication credentials not found. This API supports OAuth 2.0 authentication "
            "and you can find more details at https://developers.hubspot.com/docs/methods/auth/"
            "oauth-overview",
            INVALID_AUTHENTICATION,
        )
    if not hmac.compare_digest(token, get_settings(request).token):
        raise HubSpotError(
            401,
            "The OAuth token used to make this call is invalid or has been revoked.",
            INVALID_AUTHENTICATION,
        )


def require_admin(request: Request) -> None:
    expected = get_settings(request).admin_token
    if expected and not hmac.compare_digest(_bearer(request) or "", expected):
        raise HubSpotError(401, "Admin token missing or wrong.", INVALID_AUTHENTICATION)
