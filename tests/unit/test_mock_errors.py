import uuid

import pytest
from fastapi.testclient import TestClient

from mock_hubspot.faults import FaultInjector
from mock_hubspot.main import create_app
from mock_hubspot.settings import FaultSettings, MockSettings

AUTH = {"Authorization": "Bearer local-dev-token"}


@pytest.fixture
def client():
    # A still clock: rate-limit windows never roll over during a test, however slow it runs.
    return TestClient(create_app(MockSettings(), clock=lambda: 1_000.0))


def assert_hubspot_error(response, status, category):
    assert response.status_code == status
    body = response.json()
    assert body["status"] == "error" and body["category"] == category and body["message"]
    uuid.UUID(body["correlationId"])


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic local-dev-token"}]
)
def test_missing_or_wrong_token_is_401(client, headers):
    response = client.get("/crm/v3/objects/contacts", headers=headers)
    assert_hubspot_error(response, 401, "INVALID_AUTHENTICATION")


def test_every_hubspot_router_requires_the_token(client):
    for path in (
        "/crm/v3/owners",
        "/settings/v3/users",
        "/crm-pipelines/v1/pipelines/deals",
        "/email/public/v1/subscriptions",
        "/crm/v3/properties/contacts",
    ):
        assert client.get(path).status_code == 401


def test_unknown_record_is_404(client):
    response = client.get("/crm/v3/objects/contacts/999", headers=AUTH)
    assert_hubspot_error(response, 404, "OBJECT_NOT_FOUND")


def test_unknown_object_type_and_bad_parameters_are_400(client):
    assert_hubspot_error(
        client.get("/crm/v3/objects/widgets", headers=AUTH), 400, "VALIDATION_ERROR"
    )
    assert_hubspot_error(
        client.get("/crm/v3/objects/contacts", headers=AUTH, params={"limit": "many"}),
        400,
        "VALIDATION_ERROR",
    )


def test_rate_limit_budget_gives_429_with_hubspot_headers(client):
    assert client.put("/_mock/faults", json={"rate_limit_max": 3}).status_code == 200
    responses = [client.get("/crm/v3/owners", headers=AUTH) for _ in range(4)]
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert responses[0].headers["X-HubSpot-RateLimit-Remaining"] == "2"
    limited = responses[-1]
    assert_hubspot_error(limited, 429, "RATE_LIMITS")
    for header in ("Max", "Remaining", "Interval-Milliseconds", "Secondly", "Secondly-Remaining"):
        assert f"X-HubSpot-RateLimit-{header}" in limited.headers
    assert limited.headers["X-HubSpot-RateLimit-Max"] == "3"
    assert limited.headers["X-HubSpot-RateLimit-Remaining"] == "0"
    assert client.get("/_mock/counts").status_code == 200


def test_budget_window_resets_after_the_interval():
    now = [0.0]
    injector = FaultInjector(
        FaultSettings(rate_limit_max=2, rate_limit_interval_ms=1000), clock=lambda: now[0]
    )
    assert [injector.admit().rate_limit_policy for _ in range(3)] == [
        None,
        None,
        "TEN_SECONDLY_ROLLING",
    ]
    now[0] = 1.5
    assert injector.admit().rate_limit_policy is None


def test_server_errors_follow_a_deterministic_sequence():
    def sequence():
        injector = FaultInjector(FaultSettings(error_rate=0.3, error_seed=7))
        return [injector.admit().server_error for _ in range(50)]

    first = sequence()
    assert first == sequence()
    assert 5 < sum(e is not None for e in first) < 25
    assert {e for e in first if e} <= {500, 502, 503, 504}


def test_faults_are_configurable_from_the_admin_route(client):
    body = client.put("/_mock/faults", json={"error_rate": 1.0, "latency_ms": 1}).json()
    assert body["error_rate"] == 1.0 and body["latency_ms"] == 1
    response = client.get("/crm/v3/owners", headers=AUTH)
    assert response.status_code >= 500 and response.json()["status"] == "error"
    assert client.get("/_mock/faults").json()["error_rate"] == 1.0
    assert client.put("/_mock/faults", json={"error_rate": 2}).status_code == 400
    assert client.put("/_mock/faults", json={"bogus": 1}).status_code == 400


def test_fault_settings_come_from_the_environment():
    settings = MockSettings.from_env(
        {
            "MOCK_HUBSPOT_RATE_LIMIT_MAX": "5",
            "MOCK_HUBSPOT_ERROR_RATE": "0.1",
            "MOCK_HUBSPOT_LATENCY_MS": "20",
            "MOCK_HUBSPOT_TOKEN": "t",
            "MOCK_HUBSPOT_SCALE": "2",
        }
    )
    assert settings.faults.rate_limit_max == 5 and settings.faults.error_rate == 0.1
    assert settings.faults.latency_ms == 20 and settings.token == "t" and settings.scale == 2.0


def test_admin_token_protects_the_admin_api_when_set():
    client = TestClient(create_app(MockSettings(admin_token="sesame")))
    assert client.get("/_mock/health").status_code == 401
    assert (
        client.get("/_mock/health", headers={"Authorization": "Bearer sesame"}).status_code == 200
    )
