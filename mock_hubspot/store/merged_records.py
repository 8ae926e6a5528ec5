"""Records merged into others (HubSpot's merge endpoint), laid over the collections.

A merged-away record is neither live nor archived: lists, searches and archived lists
leave it out, while a read of its id answers the record that absorbed it. That one may be
merged away later in turn, so an id resolves along the chain to the surviving record.
The associations of a merged-away record belong to its survivor (associations.py reads
this overlay). Insertion-ordered containers keep the mock's answers a function of the
seed and the sequence of merges.
"""

from __future__ import annotations


class MergedRecords:
    def __init__(self) -> None:
        self._into: dict[str, dict[int, int]] = {}
        self._absorbed: dict[str, dict[int, list[int]]] = {}
        self.version = 0

    def touches(self, object_type: str) -> bool:
        """Whether any record of the type was merged away (else reads skip this overlay)."""
        return bool(self._into.get(object_type))

    def is_merged(self, object_type: str, index: int) -> bool:
        return index in self._into.get(object_type, {})

    def survivor(self, object_type: str, index: int) -> int:
        into = self._into.get(object_type, {})
        while index in into:
            index = into[index]
        return index

    def absorbed(self, object_type: str, index: int) -> list[int]:
        """Every record merged into this one, directly or into one it absorbed before, in
        the order of the merges."""
        found: list[int] = []
        for merged in self._absorbed.get(object_type, {}).get(index, ()):
            found += [merged, *self.absorbed(object_type, merged)]
        return found

    def record(self, object_type: str, survivor: int, merged: int) -> None:
        self._into.setdefault(object_type, {})[merged] = survivor
        self._absorbed.setdefault(object_type, {}).setdefault(survivor, []).append(merged)
        self.version += 1
