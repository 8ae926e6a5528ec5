"""Incremental search that pages past HubSpot's 10,000-result cap without losing or looping.

HubSpot's CRM search returns at most 10,000 results for one query (`after` stops there).
tap-hubspot restarts the query from the newest timestamp it has seen, which loops for ever
when more than 10,000 records share one timestamp (a bulk import). This cursor pages by
(modified timestamp, record id) instead:

- range phase: `<key> GTE|GT floor`, sorted by the key; at the cap, the floor moves to the
  last timestamp seen;
- tie phase, when a whole 10,000-result window shares the floor: `<key> EQ floor AND
  hs_object_id GT last id`, sorted by id, restarted at the last id on every cap; when it
  runs out, the range phase goes on with `<key> GT floor`.

Records read twice at a boundary are emitted once. 200 results a page, HubSpot's maximum
for search (the list endpoints stop at 100).
"""

from __future__ import annotations

import datetime as dt
import typing as t
from dataclasses import asdict, dataclass, replace

import requests

if t.TYPE_CHECKING:
    from singer_sdk.helpers.types import Context

MAX_RESULTS = 10_000
SEARCH_PAGE = 200
# A first sync lists records (GET, 100 a page, no 10,000 cap, not bound by search's 5 per
# second) when its `properties` query fits in a URL; HubSpot answers 414 past about 8 KB,
# so a portal with hundreds of properties is read through search (a POST body) instead.
LIST_QUERY_MAX = 4_000
RANGE, TIE = "range", "tie"


@dataclass(frozen=True)
class Cursor:
    phase: str
    floor_ms: int
    inclusive: bool = True
    last_id: str = "0"
    after: int = 0


def epoch_ms(value: str) -> int:
    return int(dt.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() * 1000)


def filters(cursor: Cursor, key: str) -> list[dict[str, str]]:
    if cursor.phase == TIE:
        return [
            {"propertyName": key, "operator": "EQ", "value": str(cursor.floor_ms)},
            {"propertyName": "hs_object_id", "operator": "GT", "value": cursor.last_id},
        ]
    operator = "GTE" if cursor.inclusive else "GT"
    return [{"propertyName": key, "operator": operator, "value": str(cursor.floor_ms)}]


def next_cursor(cursor: Cursor, body: dict[str, t.Any], key: str) -> Cursor | None:
    results = body.get("results") or []
    after = (body.get("paging") or {}).get("next", {}).get("after")
    if after is None or not results:
        if cursor.phase == TIE:
            return Cursor(RANGE, cursor.floor_ms, inclusive=False)
        return None
    if int(after) + SEARCH_PAGE <= MAX_RESULTS:
        return replace(cursor, after=int(after))
    last = results[-1]
    if cursor.phase == TIE:
        return replace(cursor, last_id=str(last["id"]), after=0)
    last_ms = epoch_ms(last["properties"][key])
    if last_ms > cursor.floor_ms:
        return Cursor(RANGE, last_ms)
    return Cursor(TIE, cursor.floor_ms)


class KeysetSearch:
    """Mixed in before a tap-hubspot DynamicIncrementalHubspotStream."""

    _boundary_ms: int = -1
    _boundary_ids: set[str]
    _searching: bool | None = None

    def _is_incremental_search(self, context: Context | None) -> bool:
        # Decided once per sync: the stream's bookmark only moves when its sync ends.
        if self._searching is None:
            self._searching = super()._is_incremental_search(context) and (  # type: ignore[misc]
                bool(self.get_context_state(context).get("replication_key_value"))  # type: ignore[attr-defined]
                or len(",".join(self.hs_properties)) > LIST_QUERY_MAX  # type: ignore[attr-defined]
            )
        return self._searching

    def _before_start_date(self, moment: int) -> bool:
        """A first sync read by listing: what search would have filtered out (start_date)."""
        start = self.config.get("start_date")  # type: ignore[attr-defined]
        return bool(start) and moment < epoch_ms(str(start))

    def _start_cursor(self) -> Cursor:
        return Cursor(RANGE, epoch_ms(self.replication_key_value))  # type: ignore[attr-defined]

    def prepare_request_payload(
        self, context: Context | None, next_page_token: t.Any
    ) -> dict | None:
        if not self._is_incremental_search(context):  # type: ignore[attr-defined]
            return None
        cursor = Cursor(**next_page_token) if next_page_token else self._start_cursor()
        key = self.replication_key  # type: ignore[attr-defined]
        sort_by = "hs_object_id" if cursor.phase == TIE else key
        body: dict[str, t.Any] = {
            "filterGroups": [{"filters": filters(cursor, key)}],
            "sorts": [{"propertyName": sort_by, "direction": "ASCENDING"}],
            "limit": SEARCH_PAGE,
            "properties": list(self.hs_properties),  # type: ignore[attr-defined]
        }
        if cursor.after:
            body["after"] = str(cursor.after)
        return body

    def get_next_page_token(self, response: requests.Response, previous_token: t.Any) -> t.Any:
        if not self._is_incremental_search(self.context):  # type: ignore[attr-defined]
            return super().get_next_page_token(response, previous_token)  # type: ignore[misc]
        cursor = Cursor(**previous_token) if previous_token else self._start_cursor()
        following = next_cursor(cursor, response.json(), self.replication_key)  # type: ignore[attr-defined]
        return asdict(following) if following else None

    def post_process(self, row: dict, context: Context | None = None) -> dict | None:
        row = super().post_process(row, context)  # type: ignore[misc]
        value = row.get(self.replication_key) if row else None  # type: ignore[attr-defined]
        if row is None or not value:
            return row
        moment = epoch_ms(value)
        if not self._is_incremental_search(context) and self._before_start_date(moment):
            return None
        if moment > self._boundary_ms:
            self._boundary_ms, self._boundary_ids = moment, {row["id"]}
        elif moment == self._boundary_ms:
            if row["id"] in self._boundary_ids:
                return None
            self._boundary_ids.add(row["id"])
        return row
