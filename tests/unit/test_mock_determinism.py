from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings

AUTH = {"Authorization": "Bearer local-dev-token"}
PATHS = (
    "/crm/v3/objects/contacts?limit=100&properties=email,firstname,lifecyclestage,hubspot_owner_id",
    "/crm/v3/objects/deals?limit=100&properties=amount,dealstage,pipeline",
    "/crm/v3/objects/calls?limit=100&properties=hs_call_title,hs_timestamp",
    "/crm/v3/owners",
    "/settings/v3/users/teams",
    "/crm-pipelines/v1/pipelines/tickets",
    "/crm/v3/properties/deals",
)


def snapshot(seed):
    client = TestClient(create_app(MockSettings(seed=seed)))
    return [client.get(path, headers=AUTH).json() for path in PATHS], client.get(
        "/_mock/counts"
    ).json()


def test_same_seed_gives_the_same_json():
    assert snapshot(42) == snapshot(42)


def test_another_seed_gives_other_records():
    assert snapshot(42)[0][0] != snapshot(7)[0][0]


def test_physicians_and_providers_are_contacts_with_the_same_email():
    from oltp_seed.generator import generate_people

    people = generate_people(seed=42, scale=1.0)
    client = TestClient(create_app(MockSettings()))
    emails = set()
    after = None
    while True:
        params = {"limit": 100, "properties": "email,paracelsus_role", "archived": "false"}
        body = client.get(
            "/crm/v3/objects/contacts",
            headers=AUTH,
            params={**params, **({"after": after} if after else {})},
        ).json()
        emails |= {r["properties"]["email"] for r in body["results"]}
        after = body.get("paging", {}).get("next", {}).get("after")
        if not after:
            break
    archived = client.get(
        "/crm/v3/objects/contacts", headers=AUTH, params={"archived": "true", "properties": "email"}
    ).json()["results"]
    emails |= {r["properties"]["email"] for r in archived}
    assert {p.email.lower() for p in people} <= emails
    assert client.get("/_mock/object-counts").json()["contacts"]["live"] >= 90
