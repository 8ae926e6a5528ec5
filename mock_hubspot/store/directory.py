"""The portal's people: owners, the users behind them, and their teams."""

from __future__ import annotations

import random
from dataclasses import dataclass

from mock_hubspot.store.clock import ANCHOR_MS, DAY_MS
from mock_hubspot.store.pools import Pools

OWNER_COUNT = 8
EMAIL_DOMAIN = "paracelsus.example"
TEAM_NAMES = ("Physician Relations", "Provider Success", "Compliance Desk")
ROLE_IDS = ("100001", "100002", "100003")


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    user_ids: tuple[str, ...]
    secondary_user_ids: tuple[str, ...]


@dataclass(frozen=True)
class Owner:
    id: str
    user_id: int
    email: str
    first_name: str
    last_name: str
    created_ms: int
    updated_ms: int
    archived: bool
    team_id: str
    role_id: str
    super_admin: bool


@dataclass(frozen=True)
class Directory:
    owners: tuple[Owner, ...]
    teams: tuple[Team, ...]

    @property
    def live_owners(self) -> tuple[Owner, ...]:
        return tuple(owner for owner in self.owners if not owner.archived)

    @classmethod
    def build(cls, seed: int, pools: Pools) -> Directory:
        rng = random.Random(f"{seed}:directory")
        team_ids = tuple(str(4_100_000 + rng.randrange(1000) * 10 + i) for i in range(3))
        owners = []
        for i in range(OWNER_COUNT + 1):
            first, last = rng.choice(pools.first_names), rng.choice(pools.last_names)
            created = ANCHOR_MS - 400 * DAY_MS + i * 7 * DAY_MS + rng.randrange(DAY_MS)
            owners.append(
                Owner(
                    id=str(51_000_000 + i * 1_117 + rng.randrange(1000)),
                    user_id=9_800_000 + i * 313 + rng.randrange(300),
                    email=f"{first}.{last}{i}@{EMAIL_DOMAIN}".lower(),
                    first_name=first,
                    last_name=last,
                    created_ms=created,
                    updated_ms=created + (i + 1) * DAY_MS + rng.randrange(DAY_MS),
                    archived=i == OWNER_COUNT,
                    team_id=team_ids[i % len(team_ids)],
                    role_id=ROLE_IDS[0 if i == 0 else 1 + i % 2],
                    super_admin=i == 0,
                )
            )
        teams = tuple(
            Team(
                id=team_id,
                name=name,
                user_ids=tuple(str(o.user_id) for o in owners if o.team_id == team_id),
                secondary_user_ids=(str(owners[0].user_id),) if index else (),
            )
            for index, (team_id, name) in enumerate(zip(team_ids, TEAM_NAMES, strict=True))
        )
        return cls(owners=tuple(owners), teams=teams)
