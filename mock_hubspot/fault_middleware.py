"""ASGI middleware that applies the stall and the fault injector to HubSpot's routes (not
to /_mock)."""

from __future__ import annotations

import asyncio
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_hubspot.errors import INTERNAL_ERROR, RATE_LIMITS, error_body
from mock_hubspot.faults import FaultInjector
from mock_hubspot.stall import Stall

ADMIN_PREFIX = "/_mock"


class FaultMiddleware:
    def __init__(self, app: ASGIApp, injector: FaultInjector, stall: Stall) -> None:
        self.app = app
        self.injector = injector
        self.stall = stall

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(ADMIN_PREFIX):
            await self.app(scope, receive, send)
            return
        await self.stall.pass_through(scope["path"])
        decision = self.injector.admit(is_search=scope["path"].endswith("/search"))
        if decision.latency_ms:
            await asyncio.sleep(decision.latency_ms / 1000)
        extra = [(k.lower().encode(), v.encode()) for k, v in decision.headers]
        if decision.rate_limit_policy:
            body = error_body(
                f"You have reached your {decision.rate_limit_policy.lower()} limit.",
                RATE_LIMITS,
                errorType="RATE_LIMIT",
                policyName=decision.rate_limit_policy,
                groupName=self.injector.group_name,
            )
            await _reply(send, 429, body, extra)
            return
        if decision.server_error:
            body = error_body("An internal error occurred (injected by the mock).", INTERNAL_ERROR)
            await _reply(send, decision.server_error, body, extra)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start" and extra:
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _reply(send: Send, status: int, body: dict, headers: list[tuple[bytes, bytes]]) -> None:
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json;charset=utf-8"),
                (b"content-length", str(len(payload)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
