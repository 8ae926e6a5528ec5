import pytest
from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings

from .mock_listing import listed_ids

AUTH = {"Authorization": "Bearer local-dev-token"}


@pytest.fixture
def client():
    return TestClient(create_app(MockSettings()))


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


def counts(client):
    return client.get("/_mock/counts").json()


def put_default(client, from_type, from_id, to_type, to_id):
    return client.put(
        f"/crm/v4/objects/{from_type}/{from_id}/associations/default/{to_type}/{to_id}",
        headers=AUTH,
    )


def delete_all(client, from_type, from_id, to_type, to_id):
    return client.delete(
        f"/crm/v4/objects/{from_type}/{from_id}/associations/{to_type}/{to_id}", headers=AUTH
    )


def unlinked_pair(client):
    """A contact with no company and a company it is not associated with."""
    contacts = listed_ids(client, "contacts")
    with_company = linked(client, "contacts", "companies", contacts)
    contact = next(c for c in contacts if c not in with_company)
    return contact, listed_ids(client, "companies")[0]


def primary_pair(client):
    """A contact and its generated primary company."""
    contacts = listed_ids(client, "contacts")
    for contact, companies in linked(client, "contacts", "companies", contacts).items():
        for company, types in companies.items():
            if (1, "Primary") in types:
                return contact, company
    raise AssertionError("no contact has a primary company")


def test_put_default_creates_both_directions(client):
    contact, company = unlinked_pair(client)
    # Build the inverted index and the counts first: the edit must invalidate both caches.
    assert contact not in linked(client, "companies", "contacts", [company]).get(company, {})
    before = counts(client)

    response = put_default(client, "contact", contact, "companies", company)

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "COMPLETE" and body["startedAt"] and body["completedAt"]
    assert body["results"] == [
        {
            "from": {"id": contact},
            "to": {"id": company},
            "associationSpec": {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 279},
        },
        {
            "from": {"id": company},
            "to": {"id": contact},
            "associationSpec": {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 280},
        },
    ]
    assert linked(client, "contacts", "companies", [contact]) == {contact: {company: [(279, None)]}}
    assert linked(client, "companies", "contacts", [company])[company][contact] == [(280, None)]
    after = counts(client)
    assert after["contact_company_associations"] == before["contact_company_associations"] + 1
    assert after["company_contact_associations"] == before["company_contact_associations"] + 1


def test_put_default_from_the_non_owning_side_and_by_type_id(client):
    contact, company = unlinked_pair(client)
    response = put_default(client, "0-2", company, "0-1", contact)
    assert [r["associationSpec"]["associationTypeId"] for r in response.json()["results"]] == [
        280,
        279,
    ]
    assert linked(client, "contacts", "companies", [contact]) == {contact: {company: [(279, None)]}}


def test_put_default_is_idempotent(client):
    contact, company = primary_pair(client)
    before = counts(client)
    for _ in range(2):
        assert put_default(client, "contacts", contact, "companies", company).status_code == 200
    assert counts(client) == before
    # An existing association keeps its labels: the default one is already among them.
    assert (1, "Primary") in linked(client, "contacts", "companies", [contact])[contact][company]


def test_delete_removes_every_type_in_both_directions(client):
    contact, company = primary_pair(client)
    types = linked(client, "contacts", "companies", [contact])[contact][company]
    assert len(linked(client, "companies", "contacts", [company])[company][contact]) == len(types)
    before = counts(client)

    response = delete_all(client, "contacts", contact, "company", company)

    assert response.status_code == 204 and response.content == b""
    assert company not in linked(client, "contacts", "companies", [contact]).get(contact, {})
    assert contact not in linked(client, "companies", "contacts", [company]).get(company, {})
    after = counts(client)
    for stream in ("contact_company_associations", "company_contact_associations"):
        assert after[stream] == before[stream] - len(types)
    # Nothing left to remove: still a 204, nothing moves.
    assert delete_all(client, "contacts", contact, "company", company).status_code == 204
    assert counts(client) == after


def test_delete_then_put_brings_back_only_the_unlabeled_type(client):
    contact, company = primary_pair(client)
    delete_all(client, "companies", company, "contacts", contact)
    put_default(client, "contacts", contact, "companies", company)
    assert linked(client, "contacts", "companies", [contact])[contact][company] == [(279, None)]


