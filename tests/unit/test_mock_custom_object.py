"""The portal's custom object, supervision agreements: its schema under HubSpot's schema
routes, its records under the CRM object routes in every spelling, one agreement per OLTP
provider and supervisor (with the gaps a hand-kept CRM has), linked to both contacts."""

from datetime import date

import pytest
from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings
from mock_hubspot.store.clock import ANCHOR
from oltp_seed.generator import generate_supervision
from oltp_seed.roster import build_roster
from oltp_seed.tables import COLUMNS

from .mock_listing import listed_ids

AUTH = {"Authorization": "Bearer local-dev-token"}
PORTAL_ID = 40_000_042
SPELLINGS = ("supervision_agreement", f"p{PORTAL_ID}_supervision_agreement", "2-7710001")
FIRST_CONTACT_ID = 1_000_000_001
PROPERTIES = (
    "agreement_name",
    "physician_email",
    "provider_email",
    "state",
    "start_date",
    "end_date",
    "agreement_status",
)


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(MockSettings()))


@pytest.fixture(scope="module")
def agreements(client):
    """Every agreement's properties, by id."""
    found, after = {}, None
    while True:
        params = {"limit": 100, "properties": ",".join(PROPERTIES)}
        body = client.get(
            "/crm/v3/objects/supervision_agreement",
            headers=AUTH,
            params={**params, **({"after": after} if after else {})},
        ).json()
        found.update({r["id"]: r["properties"] for r in body["results"]})
        after = body.get("paging", {}).get("next", {}).get("after")
        if not after:
            return found


@pytest.fixture(scope="module")
def roster():
    return build_roster(42, 1.0)


def emails_by_role(roster):
    return {p.email: p for p in roster.people}


@pytest.mark.parametrize("prefix", ["/crm/v3/schemas", "/crm-object-schemas/v3/schemas"])
def test_the_schema_is_listed_and_read_by_name_qualified_name_or_type_id(client, prefix):
    (listed,) = client.get(prefix, headers=AUTH).json()["results"]
    for spelling in SPELLINGS:
        assert client.get(f"{prefix}/{spelling}", headers=AUTH).json() == listed
    assert listed["objectTypeId"] == "2-7710001" and listed["name"] == "supervision_agreement"
    assert listed["fullyQualifiedName"] == f"p{PORTAL_ID}_supervision_agreement"
    assert listed["labels"] == {
        "singular": "Supervision agreement",
        "plural": "Supervision agreements",
    }
    assert listed["primaryDisplayProperty"] == "agreement_name"
    assert set(listed["requiredProperties"]) == {
        "agreement_name",
        "physician_email",
        "provider_email",
    }
    assert listed["associations"] == [
        {
            "id": "91",
            "fromObjectTypeId": "2-7710001",
            "toObjectTypeId": "0-1",
            "name": "supervision_agreement_to_contact",
            "createdAt": listed["associations"][0]["createdAt"],
            "updatedAt": listed["associations"][0]["updatedAt"],
        }
    ]
    for missing in ("p1_supervision_agreement", "2-123", "contacts"):
        assert client.get(f"{prefix}/{missing}", headers=AUTH).status_code == 404
    assert client.get(prefix).status_code == 401


def test_the_schema_lists_the_properties_the_tap_reads(client):
    """tap-hubspot's CustomObjectStream takes `properties[*]` name and type from the
    schema, and searches incrementally when `hs_lastmodifieddate` is among them."""
    schema = client.get("/crm-object-schemas/v3/schemas/supervision_agreement", headers=AUTH).json()
    types = {p["name"]: (p["type"], p["fieldType"]) for p in schema["properties"]}
    assert types == {
        "hs_object_id": ("number", "number"),
        "hs_createdate": ("datetime", "date"),
        "hs_lastmodifieddate": ("datetime", "date"),
        "agreement_name": ("string", "text"),
        "physician_email": ("string", "text"),
        "provider_email": ("string", "text"),
        "state": ("enumeration", "select"),
        "start_date": ("date", "date"),
        "end_date": ("date", "date"),
        "agreement_status": ("enumeration", "select"),
    }
    options = {p["name"]: [o["value"] for o in p["options"]] for p in schema["properties"]}
    assert options["agreement_status"] == ["active", "expired", "terminated"]
    assert len(options["state"]) == 50 and "TX" in options["state"]
    ours = {p["name"]: p["hubspotDefined"] for p in schema["properties"]}
    assert not any(ours[name] for name in PROPERTIES) and ours["hs_object_id"]
    for spelling in SPELLINGS:
        listed = client.get(f"/crm/v3/properties/{spelling}", headers=AUTH).json()["results"]
        assert [p["name"] for p in listed] == list(types)


