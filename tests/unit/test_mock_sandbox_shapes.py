"""The HubSpot API families other clients need, in HubSpot's documented shapes: object
schemas, legacy v2 properties, v3 pipelines, inline associations, property history,
idProperty, v4 error items, rate-limit headers on every answer, 429 policies, search caps."""

import pytest
from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings

AUTH = {"Authorization": "Bearer local-dev-token"}


@pytest.fixture
def client():
    # A still clock: rate-limit windows never roll over during a test, however slow it runs.
    return TestClient(create_app(MockSettings(), clock=lambda: 1_000.0))


@pytest.mark.parametrize("prefix", ["/crm/v3/schemas", "/crm-object-schemas/v3/schemas"])
def test_the_portal_lists_its_one_custom_object_schema(client, prefix):
    response = client.get(prefix, headers=AUTH)
    assert response.status_code == 200
    assert [s["objectTypeId"] for s in response.json()["results"]] == ["2-7710001"]
    assert client.get(f"{prefix}/2-123", headers=AUTH).status_code == 404
    assert client.get(prefix).status_code == 401


@pytest.mark.parametrize("object_type", ["contact", "contacts", "company", "deal", "ticket"])
def test_legacy_v2_properties_are_a_bare_non_empty_array(client, object_type):
    body = client.get(f"/properties/v2/{object_type}/properties", headers=AUTH).json()
    assert isinstance(body, list) and body
    entry = next(p for p in body if p["name"] in ("email", "name", "dealname", "subject"))
    assert isinstance(entry["createdAt"], int) and isinstance(entry["updatedAt"], int)
    for key in ("label", "type", "fieldType", "groupName", "options", "readOnlyValue", "deleted"):
        assert key in entry


def test_v3_pipelines_list_read_and_stages(client):
    listed = client.get("/crm/v3/pipelines/deals", headers=AUTH).json()["results"]
    assert listed and {"id", "label", "displayOrder", "stages", "createdAt", "archived"} <= set(
        listed[0]
    )
    first = listed[0]
    stage = first["stages"][0]
    assert isinstance(stage["metadata"]["isClosed"], str) and "probability" in stage["metadata"]
    assert client.get(f"/crm/v3/pipelines/deals/{first['id']}", headers=AUTH).json() == first
    stages = client.get(f"/crm/v3/pipelines/0-3/{first['id']}/stages", headers=AUTH).json()
    assert stages["results"] == first["stages"]
    one = client.get(f"/crm/v3/pipelines/deals/{first['id']}/stages/{stage['id']}", headers=AUTH)
    assert one.json() == stage
    tickets = client.get("/crm/v3/pipelines/tickets", headers=AUTH).json()["results"]
    assert "ticketState" in tickets[0]["stages"][0]["metadata"]
    assert client.get("/crm/v3/pipelines/deals/nope", headers=AUTH).status_code == 404
    assert client.get("/crm/v3/pipelines/contacts", headers=AUTH).status_code == 400


def test_associations_come_inline_on_list_and_read(client):
    page = client.get(
        "/crm/v3/objects/contacts",
        headers=AUTH,
        params={"limit": 100, "associations": "companies,deals"},
    ).json()["results"]
    linked = [r for r in page if "associations" in r]
    assert linked, "the fixtures link most contacts to a company"
    sample = next(r for r in linked if "companies" in r["associations"])
    links = sample["associations"]["companies"]["results"]
    assert {link["type"] for link in links} <= {
        "contact_to_company",
        "contact_to_company_unlabeled",
    }
    one = client.get(
        f"/crm/v3/objects/contacts/{sample['id']}",
        headers=AUTH,
        params={"associations": "companies"},
    ).json()
    assert one["associations"]["companies"] == sample["associations"]["companies"]
    batch = client.post(
        "/crm/v4/associations/contacts/companies/batch/read",
        headers=AUTH,
        json={"inputs": [{"id": sample["id"]}]},
    ).json()
    v4_ids = {str(to["toObjectId"]) for to in batch["results"][0]["to"]}
    assert v4_ids == {link["id"] for link in links}


def test_property_history_lists_the_simulated_versions_newest_first(client):
    changed = client.post(
        "/_mock/changes", json={"object_type": "contacts", "update": 1, "seed": 5}
    ).json()["updated"][0]
    body = client.get(
        f"/crm/v3/objects/contacts/{changed}",
        headers=AUTH,
        params={"propertiesWithHistory": "lastname,lifecyclestage"},
    ).json()
    for name in ("lastname", "lifecyclestage"):
        versions = body["propertiesWithHistory"][name]
        assert versions and versions == sorted(versions, key=lambda v: v["timestamp"], reverse=True)
        assert {"value", "timestamp", "sourceType"} <= set(versions[0])
    stage_versions = body["propertiesWithHistory"]["lifecyclestage"]
    current = client.get(
        f"/crm/v3/objects/contacts/{changed}", headers=AUTH, params={"properties": "lifecyclestage"}
    ).json()["properties"]["lifecyclestage"]
    assert stage_versions[0]["value"] == (current or "")
    listed = client.get(
        "/crm/v3/objects/contacts",
        headers=AUTH,
        params={"limit": 100, "propertiesWithHistory": "lastname"},
    ).json()
    assert len(listed["results"]) == 50, "a page with history holds at most 50 records"
    assert all("propertiesWithHistory" in r for r in listed["results"])


