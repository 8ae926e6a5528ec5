import time

import pytest
from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings
from mock_hubspot.store.clock import parse_instant

AUTH = {"Authorization": "Bearer local-dev-token"}
IMPORTED = 10_001


@pytest.fixture(scope="module")
def imported():
    """One portal after an import of 10,001 contacts, and how long the import took."""
    client = TestClient(create_app(MockSettings()))
    started = time.monotonic()
    response = client.post(
        "/_mock/changes",
        json={"object_type": "contacts", "create": IMPORTED, "same_instant": True},
    )
    elapsed = time.monotonic() - started
    assert response.status_code == 200, response.text
    return client, response.json()["created"], elapsed


def instant_of(client, contact_id):
    record = client.get(f"/crm/v3/objects/contacts/{contact_id}", headers=AUTH).json()
    return record["updatedAt"]


def search(client, object_type, body):
    return client.post(f"/crm/v3/objects/{object_type}/search", headers=AUTH, json=body)


def modified_at(ms, *more):
    return [
        {"filters": [{"propertyName": "lastmodifieddate", "operator": "EQ", "value": ms}, *more]}
    ]


def test_an_import_of_10001_contacts_takes_at_most_a_couple_of_seconds(imported):
    _, created, elapsed = imported
    assert len(created) == len(set(created)) == IMPORTED
    assert elapsed < 2.0


def test_every_imported_contact_is_listed_with_one_create_and_modify_instant(imported):
    client, created, _ = imported
    listed, after = [], str(int(created[0]) - 1)
    while after:
        body = client.get(
            "/crm/v3/objects/contacts",
            headers=AUTH,
            params={"limit": 100, "after": after, "properties": "lastmodifieddate,createdate"},
        ).json()
        listed += body["results"]
        after = body.get("paging", {}).get("next", {}).get("after")
    assert [r["id"] for r in listed] == created
    stamps = {
        value
        for r in listed
        for value in (
            r["createdAt"],
            r["updatedAt"],
            r["properties"]["createdate"],
            r["properties"]["lastmodifieddate"],
        )
    }
    assert stamps == {instant_of(client, created[0])}


def test_imported_contacts_are_searchable_by_their_one_instant(imported):
    client, created, _ = imported
    ms = str(parse_instant(instant_of(client, created[0])))
    body = search(client, "contacts", {"filterGroups": modified_at(ms), "limit": 1}).json()
    assert body["total"] == IMPORTED
    newest = search(
        client,
        "contacts",
        {"sorts": [{"propertyName": "lastmodifieddate", "direction": "DESCENDING"}], "limit": 1},
    ).json()
    assert newest["results"][0]["updatedAt"] == instant_of(client, created[0])


def test_a_keyset_pass_on_id_reads_all_of_them_past_the_cap(imported):
    client, created, _ = imported
    ms = str(parse_instant(instant_of(client, created[0])))
    found, last = [], "0"
    while True:
        after_id = {"propertyName": "hs_object_id", "operator": "GT", "value": last}
        response = search(
            client,
            "contacts",
            {
                "filterGroups": modified_at(ms, after_id),
                "sorts": [{"propertyName": "hs_object_id", "direction": "ASCENDING"}],
                "limit": 100,
            },
        )
        assert response.status_code == 200, response.text
        page = [r["id"] for r in response.json()["results"]]
        if not page:
            break
        found += page
        last = page[-1]
    assert found == created


def test_paging_past_10000_results_is_a_400(imported):
    client, created, _ = imported
    ms = str(parse_instant(instant_of(client, created[0])))
    request = {
        "filterGroups": modified_at(ms),
        "sorts": [{"propertyName": "hs_object_id", "direction": "ASCENDING"}],
        "limit": 200,
    }
    seen, after = 0, None
    while True:
        response = search(client, "contacts", {**request, **({"after": after} if after else {})})
        if response.status_code != 200:
            break
        body = response.json()
        assert body["total"] == IMPORTED
        seen += len(body["results"])
        after = body["paging"]["next"]["after"]
    assert (seen, after) == (10_000, "10000")
    assert response.status_code == 400
    assert response.json()["category"] == "VALIDATION_ERROR"


def test_updates_and_archives_of_the_same_request_share_its_instant():
    client = TestClient(create_app(MockSettings()))
    result = client.post(
        "/_mock/changes",
        json={"object_type": "deals", "create": 3, "update": 4, "archive": 2, "same_instant": True},
    ).json()
    live = [
        client.get(f"/crm/v3/objects/deals/{i}", headers=AUTH).json()
        for i in result["created"] + result["updated"]
    ]
    archived = [
        client.get(f"/crm/v3/objects/deals/{i}", headers=AUTH, params={"archived": "true"}).json()
        for i in result["archived"]
    ]
    stamps = {r["updatedAt"] for r in live} | {r["archivedAt"] for r in archived}
    assert len(stamps) == 1
    assert {r["properties"]["hs_lastmodifieddate"] for r in live} == stamps


def test_without_the_flag_every_change_still_gets_its_own_instant():
    request = {"object_type": "contacts", "create": 3, "update": 2, "seed": 7}
    runs = []
    for flag in ({}, {"same_instant": False}):
        client = TestClient(create_app(MockSettings()))
        result = client.post("/_mock/changes", json={**request, **flag}).json()
        stamps = [instant_of(client, i) for i in result["created"] + result["updated"]]
        runs.append((result, stamps))
    assert runs[0] == runs[1]
    stamps = runs[0][1]
    assert len(set(stamps)) == len(stamps) and stamps == sorted(stamps)


def test_same_instant_must_be_a_boolean():
    client = TestClient(create_app(MockSettings()))
    body = {"object_type": "contacts", "create": 1, "same_instant": "yes"}
    assert client.post("/_mock/changes", json=body).status_code == 400
