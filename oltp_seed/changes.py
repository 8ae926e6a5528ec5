"""Deterministic OLTP activity after the seed: new cases, completed reviews, hard deletes.

Which rows change depends only on (seed, at) and what the database holds (rows are picked
from id-sorted lists), so a re-run against the same state makes the same changes. Every
changed row gets updated_at = `at`, which the touch trigger keeps.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random

import psycopg

from oltp_seed.clock import ANCHOR
from oltp_seed.ids import new_uuid
from oltp_seed.tables import CASE_TYPES, REVIEW_OUTCOMES


@dataclass(frozen=True)
class ChangeSummary:
    at: datetime
    inserted_cases: list[str] = field(default_factory=list)
    inserted_reviews: list[str] = field(default_factory=list)
    updated_reviews: list[str] = field(default_factory=list)
    deleted_reviews: list[str] = field(default_factory=list)


def next_change_time(conn: psycopg.Connection) -> datetime:
    """An hour after the newest change, so every run lands after the last extraction."""
    row = conn.execute(
        "select greatest(max(c.updated_at), max(r.updated_at), %s) "
        "from (select max(updated_at) as updated_at from cases) c, "
        "(select max(updated_at) as updated_at from case_reviews) r",
        (ANCHOR,),
    ).fetchone()
    latest: datetime = row[0] if row and row[0] else ANCHOR
    return latest + timedelta(hours=1)


def simulate_changes(
    conn: psycopg.Connection,
    seed: int,
    inserts: int,
    updates: int,
    deletes: int,
    at: datetime,
) -> ChangeSummary:
    # The case count is in the seed so a second run at the same `at` makes new ids.
    (case_count,) = conn.execute("select count(*) from cases").fetchone() or (0,)
    rng = Random(f"{seed}:changes:{at.isoformat()}:{case_count}")
    summary = ChangeSummary(at)
    with conn.transaction():
        _insert_cases(conn, rng, inserts, at, summary)
        _complete_reviews(conn, rng, updates, at, summary)
        _delete_reviews(conn, rng, deletes, summary)
    return summary


def _insert_cases(
    conn: psycopg.Connection, rng: Random, count: int, at: datetime, summary: ChangeSummary
) -> None:
    owners = conn.execute(
        "select p.provider_id::text, p.supervising_physician_id::text, p.state_id::text, "
        "s.review_sla_days from providers p join states s using (state_id) "
        "where p.status = 'active' order by p.provider_id"
    ).fetchall()
    if not owners or count <= 0:
        return
    for _ in range(count):
        provider_id, physician_id, state_id, sla_days = owners[rng.randrange(len(owners))]
        case_id, review_id = new_uuid(rng), new_uuid(rng)
        conn.execute(
            "insert into cases (case_id, provider_id, state_id, patient_ref, case_type, "
            "priority, status, opened_at, closed_at, created_at, updated_at) "
            "values (%s, %s, %s, %s, %s, %s, 'open', %s, null, %s, %s)",
            (
                case_id,
                provider_id,
                state_id,
                f"PT-{rng.getrandbits(32):08X}",
                rng.choice(CASE_TYPES),
                "urgent" if rng.random() < 0.2 else "routine",
                at,
                at,
                at,
            ),
        )
        conn.execute(
            "insert into case_reviews (review_id, case_id, physician_id, status, requested_at, "
            "due_at, reviewed_at, outcome, created_at, updated_at) "
            "values (%s, %s, %s, 'pending', %s, %s, null, null, %s, %s)",
            (review_id, case_id, physician_id, at, at + timedelta(days=sla_days), at, at),
        )
        summary.inserted_cases.append(case_id)
        summary.inserted_reviews.append(review_id)


def _complete_reviews(
    conn: psycopg.Connection, rng: Random, count: int, at: datetime, summary: ChangeSummary
) -> None:
    pending = [
        r[0]
        for r in conn.execute(
            "select review_id::text from case_reviews where status = 'pending' "
            "and requested_at < %s order by review_id",
            (at,),
        )
    ]
    chosen = rng.sample(pending, min(count, len(pending))) if count > 0 else []
    for review_id in chosen:
        conn.execute(
            "update case_reviews set status = 'completed', reviewed_at = %s, outcome = %s, "
            "updated_at = %s where review_id = %s",
            (at, rng.choice(REVIEW_OUTCOMES), at, review_id),
        )
    if chosen:
        # A case whose reviews are all done is closed; one with some done is in review.
        conn.execute(
            "update cases c set status = case when done.all_done then 'closed' "
            "else 'in_review' end, "
            "closed_at = case when done.all_done then %s end, updated_at = %s "
            "from (select case_id, bool_and(status = 'completed') as all_done "
            "from case_reviews where case_id in "
            "(select case_id from case_reviews where review_id = any(%s::uuid[])) "
            "group by case_id) done where c.case_id = done.case_id",
            (at, at, chosen),
        )
    summary.updated_reviews.extend(chosen)


def _delete_reviews(
    conn: psycopg.Connection, rng: Random, count: int, summary: ChangeSummary
) -> None:
    if count <= 0:
        return
    # Only long-finished reviews go, and never the ones this run just touched.
    touched = set(summary.updated_reviews) | set(summary.inserted_reviews)
    candidates = [
        r[0]
        for r in conn.execute(
            "select review_id::text from case_reviews where status = 'completed' order by review_id"
        )
        if r[0] not in touched
    ]
    chosen = rng.sample(candidates, min(count, len(candidates)))
    conn.execute("delete from case_reviews where review_id = any(%s::uuid[])", (chosen,))
    summary.deleted_reviews.extend(chosen)
