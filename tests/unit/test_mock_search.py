import pytest
from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings
from mock_hubspot.store.clock import parse_instant

AUTH = {"Authorization": "Bearer local-dev-token"}


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(MockSettings()))


def search(client, object_type, **body):
    response = client.post(f"/crm/v3/objects/{object_type}/search", headers=AUTH, json=body)
    assert response.status_code == 200, response.text
    return response.json()


def one_filter(**flt):
    return [{"filters": [flt]}]


def everything(client, object_type, properties):
    return search(client, object_type, limit=200, properties=properties)["results"]


def test_the_taps_incremental_query_returns_modified_records_oldest_first(client):
    deals = everything(client, "deals", ["amount"])
    cutoff = sorted(d["updatedAt"] for d in deals)[len(deals) // 2]
    body = search(
        client,
        "deals",
        filterGroups=one_filter(
            propertyName="hs_lastmodifieddate",
            operator="GTE",
            value=str(parse_instant(cutoff)),
        ),
        sorts=[{"propertyName": "hs_lastmodifieddate", "direction": "ASCENDING"}],
        limit=100,
        properties=["dealname"],
    )
    stamps = [r["properties"]["hs_lastmodifieddate"] for r in body["results"]]
    assert stamps == sorted(stamps) and stamps[0] == cutoff
    assert body["total"] == len([d for d in deals if d["updatedAt"] >= cutoff])


@pytest.mark.parametrize(
    ("flt", "check"),
    [
        ({"operator": "EQ", "value": "CUSTOMER"}, lambda v: v == "customer"),
        ({"operator": "NEQ", "value": "customer"}, lambda v: v != "customer"),
        (
            {"operator": "IN", "values": ["lead", "opportunity"]},
            lambda v: v in ("lead", "opportunity"),
        ),
        ({"operator": "NOT_IN", "values": ["lead"]}, lambda v: v != "lead"),
        ({"operator": "HAS_PROPERTY"}, lambda v: v is not None),
    ],
)
def test_string_operators(client, flt, check):
    body = search(
        client,
        "contacts",
        limit=200,
        properties=["lifecyclestage"],
        filterGroups=one_filter(propertyName="lifecyclestage", **flt),
    )
    everyone = everything(client, "contacts", ["lifecyclestage"])
    expected = [c["id"] for c in everyone if check(c["properties"]["lifecyclestage"])]
    assert sorted(r["id"] for r in body["results"]) == sorted(expected)
    assert body["total"] == len(expected) > 0


@pytest.mark.parametrize(
    ("flt", "check"),
    [
        ({"operator": "LT", "value": "5000"}, lambda a: a < 5000),
        ({"operator": "LTE", "value": "5000"}, lambda a: a <= 5000),
        ({"operator": "GT", "value": "20000"}, lambda a: a > 20000),
        ({"operator": "GTE", "value": "20000"}, lambda a: a >= 20000),
        (
            {"operator": "BETWEEN", "value": "1000", "highValue": "9000"},
            lambda a: 1000 <= a <= 9000,
        ),
    ],
)
def test_numbers_compare_numerically(client, flt, check):
    body = search(
        client,
        "deals",
        limit=200,
        properties=["amount"],
        filterGroups=one_filter(propertyName="amount", **flt),
    )
    everyone = everything(client, "deals", ["amount"])
    expected = [d["id"] for d in everyone if check(float(d["properties"]["amount"]))]
    assert sorted(r["id"] for r in body["results"]) == sorted(expected)


def test_datetimes_accept_epoch_ms_and_iso(client):
    by_ms = search(
        client,
        "contacts",
        filterGroups=one_filter(propertyName="createdate", operator="LT", value="1756684800000"),
    )
    by_iso = search(
        client,
        "contacts",
        filterGroups=one_filter(
            propertyName="createdate", operator="LT", value="2025-09-01T00:00:00Z"
        ),
    )
    assert by_ms["total"] == by_iso["total"] > 0


def test_not_has_property_finds_unset_values(client):
    body = search(
        client,
        "contacts",
        limit=200,
        properties=["notes_last_contacted"],
        filterGroups=one_filter(propertyName="notes_last_contacted", operator="NOT_HAS_PROPERTY"),
    )
    assert body["total"] > 0
    assert all(r["properties"]["notes_last_contacted"] is None for r in body["results"])


def test_filter_groups_are_ored_and_filters_anded(client):
    groups = [
        {
            "filters": [
                {"propertyName": "lifecyclestage", "operator": "EQ", "value": "customer"},
                {"propertyName": "paracelsus_role", "operator": "EQ", "value": "physician"},
            ]
        },
        {"filters": [{"propertyName": "lifecyclestage", "operator": "EQ", "value": "lead"}]},
    ]
    body = search(
        client,
        "contacts",
        limit=200,
        filterGroups=groups,
        properties=["lifecyclestage", "paracelsus_role"],
    )
    everyone = everything(client, "contacts", ["lifecyclestage", "paracelsus_role"])
    expected = {
        c["id"]
        for c in everyone
        if (c["properties"]["lifecyclestage"], c["properties"]["paracelsus_role"])
        == ("customer", "physician")
        or c["properties"]["lifecyclestage"] == "lead"
    }
    assert {r["id"] for r in body["results"]} == expected


def test_sorts_descending_and_paging_with_after(client):
    first = search(
        client,
        "deals",
        limit=20,
        properties=["amount"],
        sorts=[{"propertyName": "amount", "direction": "DESCENDING"}],
    )
    second = search(
        client,
        "deals",
        limit=20,
        after=first["paging"]["next"]["after"],
        properties=["amount"],
        sorts=["-amount"],
    )
    amounts = [float(r["properties"]["amount"]) for r in first["results"] + second["results"]]
    assert amounts == sorted(amounts, reverse=True)
    assert first["paging"]["next"]["after"] == "20"


def test_free_text_query(client):
    contact = everything(client, "contacts", ["lastname"])[0]
    body = search(client, "contacts", query=contact["properties"]["lastname"].lower())
    assert contact["id"] in {r["id"] for r in body["results"]}


def test_search_never_returns_archived_records(client):
    archived = client.get(
        "/crm/v3/objects/contacts", headers=AUTH, params={"archived": "true", "limit": 100}
    ).json()["results"]
    found = {r["id"] for r in everything(client, "contacts", [])}
    assert archived and not found & {r["id"] for r in archived}


@pytest.mark.parametrize(
    "body",
    [
        {"after": "10000"},
        {"limit": 201},
        {"filterGroups": [{"filters": [{"propertyName": "nope", "operator": "EQ", "value": "1"}]}]},
        {
            "filterGroups": [
                {"filters": [{"propertyName": "email", "operator": "LIKE", "value": "x"}]}
            ]
        },
        {"filterGroups": [{"filters": [{"propertyName": "email", "operator": "EQ"}]}]},
        {"filterGroups": "nope"},
        [],
    ],
)
def test_bad_search_bodies_are_400_validation_errors(client, body):
    response = client.post("/crm/v3/objects/contacts/search", headers=AUTH, json=body)
    assert response.status_code == 400
    assert response.json()["category"] == "VALIDATION_ERROR"


def test_malformed_json_is_a_400(client):
    response = client.post(
        "/crm/v3/objects/contacts/search",
        headers={**AUTH, "Content-Type": "application/json"},
        content=b"{not json",
    )
    assert response.status_code == 400
    assert response.json()["status"] == "error"