def test_id_property_reads_a_record_or_user_by_email(client):
    contact = client.get(
        "/crm/v3/objects/contacts", headers=AUTH, params={"properties": "email"}
    ).json()["results"][0]
    email = contact["properties"]["email"]
    by_email = client.get(
        f"/crm/v3/objects/contacts/{email.upper()}", headers=AUTH, params={"idProperty": "email"}
    )
    assert by_email.status_code == 200 and by_email.json()["id"] == contact["id"]
    missing = client.get(
        "/crm/v3/objects/contacts/x", headers=AUTH, params={"idProperty": "no_such_prop"}
    )
    assert missing.status_code == 400
    user = client.get("/settings/v3/users", headers=AUTH).json()["results"][0]
    found = client.get(
        f"/settings/v3/users/{user['email']}", headers=AUTH, params={"idProperty": "EMAIL"}
    )
    assert found.status_code == 200 and found.json()["id"] == user["id"]
    assert client.get(f"/settings/v3/users/{user['id']}", headers=AUTH).json() == user


def test_v4_multi_status_error_items_have_every_documented_field(client):
    ids = [
        r["id"]
        for r in client.get("/crm/v3/objects/contacts?limit=100", headers=AUTH).json()["results"]
    ]
    response = client.post(
        "/crm/v4/associations/contacts/postal_mail/batch/read",
        headers=AUTH,
        json={"inputs": [{"id": i} for i in ids]},
    )
    assert response.status_code == 207
    error = response.json()["errors"][0]
    assert {"status", "category", "message", "context", "links", "errors"} <= set(error)


def test_every_answer_has_rate_limit_headers_with_limits_not_usage(client):
    for _ in range(3):
        headers = client.get("/crm/v3/objects/deals", headers=AUTH).headers
    assert headers["X-HubSpot-RateLimit-Max"] == "100"
    assert headers["X-HubSpot-RateLimit-Secondly"] == "10"
    assert headers["X-HubSpot-RateLimit-Daily"] == "250000"
    assert int(headers["X-HubSpot-RateLimit-Remaining"]) == 97
    assert int(headers["X-HubSpot-RateLimit-Daily-Remaining"]) == 250000 - 3
    client.put("/_mock/faults", json={"rate_limit_max": 190})
    assert client.get("/crm/v3/owners", headers=AUTH).headers["X-HubSpot-RateLimit-Max"] == "190"


@pytest.mark.parametrize(
    ("faults", "policy"),
    [
        ({"rate_limit_max": 1}, "TEN_SECONDLY_ROLLING"),
        ({"rate_limit_secondly": 1}, "SECONDLY"),
        ({"rate_limit_daily": 1}, "DAILY"),
    ],
)
def test_a_429_names_its_policy_and_group(client, faults, policy):
    client.put("/_mock/faults", json=faults)
    client.get("/crm/v3/objects/deals", headers=AUTH)
    response = client.get("/crm/v3/objects/deals", headers=AUTH)
    assert response.status_code == 429
    body = response.json()
    assert body["policyName"] == policy and body["groupName"] and body["category"] == "RATE_LIMITS"


def test_search_has_its_own_budget_per_second(client):
    client.put("/_mock/faults", json={"rate_limit_search_secondly": 2})
    body = {"filterGroups": [], "limit": 1}
    codes = [
        client.post("/crm/v3/objects/contacts/search", headers=AUTH, json=body).status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]
    assert client.get("/crm/v3/objects/contacts", headers=AUTH).status_code == 200
    assert client.get("/_mock/faults").json()["rate_limit_search_secondly"] == 2


def _filters(count):
    return [{"propertyName": "email", "operator": "HAS_PROPERTY"} for _ in range(count)]


@pytest.mark.parametrize(
    ("groups", "ok"),
    [
        ([_filters(6)], True),
        ([_filters(7)], False),
        ([_filters(3)] * 5, True),
        ([_filters(1)] * 6, False),
        ([_filters(6), _filters(6), _filters(6)], True),
        ([_filters(6), _filters(6), _filters(6), _filters(1)], False),
    ],
)
def test_search_filter_caps_are_hubspots(client, groups, ok):
    body = {"filterGroups": [{"filters": group} for group in groups], "limit": 1}
    response = client.post("/crm/v3/objects/contacts/search", headers=AUTH, json=body)
    assert response.status_code == (200 if ok else 400), response.text
    if not ok:
        assert response.json()["category"] == "VALIDATION_ERROR"
