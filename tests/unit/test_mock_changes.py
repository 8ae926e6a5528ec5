import pytest
from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings

AUTH = {"Authorization": "Bearer local-dev-token"}


@pytest.fixture
def client():
    return TestClient(create_app(MockSettings()))


def latest_modified(client):
    body = client.post(
        "/crm/v3/objects/contacts/search",
        headers=AUTH,
        json={
            "sorts": [{"propertyName": "lastmodifieddate", "direction": "DESCENDING"}],
            "limit": 1,
        },
    ).json()
    return body["results"][0]["updatedAt"]


def test_changes_create_update_and_archive_deterministically(client):
    before = client.get("/_mock/object-counts").json()["contacts"]
    high_water = latest_modified(client)
    request = {"object_type": "contacts", "create": 3, "update": 4, "archive": 2, "seed": 1}
    result = client.post("/_mock/changes", json=request).json()
    assert len(result["created"]) == 3 and len(result["updated"]) == 4
    assert len(result["archived"]) == 2
    after = client.get("/_mock/object-counts").json()["contacts"]
    assert after == {"live": before["live"] + 1, "archived": before["archived"] + 2}

    other = TestClient(create_app(MockSettings()))
    assert other.post("/_mock/changes", json=request).json() == result

    since = client.post(
        "/crm/v3/objects/contacts/search",
        headers=AUTH,
        json={
            "filterGroups": [
                {
                    "filters": [
                        {"propertyName": "lastmodifieddate", "operator": "GT", "value": high_water}
                    ]
                }
            ],
            "sorts": [{"propertyName": "lastmodifieddate", "direction": "ASCENDING"}],
            "limit": 100,
        },
    ).json()
    assert {r["id"] for r in since["results"]} == set(result["created"] + result["updated"])
    for record_id in result["archived"]:
        assert client.get(f"/crm/v3/objects/contacts/{record_id}", headers=AUTH).status_code == 404
        record = client.get(
            f"/crm/v3/objects/contacts/{record_id}", headers=AUTH, params={"archived": "true"}
        ).json()
        assert record["archived"] is True and record["archivedAt"] > high_water


def test_updates_move_the_modified_date_past_the_current_maximum(client):
    high_water = latest_modified(client)
    result = client.post("/_mock/changes", json={"object_type": "deals", "update": 2}).json()
    for record_id in result["updated"]:
        deal = client.get(f"/crm/v3/objects/deals/{record_id}", headers=AUTH).json()
        assert deal["updatedAt"] > high_water
        assert deal["properties"]["hs_lastmodifieddate"] == deal["updatedAt"]


def test_counts_follow_changes(client):
    before = client.get("/_mock/counts").json()
    client.post("/_mock/changes", json={"object_type": "deal", "create": 5})
    after = client.get("/_mock/counts").json()
    assert after["deals"] == before["deals"] + 5
    assert after["deal_contact_associations"] >= before["deal_contact_associations"]


@pytest.mark.parametrize(
    "body",
    [
        {"object_type": "widgets", "create": 1},
        {"object_type": "contacts", "archive": 10_000},
        {"object_type": "contacts", "create": -1},
        {"create": 1},
        {"object_type": "contacts", "bogus": 1},
    ],
)
def test_invalid_change_requests_are_400(client, body):
    assert client.post("/_mock/changes", json=body).status_code == 400


def test_reset_restores_the_initial_fixtures(client):
    before = client.get("/_mock/counts").json()
    client.post("/_mock/changes", json={"object_type": "contacts", "archive": 5})
    client.post("/_mock/reset")
    assert client.get("/_mock/counts").json() == before
