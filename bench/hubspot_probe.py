"""How fast the mock serves pages, and what HubSpot's real rate limits would allow.

The walk goes through the stack's CONNECT proxy and TLS, exactly as the tap reaches the
mock, so its pages/s bound what any tap could get out of the mock.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import requests

from paracelsus_stack.reconcile.hubspot import HubSpotConnection

PAGE_SIZE = 100  # HubSpot's maximum for list reads
# HubSpot's documented burst limits for private apps: 100 requests per 10 s (Free and
# Starter), 190 per 10 s (Professional and Enterprise).
API_REQUESTS_PER_10S = (100, 190)


@dataclass(frozen=True)
class PagingWalk:
    pages: int
    records: int
    seconds: float
    # (id, properties JSON, createdAt, updatedAt, archived), for the COPY baseline.
    rows: list[tuple[str, str, str, str, bool]]

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def records_per_s(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0


def api_limit_records_per_s() -> tuple[float, float]:
    """List reads at the documented request budgets, full pages every time."""
    low, high = API_REQUESTS_PER_10S
    return low / 10 * PAGE_SIZE, high / 10 * PAGE_SIZE


def walk_contacts(connection: HubSpotConnection) -> PagingWalk:
    rows: list[tuple[str, str, str, str, bool]] = []
    pages = 0
    after: str | None = None
    with requests.Session() as session:
        started = time.perf_counter()
        while True:
            params: dict[str, object] = {"limit": PAGE_SIZE}
            if after:
                params["after"] = after
            body = connection.request(session, "GET", "/crm/v3/objects/contacts", params)
            pages += 1
            for record in body["results"]:
                rows.append(
                    (
                        record["id"],
                        json.dumps(record["properties"]),
                        record["createdAt"],
                        record["updatedAt"],
                        bool(record.get("archived", False)),
                    )
                )
            after = body.get("paging", {}).get("next", {}).get("after")
            if not after:
                break
        seconds = time.perf_counter() - started
    return PagingWalk(pages, len(rows), seconds, rows)


def requests_served(connection: HubSpotConnection) -> int:
    """The mock's own count of the API requests it has answered."""
    with requests.Session() as session:
        body = connection.request(session, "GET", "/_mock/requests")
    return int(body["requests"])


def mock_counts(connection: HubSpotConnection) -> dict[str, int]:
    """The mock's own admin route: how many records each tap stream should emit."""
    with requests.Session() as session:
        counts = connection.request(session, "GET", "/_mock/counts")
    return {str(name): int(count) for name, count in counts.items()}
