"""Reference lists (owners, users, teams, pipelines, subscription types), read when due.

Each is one small FULL_TABLE request that a run which finds nothing changed would spend
anyway: 6 of the 39 requests of such a run. Here a list is read again when:
- it was never read, or its last read is `reference_max_age_s` old (6 h by default), or
- a record this run read as changed names an id the last read did not have: a new
  owner (`hubspot_owner_id` on any object), or a deal or ticket pipeline or stage.
So a new owner's name reaches the marts with the first record assigned to it, and a
renamed owner or stage, or one removed (flagged `_sdc_deleted_at` by the read's
ACTIVATE_VERSION), within the max age. The read's time and ids live in the stream's state.
"""

from __future__ import annotations

import datetime as dt
import time
import typing as t
from collections import defaultdict
from dataclasses import dataclass

if t.TYPE_CHECKING:
    from singer_sdk.helpers.types import Context

REFERENCE_STREAMS = (
    "owners",
    "users",
    "teams",
    "deal_pipelines",
    "ticket_pipelines",
    "email_subscriptions",
)
# Which properties of which object stream name an id of a reference list ("*": any).
NAMED_BY: dict[str, dict[str, tuple[str, ...]]] = {
    "owners": {"*": ("hubspot_owner_id",)},
    "deal_pipelines": {"deals": ("pipeline", "dealstage")},
    "ticket_pipelines": {"tickets": ("hs_pipeline", "hs_pipeline_stage")},
}
READ_AT, KNOWN_IDS = "read_at", "known_ids"


def ids_of(stream_name: str, row: dict[str, t.Any]) -> set[str]:
    """The ids a reference list's record defines."""
    if stream_name == "owners":
        return {str(row["id"])} if row.get("id") is not None else set()
    if stream_name.endswith("_pipelines"):
        stages = {str(s["stageId"]) for s in row.get("stages") or [] if s.get("stageId")}
        return stages | ({str(row["pipelineId"])} if row.get("pipelineId") else set())
    return set()


class NamedIds:
    """The reference ids named by the records this run read as changed."""

    def __init__(self) -> None:
        self._named: dict[str, set[str]] = defaultdict(set)

    def note(self, object_stream: str, properties: dict[str, t.Any]) -> None:
        for reference, by_stream in NAMED_BY.items():
            for name in by_stream.get(object_stream, ()) + by_stream.get("*", ()):
                value = properties.get(name)
                if value not in (None, ""):
                    self._named[reference].add(str(value))

    def named(self, reference: str) -> set[str]:
        return self._named.get(reference, set())


@dataclass(frozen=True)
class Due:
    due: bool
    why: str


def is_due(
    reference: str, state: dict[str, t.Any], named: set[str], max_age_s: float, now_s: float
) -> Due:
    read_at = state.get(READ_AT)
    if not read_at:
        return Due(True, "never read")
    age_s = now_s - dt.datetime.fromisoformat(read_at).timestamp()
    if age_s >= max_age_s:
        return Due(True, f"last read {age_s / 3600:.1f} h ago")
    unknown = named - set(state.get(KNOWN_IDS) or ()) if reference in NAMED_BY else set()
    if unknown:
        return Due(True, f"changed records name {len(unknown)} id(s) it lacks")
    return Due(False, f"read {age_s / 60:.0f} min ago, nothing new named")


class ReadWhenDue:
    """Mixed in before a reference list's stream class."""

    def sync(self, context: Context | None = None) -> None:
        tap = self._tap  # type: ignore[attr-defined]
        state = self.get_context_state(None)  # type: ignore[attr-defined]
        name = self.name  # type: ignore[attr-defined]
        due = is_due(name, state, tap.named_ids.named(name), tap.reference_max_age_s, time.time())
        if not due.due:
            self.logger.info("%s: not read (%s)", name, due.why)  # type: ignore[attr-defined]
            return
        self.logger.info("%s: read (%s)", name, due.why)  # type: ignore[attr-defined]
        super().sync(context)  # type: ignore[misc]

    def get_records(self, context: Context | None) -> t.Iterable[dict]:
        started = time.time()
        defined: set[str] = set()
        for row in super().get_records(context):  # type: ignore[misc]
            defined |= ids_of(self.name, row)  # type: ignore[attr-defined]
            yield row
        state = self.get_context_state(None)  # type: ignore[attr-defined]
        state[READ_AT] = dt.datetime.fromtimestamp(started, tz=dt.UTC).isoformat()
        if self.name in NAMED_BY:  # type: ignore[attr-defined]
            state[KNOWN_IDS] = sorted(defined)
