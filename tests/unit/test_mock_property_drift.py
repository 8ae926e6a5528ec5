from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings

AUTH = {"Authorization": "Bearer local-dev-token"}
NAME = "paracelsus_referral_source"
DRIFT = {
    "name": NAME,
    "type": "string",
    "fieldType": "text",
    "label": "Referral source",
    "value": "partner-portal",
    "apply_to": 3,
}


@pytest.fixture
def client():
    return TestClient(create_app(MockSettings()))


def latest_modified(client, object_type="contacts", modified="lastmodifieddate"):
    body = client.post(
        f"/crm/v3/objects/{object_type}/search",
        headers=AUTH,
        json={"sorts": [{"propertyName": modified, "direction": "DESCENDING"}], "limit": 1},
    ).json()
    return body["results"][0]["updatedAt"]


def modified_since(client, since):
    return client.post(
        "/crm/v3/objects/contacts/search",
        headers=AUTH,
        json={
            "filterGroups": [
                {
                    "filters": [
                        {"propertyName": "lastmodifieddate", "operator": "GTE", "value": since}
                    ]
                }
            ],
            "sorts": [{"propertyName": "lastmodifieddate", "direction": "ASCENDING"}],
            "properties": [NAME, "email"],
            "limit": 100,
        },
    ).json()


def first_page(client, limit=10):
    return client.get(
        "/crm/v3/objects/contacts", headers=AUTH, params={"properties": NAME, "limit": limit}
    ).json()["results"]


def test_new_property_is_listed_with_the_hubspot_shape(client):
    names = [
        p["name"] for p in client.get("/crm/v3/properties/contacts", headers=AUTH).json()["results"]
    ]
    assert NAME not in names
    result = client.post("/_mock/properties/contacts", json=DRIFT).json()
    definition = result["definition"]
    assert result["object_type"] == "contacts"
    listed = client.get("/crm/v3/properties/contacts", headers=AUTH).json()["results"]
    assert listed[-1] == definition
    assert [p["name"] for p in listed[:-1]] == names
    assert client.get(f"/crm/v3/properties/contacts/{NAME}", headers=AUTH).json() == definition
    assert definition["hubspotDefined"] is False
    assert (definition["type"], definition["fieldType"]) == ("string", "text")
    assert definition["label"] == "Referral source"
    assert definition["modificationMetadata"]["archivable"] is True
    assert definition["createdAt"] == definition["updatedAt"]


def test_apply_to_sets_the_value_on_the_first_records_and_moves_them_forward(client):
    high_water = latest_modified(client)
    before = first_page(client, limit=5)
    result = client.post("/_mock/properties/contacts", json=DRIFT).json()
    assert result["updated"] == [r["id"] for r in before[:3]]

    after = first_page(client, limit=5)
    assert [r["properties"][NAME] for r in after] == ["partner-portal"] * 3 + [None] * 2
    for old, new in zip(before[3:], after[3:], strict=True):
        assert new["updatedAt"] == old["updatedAt"]
    for record in after[:3]:
        assert record["updatedAt"] > high_water
        assert record["properties"]["lastmodifieddate"] == record["updatedAt"]
    assert result["definition"]["createdAt"] > high_water
    assert result["definition"]["createdAt"] < min(r["updatedAt"] for r in after[:3])

    one = client.get(
        f"/crm/v3/objects/contacts/{result['updated'][0]}",
        headers=AUTH,
        params={"properties": NAME},
    ).json()
    assert one["properties"][NAME] == "partner-portal"
    default = client.get("/crm/v3/objects/contacts", headers=AUTH, params={"limit": 1}).json()
    assert NAME not in default["results"][0]["properties"]


def test_incremental_search_picks_up_exactly_the_applied_records(client):
    high_water = datetime.fromisoformat(latest_modified(client).replace("Z", "+00:00"))
    above = str(int(high_water.timestamp() * 1000) + 1)
    result = client.post("/_mock/properties/contacts", json=DRIFT).json()
    since = modified_since(client, above)
    assert since["total"] == 3
    assert [r["id"] for r in since["results"]] == result["updated"]
    assert {r["properties"][NAME] for r in since["results"]} == {"partner-portal"}

    everything = modified_since(client, "0")
    untouched = [r for r in everything["results"] if r["id"] not in result["updated"]]
    assert untouched and all(r["properties"][NAME] is None for r in untouched)


def test_new_property_is_searchable(client):
    client.post("/_mock/properties/contacts", json=DRIFT)
    body = client.post(
        "/crm/v3/objects/contacts/search",
        headers=AUTH,
        json={"filterGroups": [{"filters": [{"propertyName": NAME, "operator": "HAS_PROPERTY"}]}]},
    ).json()
    assert body["total"] == 3


def test_later_change_updates_give_the_value(client):
    client.post("/_mock/properties/contacts", json={**DRIFT, "apply_to": 0})
    assert all(r["properties"][NAME] is None for r in first_page(client, limit=100))
    changed = client.post("/_mock/changes", json={"object_type": "contacts", "update": 4}).json()
    for record_id in changed["updated"]:
        record = client.get(
            f"/crm/v3/objects/contacts/{record_id}", headers=AUTH, params={"properties": NAME}
        ).json()
        assert record["properties"][NAME] == "partner-portal"
    created = client.post("/_mock/changes", json={"object_type": "contacts", "create": 1}).json()
    record = client.get(
        f"/crm/v3/objects/contacts/{created['created'][0]}",
        headers=AUTH,
        params={"properties": NAME},
    ).json()
    assert record["properties"][NAME] is None


