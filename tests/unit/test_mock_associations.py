import pytest
from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings

from .mock_listing import listed_ids

AUTH = {"Authorization": "Bearer local-dev-token"}


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(MockSettings()))


def rows(client, from_type, to_type):
    ids = listed_ids(client, from_type)
    response = client.post(
        f"/crm/v4/associations/{from_type}/{to_type}/batch/read",
        headers=AUTH,
        json={"inputs": [{"id": i} for i in ids]},
    )
    assert response.status_code in (200, 207)
    return [
        (r["from"]["id"], to["toObjectId"], t["typeId"])
        for r in response.json()["results"]
        for to in r["to"]
        for t in to["associationTypes"]
    ]


@pytest.mark.parametrize(
    ("from_type", "to_type"),
    [
        ("contact", "company"),
        ("company", "contact"),
        ("deal", "contact"),
        ("deal", "company"),
        ("ticket", "contact"),
        ("call", "contact"),
        ("contact", "call"),
        ("note", "deal"),
        ("meeting", "contact"),
        ("email", "deal"),
        ("task", "contact"),
        ("line_item", "deal"),
    ],
)
def test_batch_read_rows_match_the_admin_counts(client, from_type, to_type):
    found = rows(client, from_type, to_type)
    assert len(found) == len(set(found)) > 0
    assert len(found) == client.get("/_mock/counts").json()[f"{from_type}_{to_type}_associations"]


def test_both_directions_agree(client):
    forward = {(a, str(b)) for a, b, _ in rows(client, "deal", "contact")}
    backward = {(str(b), a) for a, b, _ in rows(client, "contact", "deal")}
    assert forward == backward


def test_primary_company_has_a_labelled_type(client):
    response = client.post(
        "/crm/v4/associations/contact/company/batch/read",
        headers=AUTH,
        json={"inputs": [{"id": i} for i in listed_ids(client, "contacts")]},
    )
    types = [
        t for r in response.json()["results"] for to in r["to"] for t in to["associationTypes"]
    ]
    assert {(t["typeId"], t["label"]) for t in types} == {(1, "Primary"), (279, None)}
    assert all(t["category"] == "HUBSPOT_DEFINED" for t in types)


def test_inputs_without_associations_are_multi_status_errors(client):
    response = client.post(
        "/crm/v4/associations/contact/company/batch/read",
        headers=AUTH,
        json={"inputs": [{"id": "1"}]},
    )
    assert response.status_code == 207
    assert response.json()["numErrors"] == 1 and response.json()["results"] == []


def test_oversized_or_malformed_batches_are_400(client):
    too_many = {"inputs": [{"id": str(i)} for i in range(1001)]}
    for body in (too_many, {"inputs": "x"}, {}):
        response = client.post(
            "/crm/v4/associations/contact/company/batch/read", headers=AUTH, json=body
        )
        assert response.status_code == 400


def test_associations_setting_names_every_stream_in_the_counts(client):
    setting = client.get("/_mock/associations-setting").json()
    counts = client.get("/_mock/counts").json()
    names = {f"{a}_{b}_associations" for a, targets in setting.items() for b in targets}
    assert names == {name for name in counts if name.endswith("_associations")}
