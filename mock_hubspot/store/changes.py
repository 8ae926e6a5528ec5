"""Change simulation: create, update and archive records, moving timestamps forward.

Each change normally gets its own instant, a clock tick after the one before. With
`same_instant` the whole request is one bulk operation, like a HubSpot import: every record
it creates, updates or archives is stamped with one instant, so thousands of records share
one last-modified date (the case that breaks a sync paging on that date alone).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from mock_hubspot.store.errors import InvalidRequest
from mock_hubspot.store.portal import Portal


@dataclass(frozen=True)
class ChangeRequest:
    object_type: str
    create: int = 0
    update: int = 0
    archive: int = 0
    seed: int = 0
    same_instant: bool = False


@dataclass(frozen=True)
class ChangeResult:
    object_type: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)


def apply_changes(portal: Portal, request: ChangeRequest) -> ChangeResult:
    collection = portal.collection(request.object_type)
    if min(request.create, request.update, request.archive) < 0:
        raise InvalidRequest("create, update and archive must not be negative")
    existing = list(collection.live_indices)
    if request.update + request.archive > len(existing):
        raise InvalidRequest(
            f"Only {len(existing)} live {collection.otype.name} can be updated or archived"
        )
    rng = random.Random(f"{portal.seed}:changes:{collection.otype.name}:{request.seed}")
    rng.seed(f"{rng.random()}:{collection.version}:{len(collection)}")
    chosen = rng.sample(existing, request.update + request.archive)
    result = ChangeResult(collection.otype.name)
    bulk = portal.next_instant() if request.same_instant else None

    def instant() -> int:
        return portal.next_instant() if bulk is None else bulk

    for _ in range(request.create):
        result.created.append(collection.record_id(collection.create(instant(), bulk)))
    for index in chosen[: request.update]:
        redrawn = collection.blueprint.generate(
            portal.ctx, random.Random(rng.random()), index, collection.created_ms(index)
        )
        changes = {name: redrawn.get(name) for name in collection.blueprint.mutable}
        changes.update(collection.update_values)
        at = instant()
        if (stages := collection.blueprint.stages) is not None:
            changes.update(stages.moved(portal.ctx, collection.values(index), changes, at))
        collection.update(index, changes, at)
        result.updated.append(collection.record_id(index))
    for index in chosen[request.update :]:
        collection.archive(index, instant())
        result.archived.append(collection.record_id(index))
    return result
