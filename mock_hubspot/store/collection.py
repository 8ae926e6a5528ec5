"""One CRM object type's records, stored compactly and materialized on demand.

A record's property values are a pure function of (seed, type, index); the collection only
keeps timestamps, archive marks and overrides made by the change simulation, plus sorted
indexes for id-cursor paging and for ranges of the last-modified timestamp.
"""

from __future__ import annotations

import random
from array import array
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from mock_hubspot.store.blueprints import Blueprint
from mock_hubspot.store.clock import ANCHOR_MS, HISTORY_MS, iso_ms
from mock_hubspot.store.context import FixtureContext
from mock_hubspot.store.object_types import ObjectType
from mock_hubspot.store.properties import PropertyDef

ARCHIVED_SHARE = 0.02
Values = dict[str, str | None]


@dataclass(frozen=True)
class Record:
    id: str
    properties: Values
    created_ms: int
    updated_ms: int
    archived_ms: int | None


class _IndexView(Sequence[int]):
    """A window of a (timestamp, index) list seen as indices, without copying it."""

    def __init__(self, pairs: list[tuple[int, int]], first: int, last: int) -> None:
        self._pairs, self._first, self._last = pairs, first, last

    def __len__(self) -> int:
        return max(0, self._last - self._first)

    @overload
    def __getitem__(self, item: int) -> int: ...
    @overload
    def __getitem__(self, item: slice) -> list[int]: ...
    def __getitem__(self, item: int | slice) -> int | list[int]:
        if isinstance(item, slice):
            start, stop, step = item.indices(len(self))
            pairs = self._pairs[self._first + start : self._first + stop : step]
            return [index for _, index in pairs]
        if not -len(self) <= item < len(self):
            raise IndexError(item)
        return self._pairs[self._first + item % len(self)][1]


