"""The stall holds API requests under a path until released; admin routes are never held."""

import asyncio

import httpx
import pytest
from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import FaultSettings, MockSettings

AUTH = {"Authorization": "Bearer local-dev-token"}
CONTACTS = "/crm/v3/objects/contacts"


async def _held_until_released() -> None:
    app = create_app(MockSettings())
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://api.hubapi.com") as api:
        rule = {"path_prefix": CONTACTS, "after": 1}
        assert (await api.put("/_mock/stall", json=rule)).json()["held"] == 0
        assert (await api.get(CONTACTS, headers=AUTH)).status_code == 200  # the one let through
        held = asyncio.create_task(api.get(CONTACTS, headers=AUTH))
        # Each admin request yields to the loop, so the held one reaches the stall: bounded.
        for _ in range(1000):
            if (await api.get("/_mock/stall")).json()["held"] == 1:
                break
        state = (await api.get("/_mock/stall")).json()
        assert state == {"path_prefix": CONTACTS, "after": 1, "seen": 2, "held": 1}
        assert not held.done()
        assert (await api.get("/crm/v3/objects/deals", headers=AUTH)).status_code == 200
        released = (await api.delete("/_mock/stall")).json()
        assert released["path_prefix"] is None
        assert (await held).status_code == 200
        assert (await api.get("/_mock/stall")).json()["held"] == 0


def test_a_stalled_request_waits_until_released() -> None:
    asyncio.run(_held_until_released())


@pytest.mark.parametrize(
    "body",
    [{"after": 1}, {"path_prefix": "crm", "after": 1}, {"path_prefix": "/x", "after": -1}, []],
)
def test_a_malformed_stall_is_400(body: object) -> None:
    client = TestClient(create_app(MockSettings()))
    assert client.put("/_mock/stall", json=body).status_code == 400


def test_deleting_the_faults_restores_the_start_up_settings() -> None:
    started = FaultSettings(rate_limit_max=50, latency_ms=3)
    client = TestClient(create_app(MockSettings(faults=started)))
    client.put("/_mock/faults", json={"error_rate": 1.0, "latency_ms": 0})
    restored = client.delete("/_mock/faults").json()
    assert restored["error_rate"] == 0.0 and restored["latency_ms"] == 3
    assert restored["rate_limit_max"] == 50
