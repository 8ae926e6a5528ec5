"""Cases and their reviews, streamed: the big tables (about a million reviews at scale 1667).

Per-row work uses only the seeded Random (Faker is far too slow here). Timelines are kept in
whole epoch seconds and turned into datetimes once, when a row is emitted.
"""

from collections.abc import Iterator
from datetime import UTC, datetime
from random import Random

from oltp_seed.clock import ACTIVITY_WINDOW, ANCHOR
from oltp_seed.ids import new_uuid
from oltp_seed.roster import Roster, Row
from oltp_seed.sizing import MAX_REVIEWS_PER_CASE
from oltp_seed.tables import CASE_TYPES, REVIEW_OUTCOMES

_HOUR = 3600
_DAY = 86_400
_ANCHOR_TS = int(ANCHOR.timestamp())
_WINDOW = int(ACTIVITY_WINDOW.total_seconds())
_LATEST_REQUEST = _ANCHOR_TS - 60

SUPERVISOR_REVIEWS = 0.85  # the rest go to another physician, preferably in the same state
LEFT_PENDING = 0.12  # reviews nobody has picked up yet (most of them overdue by now)
COMPLETED_LATE = 0.12
URGENT = 0.2
OUTCOME_WEIGHTS = (0.7, 0.2, 0.1)  # approved, changes_requested, escalated


def case_bundles(
    roster: Roster, seed: int, cases: int, reviews: int
) -> Iterator[tuple[Row, list[Row]]]:
    """Yield (case row, its review rows); exactly `cases` cases and `reviews` reviews in all."""
    rng = Random(f"{seed}:cases")
    random = rng.random
    at = datetime.fromtimestamp
    owners = roster.supervised
    approved_below = OUTCOME_WEIGHTS[0]
    changes_below = OUTCOME_WEIGHTS[0] + OUTCOME_WEIGHTS[1]
    # Reviews beyond one per case, spread so the total is exact and no case exceeds the max.
    extra_left = reviews - cases
    for index in range(cases):
        room_after = (MAX_REVIEWS_PER_CASE - 1) * (cases - index - 1)
        low = max(0, extra_left - room_after)
        high = min(MAX_REVIEWS_PER_CASE - 1, extra_left)
        extra = low + int(random() * (high - low + 1))
        extra_left -= extra

        owner = owners[int(random() * len(owners))]
        sla = owner.sla_seconds
        sla_delta = owner.sla
        case_id = new_uuid(rng)
        # At least a day before ANCHOR, so every review of the case is requested before it.
        opened = _ANCHOR_TS - _DAY - int(random() * (_WINDOW - _DAY))
        requested = opened + 300 + int(random() * 6 * _HOUR)
        last_activity = requested
        completed = 0
        review_rows: list[Row] = []
        for _ in range(1 + extra):
            if random() < SUPERVISOR_REVIEWS:
                physician_id = owner.supervising_physician_id
            else:
                physician_id = owner.peers[int(random() * len(owner.peers))]
            if random() < COMPLETED_LATE:
                reviewed = requested + sla + _HOUR + int(random() * 5 * _DAY)
            else:
                reviewed = requested + _HOUR + int(random() * 0.9 * sla)
            requested_at = at(requested, UTC)
            if random() < LEFT_PENDING or reviewed >= _ANCHOR_TS:
                status, reviewed_at, outcome, updated_at = "pending", None, None, requested_at
                next_from = requested  # a second opinion asked for in parallel
            else:
                draw = random()
                if draw < approved_below:
                    outcome = REVIEW_OUTCOMES[0]
                elif draw < changes_below:
                    outcome = REVIEW_OUTCOMES[1]
                else:
                    outcome = REVIEW_OUTCOMES[2]
                status = "completed"
                reviewed_at = updated_at = at(reviewed, UTC)
                next_from = reviewed
                completed += 1
                if reviewed > last_activity:
                    last_activity = reviewed
            review_rows.append(
                (
                    new_uuid(rng),
                    case_id,
                    physician_id,
                    status,
                    requested_at,
                    requested_at + sla_delta,
                    reviewed_at,
                    outcome,
                    requested_at,
                    updated_at,
                )
            )
            if requested > last_activity:
                last_activity = requested
            requested = next_from + 600 + int(random() * 12 * _HOUR)
            if requested > _LATEST_REQUEST:
                requested = _LATEST_REQUEST

        opened_at = at(opened, UTC)
        if completed == len(review_rows):
            status, closed_at = "closed", at(last_activity, UTC)
        else:
            status, closed_at = ("in_review" if completed else "open"), None
        case_row = (
            case_id,
            owner.provider_id,
            owner.state_id,
            f"PT-{rng.getrandbits(32):08X}",
            CASE_TYPES[int(random() * len(CASE_TYPES))],
            "urgent" if random() < URGENT else "routine",
            status,
            opened_at,
            closed_at,
            opened_at,
            at(last_activity, UTC),
        )
        yield case_row, review_rows