class ObjectCollection:
    def __init__(
        self, otype: ObjectType, blueprint: Blueprint, ctx: FixtureContext, count: int
    ) -> None:
        self.otype = otype
        self.blueprint = blueprint
        self.ctx = ctx
        self.catalog: dict[str, PropertyDef] = {p.name: p for p in blueprint.properties(ctx)}
        self.version = 0
        self.update_values: Values = {}
        self._added: list[str] = []
        self._created = array("q")
        self._updated = array("q")
        self._archived_at: dict[int, int] = {}
        # Merged into another record: neither live nor archived (see merged_records.py).
        self._merged: set[int] = set()
        self._overrides: dict[int, Values] = {}
        # Per record, what each update of the change simulation wrote, oldest first.
        self._history: dict[int, list[tuple[int, Values]]] = {}
        self._build_timeline(count)
        # Each record's last-modified instant before any update: its generated stage history
        # ends by then, and stays put when an update moves the instant on.
        self._generated_updated = array("q", self._updated)
        self._live = [i for i in range(count) if i not in self._archived_at]
        self._archived = sorted(self._archived_at)
        self._by_updated = sorted((self._updated[i], i) for i in self._live)

    def _build_timeline(self, count: int) -> None:
        rng = random.Random(f"{self.ctx.seed}:{self.otype.name}:timeline")
        start = ANCHOR_MS - HISTORY_MS
        step = max(2, HISTORY_MS // max(count, 1))
        for i in range(count):
            created = start + i * step + rng.randrange(step // 2)
            room = ANCHOR_MS - created - 2_000
            self._created.append(created)
            self._updated.append(created + 1_000 + int(rng.random() ** 2 * room))
            # Contacts that are OLTP physicians/providers stay live: marts join them by email.
            protected = self.otype.name == "contacts" and i < len(self.ctx.people)
            if rng.random() < ARCHIVED_SHARE and not protected:
                self._archived_at[i] = -1
        previous = -1
        for i in sorted(range(count), key=self._updated.__getitem__):
            previous = self._updated[i] = max(self._updated[i], previous + 1)
        for i in self._archived_at:
            self._archived_at[i] = self._updated[i]

    def __len__(self) -> int:
        return len(self._created)

    @property
    def live_count(self) -> int:
        return len(self._live)

    @property
    def archived_count(self) -> int:
        return len(self._archived)

    @property
    def live_indices(self) -> Sequence[int]:
        return self._live

    @property
    def latest_ms(self) -> int:
        return max(self._updated, default=ANCHOR_MS)

    def is_live(self, index: int) -> bool:
        return (
            0 <= index < len(self) and index not in self._archived_at and index not in self._merged
        )

    def created_ms(self, index: int) -> int:
        return self._created[index]

    def record_id(self, index: int) -> str:
        return str(self.otype.first_id + index)

    def index_of(self, record_id: str) -> int | None:
        if not record_id.isdigit():
            return None
        index = int(record_id) - self.otype.first_id
        return index if 0 <= index < len(self) else None

    def generated(self, index: int) -> Values:
        rng = random.Random(f"{self.ctx.seed}:{self.otype.name}:{index}")
        created = self._created[index]
        values = self.blueprint.generate(self.ctx, rng, index, created)
        if (stages := self.blueprint.stages) is not None:
            until = self._generated_updated[index]
            values.update(stages.generated(self.ctx, rng, values, created, until))
        return values

    def values(self, index: int) -> Values:
        values = self.generated(index)
        values.update(dict.fromkeys(self._added))
        values.update(self._overrides.get(index, {}))
        values["hs_object_id"] = self.record_id(index)
        values[self.otype.created_property] = iso_ms(self._created[index])
        values[self.otype.modified_property] = iso_ms(self._updated[index])
        return values

    def record(self, index: int) -> Record:
        return Record(
            id=self.record_id(index),
            properties=self.values(index),
            created_ms=self._created[index],
            updated_ms=self._updated[index],
            archived_ms=self._archived_at.get(index),
        )

    def page(self, *, archived: bool, after: int, limit: int) -> tuple[list[int], int | None]:
        """Indices of one id-ordered page starting at index `after`, and the next start."""
        indices = self._archived if archived else self._live
        start = bisect_left(indices, after)
        chunk = indices[start : start + limit]
        following = start + limit
        return chunk, indices[following] if following < len(indices) else None

    def modified_between(self, low: int, high: int) -> Sequence[int]:
        """Live indices whose last-modified instant lies in [low, high], oldest first."""
        first = bisect_left(self._by_updated, (low, -1))
        last = bisect_right(self._by_updated, (high, len(self)))
        return _IndexView(self._by_updated, first, last)

    def add_property(self, prop: PropertyDef, update_value: str | None) -> None:
        """A property defined after the fixtures: unset (null) until a record is given a
        value; the change simulation's updates give `update_value` when there is one."""
        self.catalog[prop.name] = prop
        self._added.append(prop.name)
        if update_value is not None:
            self.update_values[prop.name] = update_value

    def create(self, created_ms: int, updated_ms: int | None = None) -> int:
        """A new record, last modified a millisecond after its creation unless told
        otherwise (a bulk import stamps both with one instant)."""
        index = len(self)
        updated_ms = created_ms + 1 if updated_ms is None else updated_ms
        self._created.append(created_ms)
        self._updated.append(updated_ms)
        self._generated_updated.append(updated_ms)
        self._live.append(index)
        # New instants come from the portal clock, past every stamp: appending keeps order.
        if self._by_updated and self._by_updated[-1] > (updated_ms, index):
            insort(self._by_updated, (updated_ms, index))
        else:
            self._by_updated.append((updated_ms, index))
        self.version += 1
        return index

    def find_by_property(self, name: str, value: str, archived: bool = False) -> int | None:
        """The record whose `name` equals `value` (case-insensitive, as HubSpot compares
        emails): the lookup behind `idProperty`."""
        wanted = value.strip().lower()
        indices = self._archived if archived else self._live
        for index in indices:
            found = self.values(index).get(name)
            if found is not None and found.lower() == wanted:
                return index
        return None

    def property_history(self, index: int, name: str) -> list[tuple[int, str | None]]:
        """Every version of one property, newest first: the value the record was created
        with, then each update that changed it; the newest is always the current value."""
        created = self._created[index]
        at_creation = self.generated(index)
        at_creation.update(
            {
                "hs_object_id": self.record_id(index),
                self.otype.created_property: iso_ms(created),
                self.otype.modified_property: iso_ms(created),
            }
        )
        versions: list[tuple[int, str | None]] = [(created, at_creation.get(name))]
        stages = self.blueprint.stages
        if stages is not None and name == stages.stage_property:
            versions = stages.versions(self.ctx, at_creation, created)
        for updated_ms, changes in self._history.get(index, []):
            if name in changes and changes[name] != versions[-1][1]:
                versions.append((updated_ms, changes[name]))
        current = self.values(index).get(name)
        if versions[-1][1] != current:
            versions.append((self._updated[index], current))
        return versions[::-1]

    def _unindex_updated(self, index: int) -> None:
        # By bisection, not list.remove: a bulk update of thousands stays fast.
        del self._by_updated[bisect_left(self._by_updated, (self._updated[index], index))]

    def update(self, index: int, changes: Values, updated_ms: int) -> None:
        self._unindex_updated(index)
        self._history.setdefault(index, []).append((updated_ms, dict(changes)))
        self._overrides.setdefault(index, {}).update(changes)
        self._updated[index] = updated_ms
        insort(self._by_updated, (updated_ms, index))
        self.version += 1

    def merge_away(self, index: int) -> None:
        """Gone from lists and searches, and from archived lists too: HubSpot keeps a
        merged record's id only as an alias of the record it was merged into."""
        self._unindex_updated(index)
        self._live.pop(bisect_left(self._live, index))
        self._merged.add(index)
        self.version += 1

    def archive(self, index: int, archived_ms: int) -> None:
        self._unindex_updated(index)
        self._live.pop(bisect_left(self._live, index))
        insort(self._archived, index)
        self._archived_at[index] = archived_ms
        self._updated[index] = archived_ms
        self.version += 1
