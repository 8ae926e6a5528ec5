"""The associations of a run's changes are read after their object stream's STATE.

An object stream's STATE message (its new bookmark) goes out when the stream ends, and the
association streams that read its changed records' associations sync after it
(sync_order.py). A run that stops in between (the daily cap, an error, a kill) keeps that
bookmark, since a target saves the last STATE it was sent. The next frequent run would then
not read those records again, and their new associations would wait for the full pass.

So an object stream whose associations this run reads marks its state with the bookmark it
starts from, and the mark goes once the last of those association streams has synced. A
sync that finds a mark reads again from it: the records since are changes again, and their
associations are read. Reading them twice is harmless (the target upserts by id).
"""

from __future__ import annotations

import typing as t

from tap_hubspot_budgeted.search_cursor import epoch_ms

PENDING = "associations_pending_since"
# What a first sync (no bookmark) marks when it has no start_date: read from the start.
EPOCH = "1970-01-01T00:00:00+00:00"


def resume_from(state: dict[str, t.Any]) -> str | None:
    """The mark, when a run stopped before reading the associations of the changes it read
    from there; None otherwise."""
    pending = state.get(PENDING)
    bookmark = state.get("replication_key_value")
    if pending is None or (bookmark and epoch_ms(bookmark) <= epoch_ms(pending)):
        return None
    return pending


def mark(state: dict[str, t.Any], start: str | None, first_start: str | None) -> None:
    """Before an object stream reads: it starts from `start` (None for a first sync, which
    reads from `first_start`, the start_date)."""
    state[PENDING] = start or first_start or EPOCH


def settle(state: dict[str, t.Any]) -> None:
    """Nothing is owed. The key stays, set to None: Meltano merges partial states (a
    `--full-refresh` run, `--state-strategy merge`) key by key, so a removed key would
    leave the stored mark in place."""
    if state.get(PENDING) is not None:
        state[PENDING] = None


class WaitingReaders:
    """The association streams each object stream of this run still waits for."""

    def __init__(self) -> None:
        self._waiting: dict[str, set[str]] = {}

    def open(self, object_stream: str, readers: t.Iterable[str]) -> None:
        self._waiting[object_stream] = set(readers)

    def done(self, object_stream: str, reader: str) -> bool:
        """A reader synced; True when it was the object stream's last one."""
        waiting = self._waiting.get(object_stream)
        if waiting is None or reader not in waiting:
            return False
        waiting.discard(reader)
        if waiting:
            return False
        del self._waiting[object_stream]
        return True
