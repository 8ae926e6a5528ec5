"""The keyset query a sync runs when many records share one last-modified date."""

import pytest
from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings
from mock_hubspot.store.clock import parse_instant

AUTH = {"Authorization": "Bearer local-dev-token"}
BY_ID = [{"propertyName": "hs_object_id", "direction": "ASCENDING"}]


@pytest.fixture(scope="module")
def client():
    client = TestClient(create_app(MockSettings()))
    for object_type in ("contacts", "tickets"):
        client.post(
            "/_mock/changes",
            json={"object_type": object_type, "create": 250, "update": 10, "same_instant": True},
        ).raise_for_status()
    # Records created after the import, one instant each: the keyset must leave them out.
    client.post("/_mock/changes", json={"object_type": "tickets", "create": 5}).raise_for_status()
    return client


def search(client, object_type, **body):
    response = client.post(f"/crm/v3/objects/{object_type}/search", headers=AUTH, json=body)
    assert response.status_code == 200, response.text
    return response.json()


def flt(name, operator, value, high=None):
    return {
        "propertyName": name,
        "operator": operator,
        "value": value,
        **({"highValue": high} if high else {}),
    }


def import_instant(client, object_type, modified):
    """The epoch ms most records of the type share: the import's."""
    rows = search(client, object_type, limit=200, properties=[modified])["results"]
    stamps = [r["properties"][modified] for r in rows]
    newest = max(stamps, key=stamps.count)
    return str(parse_instant(newest))


@pytest.mark.parametrize(
    ("object_type", "modified"),
    [("contacts", "lastmodifieddate"), ("tickets", "hs_lastmodifieddate")],
)
def test_keyset_pages_walk_one_instant_in_id_order(client, object_type, modified):
    ms = import_instant(client, object_type, modified)
    everyone = search(
        client, object_type, filterGroups=[{"filters": [flt(modified, "EQ", ms)]}], limit=1
    )["total"]
    pages, last = [], "0"
    while True:
        filters = [flt(modified, "EQ", ms), flt("hs_object_id", "GT", last)]
        body = search(
            client,
            object_type,
            filterGroups=[{"filters": filters}],
            sorts=BY_ID,
            limit=100,
            properties=[modified],
        )
        if not body["results"]:
            break
        pages.append(body["results"])
        last = body["results"][-1]["id"]
    found = [r for page in pages for r in page]
    assert len(found) == everyone == 260
    assert [len(page) for page in pages] == [100, 100, 60]
    ids = [int(r["id"]) for r in found]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert {parse_instant(r["properties"][modified]) for r in found} == {int(ms)}


def test_object_ids_compare_numerically_not_as_strings(client):
    # "999" sorts after every ten-digit id as a string, before all of them as a number.
    above = search(
        client, "contacts", filterGroups=[{"filters": [flt("hs_object_id", "GT", "999")]}]
    )
    everyone = search(client, "contacts", limit=1)
    assert above["total"] == everyone["total"] > 0
    below = search(
        client, "contacts", filterGroups=[{"filters": [flt("hs_object_id", "LT", "999")]}]
    )
    assert below["total"] == 0


# Two identical filter groups mean the same, and force the mock's full scan: every indexed
# answer must be the scan's, order included.
SHAPES = [
    ([flt("lastmodifieddate", "GTE", "{ms}"), flt("hs_object_id", "LT", "1000000200")], BY_ID),
    ([flt("lastmodifieddate", "LT", "{ms}"), flt("hs_object_id", "GTE", "1000000010")], BY_ID),
    ([flt("lastmodifieddate", "BETWEEN", "0", "{ms}")], ["lastmodifieddate", "hs_object_id"]),
    ([flt("lastmodifieddate", "GT", "0"), flt("hs_object_id", "GT", "1000000050")], []),
    ([flt("hs_object_id", "GT", "1000000100.5")], BY_ID),
    ([flt("hs_object_id", "GT", "999")], BY_ID),
    ([flt("hs_object_id", "BETWEEN", "1000000010.5", "1000000020.5")], []),
    ([flt("hs_object_id", "EQ", "1000000010.5")], BY_ID),
    ([flt("hs_object_id", "LTE", "1000000300")], ["lastmodifieddate"]),
    ([flt("lastmodifieddate", "EQ", "{ms}"), flt("hs_object_id", "GT", "0")], BY_ID),
]


@pytest.mark.parametrize(("filters", "sorts"), SHAPES)
def test_indexed_answers_match_a_full_scan(client, filters, sorts):
    ms = import_instant(client, "contacts", "lastmodifieddate")
    group = {"filters": [{k: v.format(ms=ms) for k, v in f.items()} for f in filters]}
    for after in (0, 200):
        request = {"sorts": sorts, "limit": 200, "after": after, "properties": ["hs_object_id"]}
        indexed = search(client, "contacts", filterGroups=[group], **request)
        scanned = search(client, "contacts", filterGroups=[group, group], **request)
        assert indexed["total"] == scanned["total"]
        assert [r["id"] for r in indexed["results"]] == [r["id"] for r in scanned["results"]]
