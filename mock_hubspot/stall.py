"""A stall: API requests under one path wait until released.

With a stall a test acts on a sync that is certainly in flight (kills it, starts a second
one beside it) instead of guessing from elapsed time. HubSpot has nothing like it; it is
set through the /_mock admin API only.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from mock_hubspot.store.errors import InvalidRequest


@dataclass(frozen=True)
class StallRule:
    path_prefix: str
    after: int  # matching requests answered before the stall starts holding them


class Stall:
    def __init__(self) -> None:
        self.rule: StallRule | None = None
        self.seen = 0
        self.held = 0
        self._released = asyncio.Event()

    def configure(self, body: object) -> None:
        if not isinstance(body, dict) or set(body) - {"path_prefix", "after"}:
            raise InvalidRequest("Body must be a JSON object with 'path_prefix' and 'after'")
        prefix, after = body.get("path_prefix"), body.get("after", 0)
        if not isinstance(prefix, str) or not prefix.startswith("/"):
            raise InvalidRequest("'path_prefix' must be a path such as /crm/v3/objects/contacts")
        if not isinstance(after, int) or after < 0:
            raise InvalidRequest("'after' must be a non-negative integer")
        self.release()
        self.rule, self.seen = StallRule(prefix, after), 0
        self._released = asyncio.Event()

    def release(self) -> None:
        """Answer every held request and stop holding new ones."""
        self.rule = None
        self._released.set()

    async def pass_through(self, path: str) -> None:
        rule = self.rule
        if rule is None or not path.startswith(rule.path_prefix):
            return
        self.seen += 1
        if self.seen <= rule.after:
            return
        released = self._released
        self.held += 1
        try:
            await released.wait()
        finally:
            self.held -= 1

    def describe(self) -> dict[str, object]:
        rule = self.rule
        return {
            "path_prefix": rule.path_prefix if rule else None,
            "after": rule.after if rule else None,
            "seen": self.seen,
            "held": self.held,
        }
