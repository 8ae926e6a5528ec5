"""Merged contacts in the mock, as HubSpot merges them: the primary survives with the ids it
absorbed, the merged record leaves every list and its id reads as the survivor, and its
associations move to the survivor."""

import pytest
from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings
from mock_hubspot.store.clock import parse_instant

from .mock_listing import listed_ids

AUTH = {"Authorization": "Bearer local-dev-token"}
FIRST_CONTACT_ID = 1_000_000_001
PEOPLE = 80  # OLTP physicians and providers at seed 42, scale 1: contacts 0..79


@pytest.fixture
def client():
    return TestClient(create_app(MockSettings()))


def merge(client, primary, merged):
    return client.post(
        "/crm/v3/objects/contacts/merge",
        headers=AUTH,
        json={"primaryObjectId": primary, "objectIdToMerge": merged},
    )


def read(client, record_id, **params):
    return client.get(f"/crm/v3/objects/contacts/{record_id}", headers=AUTH, params=params)


def merged_ids(client, record_id):
    body = read(client, record_id, properties="hs_merged_object_ids").json()
    return body["properties"]["hs_merged_object_ids"]


def linked(client, from_type, to_type, record_ids):
    """{from id: {to id: [(typeId, label)]}} as v4 batch read answers it."""
    response = client.post(
        f"/crm/v4/associations/{from_type}/{to_type}/batch/read",
        headers=AUTH,
        json={"inputs": [{"id": i} for i in record_ids]},
    )
    assert response.status_code in (200, 207)
    return {
        r["from"]["id"]: {
            str(to["toObjectId"]): [(t["typeId"], t["label"]) for t in to["associationTypes"]]
            for to in r["to"]
        }
        for r in response.json()["results"]
    }


def search_ids(client, filters, limit=200):
    body = client.post(
        "/crm/v3/objects/contacts/search",
        headers=AUTH,
        json={"filterGroups": [{"filters": filters}], "limit": limit},
    ).json()
    return [r["id"] for r in body["results"]]


def prospects(client, count):
    return [i for i in listed_ids(client, "contacts") if int(i) >= FIRST_CONTACT_ID + PEOPLE][
        :count
    ]


def test_a_merge_answers_the_surviving_primary(client):
    primary, merged = prospects(client, 2)
    response = merge(client, primary, merged)
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == primary and body["archived"] is False
    assert {"email", "firstname", "lastname", "createdate", "lastmodifieddate"} <= set(
        body["properties"]
    )


def test_the_survivor_lists_what_it_absorbed_and_an_incremental_search_reads_it_again(client):
    primary, merged = prospects(client, 2)
    high_water = max(
        parse_instant(r["properties"]["lastmodifieddate"])
        for r in client.get("/crm/v3/objects/contacts", headers=AUTH, params={"limit": 100}).json()[
            "results"
        ]
    )
    assert merged_ids(client, primary) is None
    merge(client, primary, merged)

    assert merged_ids(client, primary) == merged
    since = search_ids(
        client, [{"propertyName": "lastmodifieddate", "operator": "GT", "value": str(high_water)}]
    )
    assert since == [primary]


def test_merged_ids_accumulate_with_the_ones_the_merged_record_had_absorbed(client):
    a, b, c, d = prospects(client, 4)
    merge(client, a, b)
    merge(client, c, a)
    assert merged_ids(client, c) == f"{a};{b}"
    merge(client, c, d)
    assert merged_ids(client, c) == f"{a};{b};{d}"
    # Every id merged along the way reads as the survivor.
    assert {read(client, i).json()["id"] for i in (a, b, c, d)} == {c}


