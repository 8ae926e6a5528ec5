"""Query parameters shared by HubSpot's cursor-paged list endpoints."""

from __future__ import annotations

from mock_hubspot.store.errors import InvalidRequest


def page_limit(limit: int, maximum: int) -> int:
    """HubSpot clamps an oversized list `limit` to the maximum instead of refusing it."""
    if limit < 1:
        raise InvalidRequest("limit must be at least 1")
    return min(limit, maximum)


def cursor_position(after: str | None) -> int:
    if after in (None, ""):
        return 0
    if not after.isdigit():
        raise InvalidRequest(f"Invalid paging cursor 'after': {after}")
    return int(after)
