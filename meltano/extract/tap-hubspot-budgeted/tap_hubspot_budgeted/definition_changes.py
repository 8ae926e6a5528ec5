"""When a stream's property list changes, from where its next sync reads.

The property cache (property_cache.py) refreshes a type's definitions once per max age. A
property added in the portal in between may already have values: giving a record a value
moves its modified date past the time the previous definitions were read. So a stream
whose list changed reads from that time (or from its bookmark, if earlier), and gets those
records again with the new column. The stream's state keeps the list's fingerprint and
when the list was read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import typing as t

from tap_hubspot_budgeted.search_cursor import epoch_ms

FINGERPRINT = "definitions_fingerprint"
READ_AT = "definitions_read_at"


def fingerprint(properties: t.Iterable[str]) -> str:
    return hashlib.sha256(",".join(sorted(properties)).encode()).hexdigest()[:16]


def iso_from_s(moment_s: float) -> str:
    # An ISO string, as the bookmark is: targets read numbers in a state back as Decimal.
    return dt.datetime.fromtimestamp(moment_s, tz=dt.UTC).isoformat()


def rewound_bookmark(state: dict[str, t.Any], current: str) -> str | None:
    """The bookmark to sync from when the list changed since the last sync; None when it
    did not, or when there is nothing to compare with (a first sync, an older state)."""
    bookmark, read_at = state.get("replication_key_value"), state.get(READ_AT)
    if not bookmark or not read_at or state.get(FINGERPRINT) in (None, current):
        return None
    since_ms = min(epoch_ms(bookmark), epoch_ms(read_at))
    return iso_from_s(since_ms / 1000)


def remember(state: dict[str, t.Any], current: str, read_at_s: float) -> None:
    state[FINGERPRINT] = current
    state[READ_AT] = iso_from_s(read_at_s)