def test_the_merged_record_leaves_lists_searches_and_is_not_archived(client):
    primary, merged = prospects(client, 2)
    before = client.get("/_mock/object-counts").json()["contacts"]
    merge(client, primary, merged)

    assert merged not in listed_ids(client, "contacts")
    archived = client.get(
        "/crm/v3/objects/contacts", headers=AUTH, params={"archived": "true", "limit": 100}
    ).json()["results"]
    assert merged not in {r["id"] for r in archived}
    assert (
        search_ids(client, [{"propertyName": "hs_object_id", "operator": "EQ", "value": merged}])
        == []
    )
    assert client.get("/_mock/object-counts").json()["contacts"] == {
        "live": before["live"] - 1,
        "archived": before["archived"],
    }


def test_a_merged_id_reads_as_the_survivor_but_not_as_an_archived_record(client):
    primary, merged = prospects(client, 2)
    merge(client, primary, merged)
    response = read(client, merged, properties="email")
    assert response.status_code == 200 and response.json()["id"] == primary
    assert read(client, merged, archived="true").status_code == 404


def test_a_batch_read_gives_the_survivor_once_for_its_ids_and_names_the_unknown(client):
    primary, merged = prospects(client, 2)
    merge(client, primary, merged)
    response = client.post(
        "/crm/v3/objects/contacts/batch/read",
        headers=AUTH,
        json={
            "inputs": [{"id": merged}, {"id": primary}, {"id": "999"}],
            "properties": ["hs_merged_object_ids"],
        },
    )
    assert response.status_code == 207
    body = response.json()
    assert [r["id"] for r in body["results"]] == [primary]
    assert body["results"][0]["properties"]["hs_merged_object_ids"] == merged
    assert body["numErrors"] == 1
    assert body["errors"][0]["category"] == "OBJECT_NOT_FOUND"
    assert body["errors"][0]["context"] == {"ids": ["999"]}


def test_associations_move_to_the_survivor_in_both_directions(client):
    contacts = listed_ids(client, "contacts")
    deals = linked(client, "contacts", "deals", contacts)
    calls = linked(client, "contacts", "calls", contacts)
    # Two people contacts (the linked ones) with deals and calls of their own.
    primary, merged = [c for c in contacts if c in deals and c in calls][:2]
    moved = {
        to_type: set(linked(client, "contacts", to_type, [primary]).get(primary, {}))
        | set(linked(client, "contacts", to_type, [merged]).get(merged, {}))
        for to_type in ("deals", "calls", "companies", "tickets", "supervision_agreement")
    }
    merge(client, primary, merged)

    for to_type, expected in moved.items():
        assert set(linked(client, "contacts", to_type, [primary]).get(primary, {})) == expected
        assert linked(client, "contacts", to_type, [merged]) == {}
        for other, contacts_of in linked(client, to_type, "contacts", sorted(expected)).items():
            assert primary in contacts_of and merged not in contacts_of, (to_type, other)


def test_a_record_linked_to_both_keeps_one_link_and_the_primary_keeps_its_primary(client):
    contacts = listed_ids(client, "contacts")
    companies = linked(client, "contacts", "companies", contacts)
    with_primary = [
        c for c, links in companies.items() if any(label for t in links.values() for _, label in t)
    ]
    primary, merged = with_primary[:2]
    (primary_company,) = [co for co, types in companies[primary].items() if (1, "Primary") in types]
    (merged_company,) = [co for co, types in companies[merged].items() if (1, "Primary") in types]
    assert primary_company != merged_company
    deal = listed_ids(client, "deals")[0]
    for contact in (primary, merged):
        client.put(
            f"/crm/v4/objects/deals/{deal}/associations/default/contacts/{contact}", headers=AUTH
        )
    merge(client, primary, merged)

    assert list(linked(client, "deals", "contacts", [deal])[deal]).count(primary) == 1
    assert merged not in linked(client, "deals", "contacts", [deal])[deal]
    after = linked(client, "contacts", "companies", [primary])[primary]
    assert (1, "Primary") in after[primary_company]
    # HubSpot keeps the primary's primary company; the other one stays, unlabeled.
    assert after[merged_company] == [(279, None)]


