"""Reconcile HubSpot CRM objects with raw_hubspot, reading the source through the real API.

The same code checks the local mock (through the stack's proxy, trusting its CA) and a
real portal (no proxy, the system trust store).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import requests

from paracelsus_stack.reconcile.fingerprint import Fingerprint, TableComparison
from paracelsus_stack.reconcile.warehouse_side import raw_fingerprint

API = "https://api.hubapi.com"
RAW_SCHEMA = "raw_hubspot"
PAGE_SIZE = 100
LIVE = "not coalesce(archived, false) and _sdc_deleted_at is null"
# tap-hubspot stream name -> CRM object type in the v3 objects API.
CRM_STREAMS = {
    "contacts": "contacts",
    "companies": "companies",
    "deals": "deals",
    "tickets": "tickets",
    "products": "products",
    "line_items": "line_items",
}


@dataclass(frozen=True)
class HubSpotConnection:
    token: str
    proxy: str | None = None
    ca_bundle: str | None = None

    def session(self) -> requests.Session:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {self.token}"
        if self.proxy:
            session.proxies = {"https": self.proxy}
        if self.ca_bundle:
            session.verify = self.ca_bundle
        return session


def _live_objects(session: requests.Session, object_type: str) -> Iterator[tuple[str, str]]:
    after: str | None = None
    while True:
        params = {"limit": PAGE_SIZE, "archived": "false"}
        if after:
            params["after"] = after
        response = session.get(f"{API}/crm/v3/objects/{object_type}", params=params, timeout=60)
        response.raise_for_status()
        body = response.json()
        for record in body["results"]:
            yield record["id"], record["updatedAt"]
        after = body.get("paging", {}).get("next", {}).get("after")
        if not after:
            return


def compare_hubspot(
    connection: HubSpotConnection, warehouse: psycopg.Connection
) -> list[TableComparison]:
    comparisons = []
    with connection.session() as session:
        for stream, object_type in CRM_STREAMS.items():
            source_print = Fingerprint.of(_live_objects(session, object_type))
            warehouse_print = raw_fingerprint(
                warehouse, RAW_SCHEMA, stream, "id", "updatedAt", LIVE
            )
            comparisons.append(TableComparison(f"hubspot.{stream}", source_print, warehouse_print))
    return comparisons
