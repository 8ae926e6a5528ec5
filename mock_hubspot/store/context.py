"""What fixture generators may read: seed, word pools, the directory, pipelines, people and
their supervision agreements."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from mock_hubspot.store.agreements import PlannedAgreement
from mock_hubspot.store.directory import Directory
from mock_hubspot.store.object_types import resolve_object_type
from mock_hubspot.store.pipelines import Pipeline
from mock_hubspot.store.pools import Pools


class PersonLike(Protocol):
    @property
    def person_id(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def state_code(self) -> str: ...


class SupervisionLike(Protocol):
    """An OLTP provider and its supervising physician (people ids), with the physicians
    who may review the provider's cases instead (the supervisor's state's others)."""

    @property
    def provider_id(self) -> str: ...
    @property
    def supervising_physician_id(self) -> str: ...
    @property
    def peers(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class FixtureContext:
    seed: int
    pools: Pools
    directory: Directory
    deal_pipelines: tuple[Pipeline, ...]
    ticket_pipelines: tuple[Pipeline, ...]
    people: Sequence[PersonLike]
    initial_counts: dict[str, int] = field(default_factory=dict)
    agreements: Sequence[PlannedAgreement] = ()

    @property
    def owner_ids(self) -> tuple[str, ...]:
        return tuple(owner.id for owner in self.directory.live_owners)

    def pick_owner(self, rng: random.Random) -> str:
        owners = self.owner_ids
        return owners[rng.randrange(len(owners))]

    def pick_index(self, rng: random.Random, object_type: str) -> int:
        return rng.randrange(self.initial_counts[object_type])

    def first_id(self, object_type: str) -> int:
        otype = resolve_object_type(object_type)
        if otype is None:
            raise KeyError(object_type)
        return otype.first_id
