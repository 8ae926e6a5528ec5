"""The portal's custom object: supervision agreements between an OLTP physician and provider.

Who signed comes from the portal's plan (store/agreements.py) and, with the start date, is
fixed per record; the term's end and the status are drawn from the record's generator, so
the change simulation's redraw may let an agreement expire, end it early or renew it.
Emails are the OLTP people's own, which is how dbt joins an agreement to its reviews.
"""

from __future__ import annotations

import random
from dataclasses import replace

from mock_hubspot.store.blueprints.base import Blueprint, Values
from mock_hubspot.store.clock import ANCHOR_MS, DAY_MS, iso_date
from mock_hubspot.store.context import FixtureContext
from mock_hubspot.store.properties import PropertyDef, date, select, system_properties, text
from oltp_seed.us_states import US_STATES

GROUP = "supervision_agreement_information"
STATUSES = (("active", "Active"), ("expired", "Expired"), ("terminated", "Terminated"))
EXPIRED_SHARE = 0.10
TERMINATED_SHARE = 0.03
OPEN_ENDED_SHARE = 0.3
# Ends of expired and terminated agreements: within the OLTP seed's 90 days of case
# reviews before the anchor, mostly, so reviews go on after the agreement ended.
RECENT_END_DAYS = 120
# Terms still running end past the anchor by more than a year, so they read as current
# against today's date too, not only against the fixtures' anchor.
RUNNING_END_DAYS = (400, 3 * 365)
SIGNED_DAYS_AGO = (180, 3 * 365)


def _ours(prop: PropertyDef) -> PropertyDef:
    return replace(prop, hubspot_defined=False)


def agreement_properties(ctx: FixtureContext) -> tuple[PropertyDef, ...]:
    return (
        *system_properties(GROUP, "hs_createdate", "hs_lastmodifieddate"),
        _ours(text("agreement_name", GROUP, "Agreement name")),
        _ours(text("physician_email", GROUP, "Supervising physician email")),
        _ours(text("provider_email", GROUP, "Provider email")),
        _ours(select("state", GROUP, US_STATES, label="State")),
        _ours(date("start_date", GROUP, "Start date")),
        _ours(date("end_date", GROUP, "End date")),
        _ours(select("agreement_status", GROUP, STATUSES, label="Agreement status")),
    )


def _term(rng: random.Random) -> tuple[str, int | None]:
    """Status and end (epoch ms, None for an open-ended agreement)."""
    draw = rng.random()
    if draw < EXPIRED_SHARE + TERMINATED_SHARE:
        status = "expired" if draw < EXPIRED_SHARE else "terminated"
        return status, ANCHOR_MS - rng.randrange(1, RECENT_END_DAYS) * DAY_MS
    if rng.random() < OPEN_ENDED_SHARE:
        return "active", None
    return "active", ANCHOR_MS + rng.randrange(*RUNNING_END_DAYS) * DAY_MS


def generate_agreement(ctx: FixtureContext, rng: random.Random, index: int, created: int) -> Values:
    if not ctx.agreements:
        return {}
    # Records the change simulation creates past the plan: renewals of planned pairs.
    renewal = index >= len(ctx.agreements)
    plan = ctx.agreements[index % len(ctx.agreements)]
    physician, provider = ctx.people[plan.physician], ctx.people[plan.provider]
    signed = random.Random(f"{ctx.seed}:supervision_agreement:{index}:signed")
    start = created if renewal else ANCHOR_MS - signed.randrange(*SIGNED_DAYS_AGO) * DAY_MS
    status, end = _term(rng)
    if end is not None and end <= start:
        # A renewal signed today cannot have ended already.
        status, end = "active", start + RUNNING_END_DAYS[0] * DAY_MS
    name = (
        f"{provider.state_code} supervision: Dr. {physician.last_name} / "
        f"{provider.first_name} {provider.last_name}"
    )
    return {
        "agreement_name": f"{name} (renewal)" if renewal else name,
        "physician_email": physician.email,
        "provider_email": provider.email,
        "state": provider.state_code,
        "start_date": iso_date(start),
        "end_date": None if end is None else iso_date(end),
        "agreement_status": status,
    }


SUPERVISION_AGREEMENTS = Blueprint(
    agreement_properties, generate_agreement, ("end_date", "agreement_status")
)
