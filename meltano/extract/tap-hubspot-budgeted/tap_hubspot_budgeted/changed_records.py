"""Which records of each object type this run read as changed.

An association stream reads the associations of these records only (the frequent path),
instead of listing every id of its from-object type. A record read again only because the
search filter includes the bookmark itself (GTE) is not a change.
"""

from __future__ import annotations

from collections import defaultdict

from tap_hubspot_budgeted.object_names import plural


class ChangedRecords:
    def __init__(self) -> None:
        self._ids: dict[str, set[str]] = defaultdict(set)
        self._synced: set[str] = set()

    def add(self, stream_name: str, record_id: str) -> None:
        self._ids[stream_name].add(record_id)

    def mark_synced(self, stream_name: str) -> None:
        self._synced.add(stream_name)

    def knows(self, object_name: str) -> bool:
        """Whether this run synced the object's stream, so its changes are known."""
        return plural(object_name) in self._synced

    def ids(self, object_name: str) -> list[str]:
        return sorted(
            self._ids.get(plural(object_name), ()),
            key=lambda i: (len(i), i),
        )