def test_association_counts_match_the_batch_reads_after_merges(client):
    client.post("/_mock/merges", json={"count": 3, "seed": 2, "include_people": True})
    counts = client.get("/_mock/counts").json()
    for from_type, to_type in (("contact", "company"), ("deal", "contact"), ("call", "contact")):
        ids = listed_ids(client, from_type)
        rows = sum(
            len(types)
            for targets in linked(client, from_type, to_type, ids).values()
            for types in targets.values()
        )
        assert rows == counts[f"{from_type}_{to_type}_associations"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"primaryObjectId": "1000000090"}, 400),
        ({"primaryObjectId": "1000000090", "objectIdToMerge": "1000000090"}, 400),
        ({"primaryObjectId": "1000000090", "objectIdToMerge": "42"}, 404),
    ],
)
def test_a_merge_with_a_missing_or_unknown_id_or_itself_fails(client, body, status):
    response = client.post("/crm/v3/objects/contacts/merge", headers=AUTH, json=body)
    assert response.status_code == status
    assert response.json()["category"] in ("VALIDATION_ERROR", "OBJECT_NOT_FOUND")


def test_an_id_merged_already_stands_for_its_survivor_so_it_cannot_merge_into_it(client):
    primary, merged = prospects(client, 2)
    merge(client, primary, merged)
    assert merge(client, primary, merged).status_code == 400
    archived = client.get(
        "/crm/v3/objects/contacts", headers=AUTH, params={"archived": "true"}
    ).json()["results"][0]["id"]
    assert merge(client, primary, archived).status_code == 404


def test_the_admin_route_merges_deterministic_pairs_of_prospects(client):
    body = {"object_type": "contacts", "count": 4, "seed": 7}
    pairs = client.post("/_mock/merges", json=body).json()
    assert len(pairs) == 4 and all(set(p) == {"primary", "merged"} for p in pairs)
    assert all(int(i) >= FIRST_CONTACT_ID + PEOPLE for p in pairs for i in p.values())
    assert TestClient(create_app(MockSettings())).post("/_mock/merges", json=body).json() == pairs
    for pair in pairs:
        assert merged_ids(client, pair["primary"]) == pair["merged"]
    # Another call picks among the live ones: survivors may merge again, the merged not.
    again = client.post("/_mock/merges", json={**body, "count": 5}).json()
    assert not {i for p in again for i in p.values()} & {p["merged"] for p in pairs}


def test_the_admin_route_takes_people_only_when_asked_and_only_what_there_is(client):
    too_many = client.post("/_mock/merges", json={"count": 30})
    assert too_many.status_code == 400
    pairs = client.post("/_mock/merges", json={"count": 30, "include_people": True}).json()
    assert any(int(i) < FIRST_CONTACT_ID + PEOPLE for p in pairs for i in p.values())
    assert client.post("/_mock/merges", json={"object_type": "deals"}).status_code == 400
    assert client.post("/_mock/merges", json={"count": "x"}).status_code == 400


def test_a_reset_undoes_the_merges(client):
    before = client.get("/_mock/counts").json()
    (pair,) = client.post("/_mock/merges", json={"count": 1, "seed": 3}).json()
    assert client.get("/_mock/counts").json() != before
    client.post("/_mock/reset")
    assert client.get("/_mock/counts").json() == before
    assert read(client, pair["merged"]).json()["id"] == pair["merged"]
    assert merged_ids(client, pair["primary"]) is None


def test_the_merged_ids_property_is_described_as_hubspot_does(client):
    catalog = client.get("/crm/v3/properties/contacts", headers=AUTH).json()["results"]
    (prop,) = [p for p in catalog if p["name"] == "hs_merged_object_ids"]
    assert prop["label"] == "Merged Contact IDs"
    assert (prop["type"], prop["fieldType"]) == ("enumeration", "checkbox")
    assert prop["calculated"] is True and prop["hubspotDefined"] is True
    assert prop["modificationMetadata"]["readOnlyValue"] is True
