"""Reconcile HubSpot CRM objects with raw_hubspot, reading the source through the real API.

The same code checks the local mock (through the stack's proxy, trusting its CA) and a
real portal (no proxy, the system trust store).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import requests

from paracelsus_stack.reconcile.fingerprint import Fingerprint, TableComparison
from paracelsus_stack.reconcile.warehouse_side import raw_fingerprint

API = "https://api.hubapi.com"
RAW_SCHEMA = "raw_hubspot"
PAGE_SIZE = 100
LIVE = "not coalesce(archived, false) and _sdc_deleted_at is null"
# tap-hubspot stream name -> CRM object type in the v3 objects API (the same names).
CRM_STREAMS = {
    name: name
    for name in (
        "contacts",
        "companies",
        "deals",
        "tickets",
        "products",
        "line_items",
        "quotes",
        "leads",
        "feedback_submissions",
        "goal_targets",
        "calls",
        "communications",
        "emails",
        "meetings",
        "notes",
        "postal_mail",
        "tasks",
    )
}


@dataclass(frozen=True)
class HubSpotConnection:
    token: str
    proxy: str | None = None
    ca_bundle: str | None = None

    def request(
        self,
        session: requests.Session,
        method: str,
        path: str,
        params: dict[str, object] | None = None,
        body: object = None,
    ) -> Any:
        """The JSON answer of a successful request (any other status raises)."""
        response = self.send(session, method, path, params, body)
        response.raise_for_status()
        return response.json()

    def send(
        self,
        session: requests.Session,
        method: str,
        path: str,
        params: dict[str, object] | None = None,
        body: object = None,
    ) -> requests.Response:
        """The raw answer, whatever its status (for callers that check it themselves)."""
        # Passed per request: Session.request lets REQUESTS_CA_BUNDLE from the environment
        # override a session-level `verify`.
        return session.request(
            method,
            f"{API}{path}",
            params=params,
            json=body,
            headers={"Authorization": f"Bearer {self.token}"},
            proxies={"https": self.proxy} if self.proxy else None,
            verify=self.ca_bundle or True,
            timeout=60,
        )


def _live_objects(
    connection: HubSpotConnection, session: requests.Session, object_type: str
) -> Iterator[tuple[str, str]]:
    after: str | None = None
    while True:
        params: dict[str, object] = {"limit": PAGE_SIZE, "archived": "false"}
        if after:
            params["after"] = after
        body = connection.request(session, "GET", f"/crm/v3/objects/{object_type}", params)
        for record in body["results"]:
            yield record["id"], record["updatedAt"]
        after = body.get("paging", {}).get("next", {}).get("after")
        if not after:
            return


def compare_hubspot(
    connection: HubSpotConnection, warehouse: psycopg.Connection
) -> list[TableComparison]:
    comparisons = []
    with requests.Session() as session:
        for stream, object_type in CRM_STREAMS.items():
            source_print = Fingerprint.of(_live_objects(connection, session, object_type))
            warehouse_print = raw_fingerprint(
                warehouse, RAW_SCHEMA, stream, "id", "updatedAt", LIVE
            )
            comparisons.append(TableComparison(f"hubspot.{stream}", source_print, warehouse_print))
    return comparisons
