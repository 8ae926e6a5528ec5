"""The mock's new owner (POST /_mock/owners): listed, and given records."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings

AUTH = {"Authorization": "Bearer local-dev-token"}


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(MockSettings()))


def owner_ids(client: TestClient) -> list[str]:
    return [o["id"] for o in client.get("/crm/v3/owners", headers=AUTH).json()["results"]]


def test_a_new_owner_is_listed_and_its_records_move(client: TestClient) -> None:
    before = owner_ids(client)
    hired = client.post("/_mock/owners", json={"object_type": "contacts", "assign": 2}).json()
    assert hired["owner_id"] not in before
    assert owner_ids(client) == [*before, hired["owner_id"]]
    users = client.get("/settings/v3/users", headers=AUTH).json()["results"]
    assert len(users) == len(before) + 1, "the new owner is a user too"
    for contact_id in hired["assigned"]:
        record = client.get(
            f"/crm/v3/objects/contacts/{contact_id}",
            headers=AUTH,
            params={"properties": "hubspot_owner_id,lastmodifieddate"},
        ).json()
        assert record["properties"]["hubspot_owner_id"] == hired["owner_id"]
    newest = client.post(
        "/crm/v3/objects/contacts/search",
        headers=AUTH,
        json={"sorts": [{"propertyName": "lastmodifieddate", "direction": "DESCENDING"}]},
    ).json()["results"][:2]
    assert {r["id"] for r in newest} == set(hired["assigned"]), "assigning moved their dates"
    client.post("/_mock/reset")
    assert owner_ids(client) == before


def test_a_bad_new_owner_request_names_the_problem(client: TestClient) -> None:
    answer = client.post("/_mock/owners", json={"assign": -1})
    assert answer.status_code == 400 and "assign" in answer.text
    answer = client.post("/_mock/owners", json={"object_type": "products", "assign": 1})
    assert answer.status_code == 400 and "hubspot_owner_id" in answer.text
