"""Tickets and feedback submissions."""

from __future__ import annotations

import random

from mock_hubspot.store.blueprints.base import Blueprint, Values, owner_select
from mock_hubspot.store.clock import DAY_MS, iso_ms
from mock_hubspot.store.context import FixtureContext
from mock_hubspot.store.properties import (
    PropertyDef,
    datetime_,
    number,
    select,
    system_properties,
    text,
    textarea,
)
from mock_hubspot.store.stage_history import StageTrack

TICKET_PRIORITIES = ("LOW", "MEDIUM", "HIGH", "URGENT")
TICKET_CATEGORIES = ("PRODUCT_ISSUE", "BILLING_ISSUE", "FEATURE_REQUEST", "GENERAL_INQUIRY")
TICKET_SUBJECTS = (
    "Case review overdue",
    "Chart audit question",
    "Supervision agreement renewal",
    "Billing discrepancy",
    "State license verification",
    "Portal access problem",
)
SURVEY_TYPES = ("NPS", "CSAT", "CES")
SENTIMENTS = ("Promoter", "Passive", "Detractor")
# Of the tickets in an open stage, one in fourteen was closed and reopened: about one in
# twenty of all tickets.
TICKET_STAGES = StageTrack(
    "hs_pipeline_stage",
    lambda ctx: ctx.ticket_pipelines,
    closed_property="closed_date",
    reopened_share=0.07,
)


def ticket_properties(ctx: FixtureContext) -> tuple[PropertyDef, ...]:
    group = "ticketinformation"
    pipelines = ctx.ticket_pipelines
    stages = [(s.stage_id, s.label) for p in pipelines for s in p.stages]
    return (
        *system_properties(group, "createdate", "hs_lastmodifieddate"),
        text("subject", group, "Ticket name"),
        textarea("content", group, "Ticket description"),
        select("hs_pipeline", group, [(p.pipeline_id, p.label) for p in pipelines], "Pipeline"),
        select("hs_pipeline_stage", group, stages, label="Ticket status"),
        select("hs_ticket_priority", group, TICKET_PRIORITIES, label="Priority"),
        select("hs_ticket_category", group, TICKET_CATEGORIES, label="Category"),
        datetime_("closed_date", group, "Close date"),
        owner_select(ctx, group),
        *TICKET_STAGES.properties(ctx, group),
    )


def generate_ticket(ctx: FixtureContext, rng: random.Random, index: int, created: int) -> Values:
    pipeline = ctx.ticket_pipelines[0 if rng.random() < 0.75 else 1]
    stage = rng.choice(pipeline.stages)
    closed = created + rng.randrange(1, 20) * DAY_MS + rng.randrange(DAY_MS)
    return {
        "subject": rng.choice(TICKET_SUBJECTS),
        "content": rng.choice(ctx.pools.sentences),
        "hs_pipeline": pipeline.pipeline_id,
        "hs_pipeline_stage": stage.stage_id,
        "hs_ticket_priority": rng.choice(TICKET_PRIORITIES),
        "hs_ticket_category": rng.choice(TICKET_CATEGORIES),
        "closed_date": iso_ms(closed) if stage.closed else None,
        "hubspot_owner_id": ctx.pick_owner(rng),
    }


def feedback_properties(ctx: FixtureContext) -> tuple[PropertyDef, ...]:
    group = "feedback_submission_information"
    return (
        *system_properties(group, "hs_createdate", "hs_lastmodifieddate"),
        text("hs_submission_name", group, "Submission name"),
        select("hs_survey_type", group, SURVEY_TYPES, label="Survey type"),
        number("hs_response_value", group, "Response value"),
        select("hs_sentiment", group, SENTIMENTS, label="Sentiment"),
        textarea("hs_content", group, "Response"),
        text("hs_contact_email_address", group, "Contact email"),
    )


def generate_feedback(ctx: FixtureContext, rng: random.Random, index: int, created: int) -> Values:
    score = rng.randrange(0, 11)
    sentiment = "Promoter" if score >= 9 else "Passive" if score >= 7 else "Detractor"
    return {
        "hs_submission_name": f"Quarterly NPS #{index + 1}",
        "hs_survey_type": "NPS",
        "hs_response_value": str(score),
        "hs_sentiment": sentiment,
        "hs_content": rng.choice(ctx.pools.sentences),
        "hs_contact_email_address": None,
    }


TICKETS = Blueprint(
    ticket_properties,
    generate_ticket,
    ("hs_pipeline", "hs_pipeline_stage", "closed_date", "hs_ticket_priority"),
    TICKET_STAGES,
)
FEEDBACK = Blueprint(feedback_properties, generate_feedback, ("hs_content",))
