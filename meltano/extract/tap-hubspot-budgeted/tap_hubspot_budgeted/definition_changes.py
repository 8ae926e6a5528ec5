"""When a stream's property list changes, from where its next sync reads.

The property cache (property_cache.py) refreshes a type's definitions once per max age. A
property added in the portal in between may already have values, and giving a record a
value moves its modified date past the moment the previous definitions were read. So a
stream whose list changed reads again from a bookmark no later than that moment.

That bookmark is kept in HubSpot's own time, the time of the records' modified dates (our
clock and HubSpot's may differ). A sync's starting bookmark is the newest modified date it
had already read, so it is no later than the sync's start; the definitions the sync used
were read at most `max_age_s` before its start. The bookmark minus `max_age_s` is
therefore no later than the read. It is taken at the first sync that uses a read (for a
first sync, which has no starting bookmark: its final bookmark minus its duration), and
kept in the stream's state with the list's fingerprint.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import typing as t
from dataclasses import dataclass

from tap_hubspot_budgeted.search_cursor import epoch_ms

FINGERPRINT = "definitions_fingerprint"
READ = "definitions_read"
SINCE = "definitions_since"


def fingerprint(properties: t.Iterable[str]) -> str:
    return hashlib.sha256(",".join(sorted(properties)).encode()).hexdigest()[:16]


def iso_from_ms(moment_ms: float) -> str:
    # An ISO string, as the bookmark is: targets read numbers in a state back as Decimal.
    return dt.datetime.fromtimestamp(moment_ms / 1000, tz=dt.UTC).isoformat()


def rewound_bookmark(state: dict[str, t.Any], current: str) -> str | None:
    """The bookmark to sync from when the list changed since the last sync; None when it
    did not, or when there is nothing to compare with (a first sync, an older state)."""
    bookmark, since = state.get("replication_key_value"), state.get(SINCE)
    if not bookmark or not since or state.get(FINGERPRINT) in (None, current):
        return None
    return iso_from_ms(min(epoch_ms(bookmark), epoch_ms(since)))


@dataclass(frozen=True)
class SyncUsed:
    """What one sync used: the list, which read of it, and its bookmarks and duration."""

    fingerprint: str
    read: str
    start_bookmark: str | None
    end_bookmark: str | None
    duration_s: float
    max_age_s: float


def remember(state: dict[str, t.Any], used: SyncUsed) -> None:
    first_use = state.get(READ) != used.read or state.get(FINGERPRINT) != used.fingerprint
    if first_use:
        if used.start_bookmark:
            before_ms = epoch_ms(used.start_bookmark)
        elif used.end_bookmark:
            before_ms = epoch_ms(used.end_bookmark) - used.duration_s * 1000
        else:
            before_ms = None
        state[SINCE] = None if before_ms is None else iso_from_ms(before_ms - used.max_age_s * 1000)
        state[READ] = used.read
    state[FINGERPRINT] = used.fingerprint