def test_without_a_value_nothing_changes(client):
    high_water = latest_modified(client)
    result = client.post(
        "/_mock/properties/contacts", json={"name": "paracelsus_notes", "label": "Notes"}
    ).json()
    assert result["updated"] == []
    assert result["definition"]["type"] == "string"
    assert latest_modified(client) == high_water
    changed = client.post("/_mock/changes", json={"object_type": "contacts", "update": 2}).json()
    record = client.get(
        f"/crm/v3/objects/contacts/{changed['updated'][0]}",
        headers=AUTH,
        params={"properties": "paracelsus_notes"},
    ).json()
    assert record["properties"]["paracelsus_notes"] is None


def test_number_and_enumeration_properties(client):
    number = client.post(
        "/_mock/properties/deals",
        json={
            "name": "paracelsus_score",
            "type": "number",
            "fieldType": "number",
            "value": "7.5",
            "apply_to": 1,
        },
    ).json()
    assert (number["definition"]["type"], number["definition"]["fieldType"]) == ("number", "number")
    body = client.post(
        "/crm/v3/objects/deals/search",
        headers=AUTH,
        json={
            "filterGroups": [
                {"filters": [{"propertyName": "paracelsus_score", "operator": "GT", "value": "7"}]}
            ],
            "properties": ["paracelsus_score"],
        },
    ).json()
    assert [r["id"] for r in body["results"]] == number["updated"]
    assert body["results"][0]["properties"]["paracelsus_score"] == "7.5"

    options = [{"label": "Partner", "value": "partner"}, "web"]
    enum = client.post(
        "/_mock/properties/company",
        json={
            "name": "paracelsus_channel",
            "type": "enumeration",
            "fieldType": "select",
            "label": "Channel",
            "options": options,
            "value": "web",
            "apply_to": 2,
        },
    ).json()
    assert enum["object_type"] == "companies"
    assert [(o["value"], o["label"], o["displayOrder"]) for o in enum["definition"]["options"]] == [
        ("partner", "Partner", 0),
        ("web", "web", 1),
    ]
    listed = client.get("/crm/v3/properties/companies/paracelsus_channel", headers=AUTH).json()
    assert listed == enum["definition"]
    assert len(enum["updated"]) == 2


def test_same_requests_give_the_same_results():
    def run():
        client = TestClient(create_app(MockSettings()))
        first = client.post("/_mock/properties/contacts", json=DRIFT).json()
        changes = client.post(
            "/_mock/changes", json={"object_type": "contacts", "update": 3}
        ).json()
        return first, changes, first_page(client, limit=20)

    assert run() == run()


def test_duplicate_names_are_400(client):
    assert client.post("/_mock/properties/contacts", json=DRIFT).status_code == 200
    again = client.post("/_mock/properties/contacts", json=DRIFT)
    assert again.status_code == 400
    assert again.json()["category"] == "VALIDATION_ERROR"
    assert again.json()["status"] == "error" and NAME in again.json()["message"]
    builtin = client.post("/_mock/properties/contacts", json={"name": "email", "label": "E-mail"})
    assert builtin.status_code == 400
    assert client.post("/_mock/properties/deals", json=DRIFT).status_code == 200


def test_unknown_object_type_is_404(client):
    response = client.post("/_mock/properties/widgets", json=DRIFT)
    assert response.status_code == 404
    assert response.json()["category"] == "OBJECT_NOT_FOUND"


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {"type": "string"},
        {"name": "Bad Name"},
        {"name": "hs_reserved"},
        {"name": "x_prop", "type": "bool"},
        {"name": "x_prop", "type": "string", "fieldType": "number"},
        {"name": "x_prop", "type": "number", "value": "seven"},
        {"name": "x_prop", "type": "enumeration", "fieldType": "select"},
        {"name": "x_prop", "type": "enumeration", "options": ["a"], "value": "b"},
        {"name": "x_prop", "type": "string", "options": ["a"]},
        {"name": "x_prop", "value": 5},
        {"name": "x_prop", "apply_to": 2},
        {"name": "x_prop", "value": "v", "apply_to": -1},
        {"name": "x_prop", "value": "v", "apply_to": 10_000_000},
        {"name": "x_prop", "bogus": 1},
    ],
)
def test_bad_bodies_are_400(client, body):
    before = client.get("/crm/v3/properties/contacts", headers=AUTH).json()
    response = client.post("/_mock/properties/contacts", json=body)
    assert response.status_code == 400
    assert response.json()["category"] == "VALIDATION_ERROR"
    assert client.get("/crm/v3/properties/contacts", headers=AUTH).json() == before


def test_reset_forgets_added_properties(client):
    client.post("/_mock/properties/contacts", json=DRIFT)
    client.post("/_mock/reset")
    assert client.get(f"/crm/v3/properties/contacts/{NAME}", headers=AUTH).status_code == 404
