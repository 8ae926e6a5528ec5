"""Deterministic rows for the supervision database, for a (seed, scale).

Same (seed, scale), same rows: one seeded Random and one seeded Faker instance, never global
state, and every timestamp hangs from ANCHOR rather than now().
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from oltp_seed.casework import case_bundles
from oltp_seed.clock import ANCHOR
from oltp_seed.people import Person
from oltp_seed.roster import Roster, Row, build_roster
from oltp_seed.sizing import expected_counts
from oltp_seed.tables import COLUMNS, TABLES

__all__ = [
    "ANCHOR",
    "COLUMNS",
    "TABLES",
    "Person",
    "Row",
    "SupervisionData",
    "expected_counts",
    "generate_people",
    "generate_supervision",
]


class ReplayableRows:
    """An iterable that regenerates its rows on every pass instead of holding them."""

    def __init__(self, make: Callable[[], Iterator[Row]]) -> None:
        self._make = make

    def __iter__(self) -> Iterator[Row]:
        return self._make()


@dataclass(frozen=True)
class SupervisionData:
    seed: int
    scale: float
    counts: Mapping[str, int]  # rows each table will yield
    rows: Mapping[str, Iterable[Row]]  # table -> rows in COLUMNS[table] order, re-iterable
    people: list[Person]


def generate_people(seed: int = 42, scale: float = 1.0) -> list[Person]:
    """Physicians then providers; cheap, as it generates no cases."""
    return build_roster(seed, scale).people


def generate_supervision(seed: int = 42, scale: float = 1.0) -> SupervisionData:
    counts = expected_counts(scale)
    roster = build_roster(seed, scale)

    def bundles() -> Iterator[tuple[Row, list[Row]]]:
        return case_bundles(roster, seed, counts["cases"], counts["case_reviews"])

    def cases() -> Iterator[Row]:
        return (case for case, _ in bundles())

    def reviews() -> Iterator[Row]:
        # Replays the cases as well (reviews depend on them) rather than keeping them all.
        return (review for _, case_reviews in bundles() for review in case_reviews)

    rows = {
        "states": _replay(roster, "states"),
        "physicians": _replay(roster, "physicians"),
        "providers": _replay(roster, "providers"),
        "cases": ReplayableRows(cases),
        "case_reviews": ReplayableRows(reviews),
    }
    return SupervisionData(seed, scale, counts, {t: rows[t] for t in TABLES}, roster.people)


def _replay(roster: Roster, table: str) -> ReplayableRows:
    held: list[Row] = getattr(roster, table)
    return ReplayableRows(lambda: iter(held))
