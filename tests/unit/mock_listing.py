"""Listing a mock object type page by page, as a client of the v3 objects API does."""

from __future__ import annotations

from fastapi.testclient import TestClient

AUTH = {"Authorization": "Bearer local-dev-token"}


def listed_ids(client: TestClient, object_type: str) -> list[str]:
    found: list[str] = []
    after = None
    while True:
        body = client.get(
            f"/crm/v3/objects/{object_type}",
            headers=AUTH,
            params={"limit": 100, **({"after": after} if after else {})},
        ).json()
        found += [r["id"] for r in body["results"]]
        after = body.get("paging", {}).get("next", {}).get("after")
        if not after:
            return found
