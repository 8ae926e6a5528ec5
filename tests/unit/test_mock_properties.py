import pytest
from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings
from mock_hubspot.store.stream_counts import PROPERTIES_STREAM_TYPES

AUTH = {"Authorization": "Bearer local-dev-token"}
FIELD_TYPES = {
    "string": {"text", "textarea", "phonenumber"},
    "number": {"number"},
    "date": {"date"},
    "datetime": {"date"},
    "bool": {"booleancheckbox"},
    # checkbox: a multi-value enumeration (hs_merged_object_ids).
    "enumeration": {"select", "checkbox"},
}
TAP_DISCOVERY_TYPES = (
    "contacts",
    "companies",
    "deals",
    "leads",
    "line_items",
    "goal_targets",
    "calls",
    "communications",
    "emails",
    "meetings",
    "notes",
    "postal_mail",
    "tasks",
)


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(MockSettings()))


@pytest.mark.parametrize("object_type", sorted({*TAP_DISCOVERY_TYPES, *PROPERTIES_STREAM_TYPES}))
def test_every_type_the_tap_asks_for_is_described(client, object_type):
    response = client.get(f"/crm/v3/properties/{object_type}", headers=AUTH)
    assert response.status_code == 200
    for prop in response.json()["results"]:
        assert {
            "name",
            "label",
            "type",
            "fieldType",
            "groupName",
            "description",
            "options",
            "hidden",
            "hubspotDefined",
            "createdAt",
            "updatedAt",
        } <= set(prop)
        assert prop["fieldType"] in FIELD_TYPES[prop["type"]], prop["name"]
        # A calculated enumeration lists values HubSpot fills in (ids), not options.
        if prop["type"] in ("enumeration", "bool") and not prop["calculated"]:
            assert prop["options"] and all(isinstance(o["value"], str) for o in prop["options"])


@pytest.mark.parametrize("object_type", TAP_DISCOVERY_TYPES)
def test_records_carry_exactly_the_described_properties(client, object_type):
    names = [
        p["name"]
        for p in client.get(f"/crm/v3/properties/{object_type}", headers=AUTH).json()["results"]
    ]
    record = client.get(
        f"/crm/v3/objects/{object_type}",
        headers=AUTH,
        params={"properties": ",".join(names), "limit": 1},
    ).json()["results"][0]
    assert set(record["properties"]) == set(names)
    modified = "lastmodifieddate" if object_type == "contacts" else "hs_lastmodifieddate"
    assert record["properties"][modified] == record["updatedAt"]


def test_enumeration_values_in_records_are_declared_options(client):
    props = client.get("/crm/v3/properties/deals", headers=AUTH).json()["results"]
    options = {p["name"]: {o["value"] for o in p["options"]} for p in props if p["options"]}
    deals = client.get(
        "/crm/v3/objects/deals",
        headers=AUTH,
        params={"properties": ",".join(options), "limit": 100},
    ).json()["results"]
    for deal in deals:
        for name, allowed in options.items():
            value = deal["properties"][name]
            assert value is None or value in allowed, (name, value)


def test_deals_reference_existing_pipelines_stages_and_owners(client):
    pipelines = client.get("/crm-pipelines/v1/pipelines/deals", headers=AUTH).json()["results"]
    stages = {(p["pipelineId"], s["stageId"]) for p in pipelines for s in p["stages"]}
    owners = {o["id"] for o in client.get("/crm/v3/owners", headers=AUTH).json()["results"]}
    deals = client.get(
        "/crm/v3/objects/deals",
        headers=AUTH,
        params={"properties": "pipeline,dealstage,hubspot_owner_id", "limit": 100},
    ).json()["results"]
    assert len(owners) == 8 and len(pipelines) == 2
    for deal in deals:
        props = deal["properties"]
        assert (props["pipeline"], props["dealstage"]) in stages
        assert props["hubspot_owner_id"] in owners


def test_single_property_and_unknown_property(client):
    assert client.get("/crm/v3/properties/contacts/email", headers=AUTH).json()["type"] == "string"
    assert client.get("/crm/v3/properties/contacts/nope", headers=AUTH).status_code == 404
