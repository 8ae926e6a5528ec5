"""States, physicians and providers: the small tables, built in memory (cases point at them)."""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random
from typing import Any

from faker import Faker

from oltp_seed.clock import ACTIVITY_WINDOW, ANCHOR
from oltp_seed.ids import new_uuid
from oltp_seed.people import Person
from oltp_seed.sizing import expected_counts
from oltp_seed.tables import PROVIDER_TYPES, SPECIALTIES
from oltp_seed.us_states import US_STATES

Row = tuple[Any, ...]

_NOT_A_LETTER = re.compile(r"[^a-z]")
NAME_POOL = 2000
DOMAINS_PER_KIND = 50


@dataclass(frozen=True)
class SupervisedProvider:
    """What case generation needs to know about a provider."""

    provider_id: str
    supervising_physician_id: str
    state_id: str
    sla_seconds: int  # the state's review SLA
    sla: timedelta
    peers: list[str]  # physicians who may review instead of the supervisor


@dataclass
class Roster:
    states: list[Row] = field(default_factory=list)
    physicians: list[Row] = field(default_factory=list)
    providers: list[Row] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    supervised: list[SupervisedProvider] = field(default_factory=list)
    physicians_by_state: dict[str, list[str]] = field(default_factory=dict)
    physician_ids: list[str] = field(default_factory=list)


def _slug(name: str) -> str:
    return _NOT_A_LETTER.sub("", name.lower()) or "x"


def _npi(rng: Random, taken: set[str]) -> str:
    """A 10-digit NPI with a valid Luhn check digit (computed over the 80840 prefix)."""
    while True:
        body = f"{rng.randrange(100_000_000, 300_000_000):09d}"
        if body in taken:
            continue
        taken.add(body)
        digits = [int(d) for d in "80840" + body]
        total = 0
        for i, d in enumerate(reversed(digits)):
            total += sum(divmod(d * 2, 10)) if i % 2 == 0 else d
        return body + str((10 - total % 10) % 10)


def _created_and_updated(rng: Random) -> tuple[datetime, datetime]:
    """Master data predates the activity window; some of it was edited inside it."""
    created = (
        ANCHOR - ACTIVITY_WINDOW - timedelta(seconds=86_400 + int(rng.random() * 3 * 364 * 86_400))
    )
    if rng.random() < 0.3:
        edited = ANCHOR - timedelta(
            seconds=60 + int(rng.random() * (ACTIVITY_WINDOW.total_seconds() - 60))
        )
        return created, edited
    return created, created


def build_roster(seed: int, scale: float) -> Roster:
    counts = expected_counts(scale)
    rng = Random(f"{seed}:roster")
    random = rng.random  # int(random() * n) picks: several times faster than randrange
    fake = Faker("en_US")
    fake.seed_instance(seed)
    roster = Roster()

    state_codes: dict[str, str] = {}
    for code, name in sorted(rng.sample(US_STATES, counts["states"])):
        state_id = new_uuid(rng)
        state_codes[state_id] = code
        sla_days = rng.randint(2, 7)
        roster.states.append((state_id, code, name, sla_days, *_created_and_updated(rng)))
    sla_by_state = {row[0]: row[3] * 86_400 for row in roster.states}
    state_ids = list(state_codes)

    # Faker is slow (~0.1 ms a name): draw bounded pools once and pick from them with rng.
    pool = min(counts["physicians"] + counts["providers"], NAME_POOL)
    first_names = [fake.first_name() for _ in range(pool)]
    last_names = [fake.last_name() for _ in range(pool)]
    slugs = {name: _slug(name) for name in first_names + last_names}
    # Practice domains: distinct-looking, never real.
    domains = [
        f"{_slug(fake.last_name())}-{kind}.example"
        for kind in ("health", "clinic", "care", "medical")
        for _ in range(max(1, min(pool // 20, DOMAINS_PER_KIND)))
    ]

    def name() -> tuple[str, str]:
        return first_names[int(random() * pool)], last_names[int(random() * pool)]

    def email(first: str, last: str) -> str:
        # The running number makes emails unique across physicians and providers.
        n = len(roster.people) + 1
        return f"{slugs[first]}.{slugs[last]}.{n}@{domains[int(random() * len(domains))]}"

    npis: set[str] = set()
    active_physicians: list[str] = []
    state_of_physician: dict[str, str] = {}
    for _ in range(counts["physicians"]):
        physician_id = new_uuid(rng)
        state_id = state_ids[int(random() * len(state_ids))]
        first, last = name()
        address = email(first, last)
        status = "active" if rng.random() < 0.9 else "inactive"
        roster.physicians.append(
            (
                physician_id,
                state_id,
                first,
                last,
                address,
                _npi(rng, npis),
                SPECIALTIES[int(random() * len(SPECIALTIES))],
                status,
                *_created_and_updated(rng),
            )
        )
        roster.people.append(
            Person(physician_id, "physician", first, last, address, state_codes[state_id])
        )
        roster.physicians_by_state.setdefault(state_id, []).append(physician_id)
        roster.physician_ids.append(physician_id)
        state_of_physician[physician_id] = state_id
        if status == "active":
            active_physicians.append(physician_id)
    supervisors = active_physicians or roster.physician_ids

    for _ in range(counts["providers"]):
        provider_id = new_uuid(rng)
        supervisor = supervisors[int(random() * len(supervisors))]
        # Supervision is licensed per state: a provider practises in the supervisor's state.
        state_id = state_of_physician[supervisor]
        first, last = name()
        address = email(first, last)
        # Another physician of the same state reviews now and then; anyone, if none.
        peers = roster.physicians_by_state[state_id]
        peers = peers if len(peers) > 1 else roster.physician_ids
        provider_type = PROVIDER_TYPES[0] if rng.random() < 0.6 else PROVIDER_TYPES[1]
        license_number = f"{provider_type}-{state_codes[state_id]}-{int(random() * 10**6):06d}"
        roster.providers.append(
            (
                provider_id,
                supervisor,
                state_id,
                first,
                last,
                address,
                provider_type,
                license_number,
                "active" if rng.random() < 0.92 else "inactive",
                *_created_and_updated(rng),
            )
        )
        roster.people.append(
            Person(provider_id, "provider", first, last, address, state_codes[state_id])
        )
        roster.supervised.append(
            SupervisedProvider(
                provider_id,
                supervisor,
                state_id,
                sla_by_state[state_id],
                timedelta(seconds=sla_by_state[state_id]),
                peers,
            )
        )
    return roster
