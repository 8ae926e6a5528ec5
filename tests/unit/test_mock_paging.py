import pytest
from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings

AUTH = {"Authorization": "Bearer local-dev-token"}


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(MockSettings()))


def walk(client, path, **params):
    pages, after = [], None
    while True:
        query = {**params, **({"after": after} if after else {})}
        body = client.get(path, headers=AUTH, params=query).json()
        pages.append(body)
        after = body.get("paging", {}).get("next", {}).get("after")
        if after is None:
            return pages


def test_paging_walk_visits_every_live_contact_exactly_once(client):
    pages = walk(client, "/crm/v3/objects/contacts", limit=7)
    ids = [r["id"] for page in pages for r in page["results"]]
    counts = client.get("/_mock/object-counts").json()["contacts"]
    assert len(ids) == len(set(ids)) == counts["live"]
    assert ids == sorted(ids, key=int)
    assert all(len(page["results"]) == 7 for page in pages[:-1])
    assert all(isinstance(p["paging"]["next"]["after"], str) for p in pages[:-1])
    assert "paging" not in pages[-1]


def test_default_limit_is_ten_and_oversized_limit_is_capped_at_hundred(client):
    assert len(client.get("/crm/v3/objects/contacts", headers=AUTH).json()["results"]) == 10
    body = client.get("/crm/v3/objects/contacts", headers=AUTH, params={"limit": 500}).json()
    live = client.get("/_mock/object-counts").json()["contacts"]["live"]
    assert len(body["results"]) == min(100, live)


def test_wire_format_of_a_record(client):
    record = client.get("/crm/v3/objects/deals", headers=AUTH).json()["results"][0]
    assert isinstance(record["id"], str)
    assert record["archived"] is False and "archivedAt" not in record
    assert record["createdAt"].endswith("Z") and len(record["createdAt"]) == 24
    assert record["createdAt"] < record["updatedAt"]
    assert record["properties"]["hs_lastmodifieddate"] == record["updatedAt"]
    assert all(v is None or isinstance(v, str) for v in record["properties"].values())


def test_only_requested_properties_come_back_plus_id_and_dates(client):
    body = client.get(
        "/crm/v3/objects/contacts",
        headers=AUTH,
        params=[("properties", "email,lifecyclestage"), ("properties", "nonexistent")],
    ).json()
    keys = set(body["results"][0]["properties"])
    assert keys == {"email", "lifecyclestage", "hs_object_id", "createdate", "lastmodifieddate"}


def test_unknown_query_parameters_are_ignored(client):
    response = client.get(
        "/crm/v3/objects/contacts",
        headers=AUTH,
        params={"sort": "asc", "order_by": "lastmodifieddate", "limit": 3},
    )
    assert response.status_code == 200 and len(response.json()["results"]) == 3


def test_archived_true_lists_only_archived_records(client):
    pages = walk(client, "/crm/v3/objects/contacts", limit=100, archived="true")
    records = [r for page in pages for r in page["results"]]
    assert len(records) == client.get("/_mock/object-counts").json()["contacts"]["archived"] > 0
    assert all(r["archived"] is True and r["archivedAt"] for r in records)


def test_singular_and_type_id_aliases_reach_the_same_objects(client):
    plural = client.get("/crm/v3/objects/contacts", headers=AUTH).json()
    assert client.get("/crm/v3/objects/contact", headers=AUTH).json() == plural
    assert client.get("/crm/v3/objects/0-1", headers=AUTH).json() == plural


def test_every_record_has_distinct_created_and_updated_instants(client):
    for object_type in ("contacts", "deals", "line_items"):
        records = [
            r
            for page in walk(client, f"/crm/v3/objects/{object_type}", limit=100)
            for r in page["results"]
        ]
        assert len({r["createdAt"] for r in records}) == len(records)
        assert len({r["updatedAt"] for r in records}) == len(records)