def test_counts_match_batch_reads_after_edits(client):
    contact, company = unlinked_pair(client)
    put_default(client, "contacts", contact, "companies", company)
    deal = listed_ids(client, "deals")[0]
    for other in linked(client, "deals", "contacts", [deal]).get(deal, {}):
        delete_all(client, "deals", deal, "contacts", other)
    found = counts(client)
    for from_type, to_type, stream in (
        ("contacts", "companies", "contact_company_associations"),
        ("companies", "contacts", "company_contact_associations"),
        ("deals", "contacts", "deal_contact_associations"),
        ("contacts", "deals", "contact_deal_associations"),
    ):
        rows = linked(client, from_type, to_type, listed_ids(client, from_type))
        assert sum(len(t) for targets in rows.values() for t in targets.values()) == found[stream]


def test_v3_reads_show_the_edits(client):
    contact, company = unlinked_pair(client)
    put_default(client, "contacts", contact, "companies", company)
    record = client.get(
        f"/crm/v3/objects/contacts/{contact}", headers=AUTH, params={"associations": "companies"}
    ).json()
    assert record["associations"]["companies"]["results"] == [
        {"id": company, "type": "contact_to_company_unlabeled"}
    ]

    contact, company = primary_pair(client)
    delete_all(client, "contacts", contact, "companies", company)
    listed = client.get(
        "/crm/v3/objects/companies",
        headers=AUTH,
        params={"associations": "contacts", "limit": 100},
    ).json()["results"]
    row = next(r for r in listed if r["id"] == company)
    assert contact not in {
        link["id"] for link in row.get("associations", {}).get("contacts", {}).get("results", [])
    }


def test_edits_leave_the_last_modified_dates_alone(client):
    contact, company = unlinked_pair(client)
    paths = (f"/crm/v3/objects/contacts/{contact}", f"/crm/v3/objects/companies/{company}")
    before = [client.get(path, headers=AUTH).json() for path in paths]

    put_default(client, "contacts", contact, "companies", company)
    delete_all(client, "contacts", contact, "companies", company)
    put_default(client, "contacts", contact, "companies", company)

    after = [client.get(path, headers=AUTH).json() for path in paths]
    assert [r["updatedAt"] for r in after] == [r["updatedAt"] for r in before]
    assert after[0]["properties"]["lastmodifieddate"] == before[0]["properties"]["lastmodifieddate"]
    assert (
        after[1]["properties"]["hs_lastmodifieddate"]
        == before[1]["properties"]["hs_lastmodifieddate"]
    )


def test_edits_are_deterministic(client):
    contact, company = primary_pair(client)
    other = TestClient(create_app(MockSettings()))
    for app in (client, other):
        delete_all(app, "contacts", contact, "companies", company)
        put_default(app, "deals", listed_ids(app, "deals")[0], "contacts", contact)
    assert linked(client, "contacts", "deals", [contact]) == linked(
        other, "contacts", "deals", [contact]
    )
    assert counts(client) == counts(other)


def test_reset_clears_the_edits(client):
    contacts = listed_ids(client, "contacts")
    original = linked(client, "contacts", "companies", contacts)
    before = counts(client)
    lonely, company = unlinked_pair(client)
    put_default(client, "contacts", lonely, "companies", company)
    contact, primary = primary_pair(client)
    delete_all(client, "contacts", contact, "companies", primary)
    assert counts(client) != before

    client.post("/_mock/reset")

    assert counts(client) == before
    assert linked(client, "contacts", "companies", contacts) == original


def test_unknown_and_archived_records_are_404(client):
    archived = client.get(
        "/crm/v3/objects/contacts", headers=AUTH, params={"archived": "true", "limit": 1}
    ).json()["results"][0]["id"]
    company = listed_ids(client, "companies")[0]
    for contact in ("999", "12345678901234", "abc", archived):
        for response in (
            put_default(client, "contacts", contact, "companies", company),
            delete_all(client, "companies", company, "contacts", contact),
        ):
            assert response.status_code == 404
            assert response.json()["category"] == "OBJECT_NOT_FOUND"


def test_pairs_without_an_association_type_are_400(client):
    contact, company = unlinked_pair(client)
    product = listed_ids(client, "products")[0]
    for from_type, from_id, to_type, to_id in (
        ("contacts", contact, "contacts", contact),
        ("products", product, "companies", company),
        ("widgets", "1", "companies", company),
    ):
        for response in (
            put_default(client, from_type, from_id, to_type, to_id),
            delete_all(client, from_type, from_id, to_type, to_id),
        ):
            assert response.status_code == 400
            assert response.json()["category"] == "VALIDATION_ERROR"


def test_edits_need_the_token(client):
    contact, company = unlinked_pair(client)
    path = f"/crm/v4/objects/contacts/{contact}/associations"
    assert client.put(f"{path}/default/companies/{company}").status_code == 401
    assert client.delete(f"{path}/companies/{company}").status_code == 401
