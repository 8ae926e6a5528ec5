"""Which supervision agreements the portal holds: one per OLTP provider and its supervising
physician, with the gaps a CRM kept by hand has.

- A few provider-supervisor pairs have no agreement at all (a contract never entered).
- About one agreement in twenty names a physician who never reviewed that provider's
  cases: one practising in another state (the OLTP seed picks a provider's reviewers among
  the physicians of the supervisor's state), so the case reviews cannot show the pair.

Expired and terminated agreements are a matter of each record's dates and status (the
blueprint draws them, the change simulation redraws them); this plan only fixes who signed.
Agreements are in a shuffled order, as records are entered over time.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mock_hubspot.store.context import PersonLike, SupervisionLike

UNSIGNED_SHARE = 0.03
STRANGER_SHARE = 0.05


@dataclass(frozen=True)
class PlannedAgreement:
    """Two people by their index in the people list (also their contact index)."""

    physician: int
    provider: int


def plan_agreements(
    seed: int, people: Sequence[PersonLike], supervision: Sequence[SupervisionLike]
) -> tuple[PlannedAgreement, ...]:
    if not supervision:
        return ()
    rng = random.Random(f"{seed}:supervision_agreement:plan")
    index_of = {person.person_id: i for i, person in enumerate(people)}
    physicians = [(i, p.person_id) for i, p in enumerate(people) if p.role == "physician"]
    left_out = max(1, round(UNSIGNED_SHARE * len(supervision)))
    unsigned = set(rng.sample(range(len(supervision)), left_out))
    signed = [pair for n, pair in enumerate(supervision) if n not in unsigned]
    planned = [
        PlannedAgreement(index_of[p.supervising_physician_id], index_of[p.provider_id])
        for p in signed
    ]
    wanted = max(1, round(STRANGER_SHARE * len(planned)))
    for pair in rng.sample(signed, len(signed)):
        if wanted == 0:
            break
        reviewers = {pair.supervising_physician_id, *pair.peers}
        strangers = [i for i, person_id in physicians if person_id not in reviewers]
        if strangers:
            planned.append(PlannedAgreement(rng.choice(strangers), index_of[pair.provider_id]))
            wanted -= 1
    rng.shuffle(planned)
    return tuple(planned)


def agreement_at(agreements: Sequence[PlannedAgreement], index: int) -> PlannedAgreement | None:
    """Who signed record `index`: records past the plan (created by the change simulation)
    renew planned pairs, in turn."""
    return agreements[index % len(agreements)] if agreements else None