def test_records_read_the_same_in_every_spelling(client, agreements):
    first = next(iter(agreements))
    read = [
        client.get(f"/crm/v3/objects/{s}/{first}", headers=AUTH, params={"properties": "state"})
        for s in SPELLINGS
    ]
    assert all(r.status_code == 200 for r in read)
    assert read[0].json() == read[1].json() == read[2].json()
    for spelling in SPELLINGS:
        assert listed_ids(client, spelling) == list(agreements)
        searched = client.post(
            f"/crm/v3/objects/{spelling}/search",
            headers=AUTH,
            json={
                "filterGroups": [
                    {
                        "filters": [
                            {
                                "propertyName": "agreement_status",
                                "operator": "EQ",
                                "value": "expired",
                            }
                        ]
                    }
                ],
                "properties": ["agreement_status"],
                "limit": 200,
            },
        ).json()
        expired = {i for i, p in agreements.items() if p["agreement_status"] == "expired"}
        assert {r["id"] for r in searched["results"]} == expired and searched["total"] == len(
            expired
        )
        batch = client.post(
            f"/crm/v3/objects/{spelling}/batch/read",
            headers=AUTH,
            json={"inputs": [{"id": i} for i in list(agreements)[:5]], "properties": ["state"]},
        ).json()
        assert [r["id"] for r in batch["results"]] == list(agreements)[:5]


def test_one_agreement_per_provider_and_supervisor_but_a_few(agreements, roster):
    people = emails_by_role(roster)
    signed = {(p["physician_email"], p["provider_email"]) for p in agreements.values()}
    assert len(signed) == len(agreements)
    assert all(people[ph].role == "physician" for ph, _ in signed)
    assert all(people[pr].role == "provider" for _, pr in signed)
    by_id = {p.person_id: p for p in roster.people}
    pairs = {
        (by_id[s.supervising_physician_id].email, by_id[s.provider_id].email)
        for s in roster.supervised
    }
    unsigned = pairs - signed
    assert 1 <= len(unsigned) <= 0.05 * len(pairs)
    strangers = signed - pairs
    assert 1 <= len(strangers) <= 0.1 * len(agreements)
    for record in agreements.values():
        assert record["state"] == people[record["provider_email"]].state_code


@pytest.fixture(scope="module")
def reviews(roster):
    """When each (physician email, provider email) pair's case reviews were requested, as
    the OLTP seed generates them."""
    generated = generate_supervision(42, 1.0)
    by_id = {p.person_id: p for p in roster.people}
    case = COLUMNS["cases"].index
    review = COLUMNS["case_reviews"].index
    provider_of = {
        row[case("case_id")]: by_id[row[case("provider_id")]].email
        for row in generated.rows["cases"]
    }
    requested: dict[tuple[str, str], list[date]] = {}
    for row in generated.rows["case_reviews"]:
        pair = (by_id[row[review("physician_id")]].email, provider_of[row[review("case_id")]])
        requested.setdefault(pair, []).append(row[review("requested_at")].date())
    return requested


def test_some_agreements_name_a_physician_who_never_reviewed_the_providers_cases(
    agreements, roster, reviews
):
    by_id = {p.person_id: p for p in roster.people}
    supervised = {
        (by_id[s.supervising_physician_id].email, by_id[s.provider_id].email)
        for s in roster.supervised
    }
    signed = {(p["physician_email"], p["provider_email"]) for p in agreements.values()}
    strangers = signed - supervised
    assert strangers and not strangers & set(reviews)


def test_terms_are_current_mostly_and_some_ended_while_reviews_went_on(agreements, reviews):
    anchor = ANCHOR.date()
    statuses = [p["agreement_status"] for p in agreements.values()]
    assert statuses.count("active") >= 0.8 * len(statuses)
    assert 0.03 <= statuses.count("expired") / len(statuses) <= 0.2
    reviewed_after_the_end = 0
    for record in agreements.values():
        start = date.fromisoformat(record["start_date"])
        end = record["end_date"] and date.fromisoformat(record["end_date"])
        assert start < anchor
        if record["agreement_status"] == "active":
            assert end is None or end > anchor
            continue
        assert start < end < anchor
        pair = (record["physician_email"], record["provider_email"])
        reviewed_after_the_end += any(day > end for day in reviews.get(pair, ()))
    assert reviewed_after_the_end > 0


