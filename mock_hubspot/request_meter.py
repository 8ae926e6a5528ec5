"""Counts the HubSpot API requests the mock answers.

A benchmark reads the counter before and after a sync: the requests a tap needed are what
the real API's rate limits would ration.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, fields

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_hubspot.fault_middleware import ADMIN_PREFIX


@dataclass
class RequestTally:
    requests: int = 0
    # Answered 429 (any policy): a paced client keeps this at zero.
    throttled: int = 0
    # CRM search requests, which have a budget of their own (5 a second at HubSpot).
    searches: int = 0
    # Per endpoint ("GET /crm/v3/owners/"; numeric path segments read "{id}"): where a
    # sync's requests go.
    by_endpoint: dict[str, int] = field(default_factory=dict)
    # When the first request since the last reset arrived and the latest was answered
    # (epoch seconds): the span in which a sync spent its budget.
    first_at: float | None = None
    last_at: float | None = None

    def reset(self) -> None:
        for each in fields(self):
            setattr(self, each.name, {} if each.name == "by_endpoint" else each.default)


def endpoint(method: str, path: str) -> str:
    segments = ("{id}" if segment.isdigit() else segment for segment in path.split("/"))
    return f"{method} {'/'.join(segments)}"


class RequestMeter:
    """ASGI middleware: tallies every non-admin HTTP request into `tally`."""

    def __init__(self, app: ASGIApp, tally: RequestTally) -> None:
        self.app = app
        self.tally = tally

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(ADMIN_PREFIX):
            await self.app(scope, receive, send)
            return
        self.tally.requests += 1
        if self.tally.first_at is None:
            self.tally.first_at = time.time()
        called = endpoint(scope["method"], scope["path"])
        self.tally.by_endpoint[called] = self.tally.by_endpoint.get(called, 0) + 1
        if scope["path"].endswith("/search"):
            self.tally.searches += 1

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 429:
                self.tally.throttled += 1
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                self.tally.last_at = time.time()

        await self.app(scope, receive, counting_send)
