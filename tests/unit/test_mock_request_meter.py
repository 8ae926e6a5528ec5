"""The mock's request meter: what a benchmark uses to price a sync in API requests."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.request_meter import endpoint
from mock_hubspot.settings import FaultSettings, MockSettings

AUTH = {"Authorization": "Bearer local-dev-token"}


COUNTS = ("requests", "throttled", "searches")


def tally(client: TestClient) -> dict[str, int]:
    served = client.get("/_mock/requests", headers=AUTH).json()
    return {name: served[name] for name in COUNTS}


def test_counts_api_requests_but_not_admin_ones() -> None:
    client = TestClient(create_app(MockSettings()))
    assert tally(client) == {"requests": 0, "throttled": 0, "searches": 0}
    for _ in range(3):
        assert client.get("/crm/v3/objects/contacts", headers=AUTH).status_code == 200
    client.get("/_mock/counts", headers=AUTH)
    assert tally(client)["requests"] == 3


def test_counts_answers_the_fault_injector_makes_up() -> None:
    settings = MockSettings(faults=FaultSettings(error_rate=1.0))
    client = TestClient(create_app(settings))
    assert client.get("/crm/v3/objects/contacts", headers=AUTH).status_code >= 500
    assert tally(client)["requests"] == 1


def test_counts_rejected_requests_too() -> None:
    client = TestClient(create_app(MockSettings()))
    assert client.get("/crm/v3/objects/contacts").status_code == 401
    assert tally(client)["requests"] == 1


def test_counts_the_requests_answered_429() -> None:
    settings = MockSettings(faults=FaultSettings(rate_limit_max=2))
    client = TestClient(create_app(settings))
    codes = [client.get("/crm/v3/objects/contacts", headers=AUTH).status_code for _ in range(5)]
    assert codes == [200, 200, 429, 429, 429]
    assert tally(client) == {"requests": 5, "throttled": 3, "searches": 0}


def test_requests_are_tallied_per_endpoint() -> None:
    client = TestClient(create_app(MockSettings()))
    client.get("/crm/v3/owners", headers=AUTH)
    client.get("/crm/v3/objects/contacts/101", headers=AUTH)
    per_endpoint = client.get("/_mock/requests").json()["by_endpoint"]
    assert per_endpoint == {"GET /crm/v3/owners": 1, "GET /crm/v3/objects/contacts/{id}": 1}
    assert endpoint("POST", "/crm/v3/objects/2-7710001/search").endswith("2-7710001/search")


def test_the_tally_spans_first_request_to_last_answer_and_resets() -> None:
    client = TestClient(create_app(MockSettings()))
    assert client.delete("/_mock/requests").json()["first_at"] is None
    client.get("/crm/v3/owners", headers=AUTH)
    client.get("/crm/v3/owners", headers=AUTH)
    served = client.get("/_mock/requests").json()
    assert served["requests"] == 2 and served["first_at"] <= served["last_at"]
    cleared = client.delete("/_mock/requests").json()
    assert (cleared["requests"], cleared["by_endpoint"], cleared["last_at"]) == (0, {}, None)