def test_each_agreement_is_linked_to_its_physician_and_provider_contacts(
    client, agreements, roster
):
    contact_of = {p.email: str(FIRST_CONTACT_ID + index) for index, p in enumerate(roster.people)}
    response = client.post(
        "/crm/v4/associations/supervision_agreement/contact/batch/read",
        headers=AUTH,
        json={"inputs": [{"id": i} for i in agreements]},
    ).json()
    assert len(response["results"]) == len(agreements)
    for result in response["results"]:
        record = agreements[result["from"]["id"]]
        assert {str(to["toObjectId"]) for to in result["to"]} == {
            contact_of[record["physician_email"]],
            contact_of[record["provider_email"]],
        }
        for to in result["to"]:
            assert to["associationTypes"] == [
                {"category": "USER_DEFINED", "typeId": 91, "label": None}
            ]
    provider = contact_of[next(iter(agreements.values()))["provider_email"]]
    back = client.post(
        "/crm/v4/associations/contacts/2-7710001/batch/read",
        headers=AUTH,
        json={"inputs": [{"id": provider}]},
    ).json()["results"][0]["to"]
    assert back and all(t["associationTypes"][0]["typeId"] == 92 for t in back)
    counts = client.get("/_mock/counts").json()
    assert counts["supervision_agreement"] == len(agreements)
    assert counts["supervision_agreement_contact_associations"] == 2 * len(agreements)


def test_an_association_made_through_the_api_is_user_defined(client, agreements):
    first = next(iter(agreements))
    response = client.put(
        f"/crm/v4/objects/supervision_agreement/{first}/associations/default/contacts/"
        f"{FIRST_CONTACT_ID + 95}",
        headers=AUTH,
    ).json()
    assert [r["associationSpec"] for r in response["results"]] == [
        {"associationCategory": "USER_DEFINED", "associationTypeId": 91},
        {"associationCategory": "USER_DEFINED", "associationTypeId": 92},
    ]
    client.delete(
        f"/crm/v4/objects/supervision_agreement/{first}/associations/contacts/"
        f"{FIRST_CONTACT_ID + 95}",
        headers=AUTH,
    )


def test_the_change_simulation_moves_only_the_term(agreements):
    client = TestClient(create_app(MockSettings()))
    result = client.post(
        "/_mock/changes",
        json={"object_type": "supervision_agreement", "update": 20, "create": 1, "seed": 5},
    ).json()
    changed = 0
    for record_id in result["updated"]:
        after = client.get(
            f"/crm/v3/objects/supervision_agreement/{record_id}",
            headers=AUTH,
            params={"properties": ",".join(PROPERTIES)},
        ).json()["properties"]
        before = agreements[record_id]
        fixed = ("agreement_name", "physician_email", "provider_email", "state", "start_date")
        assert {k: after[k] for k in fixed} == {k: before[k] for k in fixed}
        changed += (after["end_date"], after["agreement_status"]) != (
            before["end_date"],
            before["agreement_status"],
        )
    assert changed > 0
    (created,) = result["created"]
    renewal = client.get(
        f"/crm/v3/objects/supervision_agreement/{created}",
        headers=AUTH,
        params={"properties": "agreement_name,start_date,end_date"},
    ).json()["properties"]
    assert renewal["agreement_name"].endswith("(renewal)")
    assert renewal["end_date"] is None or renewal["end_date"] > renewal["start_date"]


def test_agreements_are_a_function_of_the_seed(agreements):
    again = TestClient(create_app(MockSettings()))
    other = TestClient(create_app(MockSettings(seed=7)))

    def first_page(client):
        return client.get(
            "/crm/v3/objects/supervision_agreement",
            headers=AUTH,
            params={"limit": 100, "properties": ",".join(PROPERTIES)},
        ).json()

    assert {r["id"]: r["properties"] for r in first_page(again)["results"]} == agreements
    assert first_page(other) != first_page(again)
