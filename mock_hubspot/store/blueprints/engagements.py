"""Engagements: calls, emails, meetings, notes, tasks, communications and postal mail."""

from __future__ import annotations

import random
from collections.abc import Callable

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

TOPICS = (
    "case review backlog",
    "supervision agreement",
    "chart audit results",
    "state license renewal",
    "prescriptive authority",
    "quarterly quality review",
)
CALL_DIRECTIONS = ("INBOUND", "OUTBOUND")
CALL_STATUSES = ("COMPLETED", "BUSY", "NO_ANSWER", "FAILED", "CANCELED")
EMAIL_DIRECTIONS = ("EMAIL", "INCOMING_EMAIL", "FORWARDED_EMAIL")
EMAIL_STATUSES = ("SENT", "BOUNCED", "FAILED", "SCHEDULED")
MEETING_OUTCOMES = ("SCHEDULED", "COMPLETED", "RESCHEDULED", "NO_SHOW", "CANCELED")
TASK_STATUSES = ("NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED")
TASK_PRIORITIES = ("NONE", "LOW", "MEDIUM", "HIGH")
TASK_TYPES = ("CALL", "EMAIL", "TODO")
CHANNELS = ("SMS", "WHATS_APP", "LINKEDIN_MESSAGE")

Extra = Callable[[FixtureContext, random.Random, int], Values]


def _engagement(
    group: str, specific: tuple[PropertyDef, ...], extra: Extra, mutable: tuple[str, ...]
) -> Blueprint:
    def properties(ctx: FixtureContext) -> tuple[PropertyDef, ...]:
        return (
            *system_properties(group, "hs_createdate", "hs_lastmodifieddate"),
            datetime_("hs_timestamp", group, "Activity date"),
            owner_select(ctx, group),
            *specific,
        )

    def generate(ctx: FixtureContext, rng: random.Random, index: int, created: int) -> Values:
        return {
            "hs_timestamp": iso_ms(created - rng.randrange(DAY_MS)),
            "hubspot_owner_id": ctx.pick_owner(rng),
            **extra(ctx, rng, created),
        }

    return Blueprint(properties, generate, mutable)


def _topic(rng: random.Random) -> str:
    return rng.choice(TOPICS)


def _call(ctx: FixtureContext, rng: random.Random, created: int) -> Values:
    return {
        "hs_call_title": f"Call about {_topic(rng)}",
        "hs_call_body": rng.choice(ctx.pools.sentences),
        "hs_call_duration": str(rng.randrange(30, 3600) * 1000),
        "hs_call_direction": rng.choice(CALL_DIRECTIONS),
        "hs_call_status": rng.choice(CALL_STATUSES),
    }


def _email(ctx: FixtureContext, rng: random.Random, created: int) -> Values:
    return {
        "hs_email_subject": f"Re: {_topic(rng)}",
        "hs_email_text": rng.choice(ctx.pools.sentences),
        "hs_email_direction": rng.choice(EMAIL_DIRECTIONS),
        "hs_email_status": rng.choice(EMAIL_STATUSES),
    }


def _meeting(ctx: FixtureContext, rng: random.Random, created: int) -> Values:
    start = created + rng.randrange(1, 14) * DAY_MS
    return {
        "hs_meeting_title": f"Meeting: {_topic(rng)}",
        "hs_meeting_body": rng.choice(ctx.pools.sentences),
        "hs_meeting_start_time": iso_ms(start),
        "hs_meeting_end_time": iso_ms(start + rng.choice((15, 30, 60)) * 60_000),
        "hs_meeting_outcome": rng.choice(MEETING_OUTCOMES),
        "hs_meeting_location": rng.choice(("Zoom", "Phone", "Clinic")),
    }


def _note(ctx: FixtureContext, rng: random.Random, created: int) -> Values:
    return {"hs_note_body": " ".join(rng.sample(ctx.pools.sentences, 2))}


def _task(ctx: FixtureContext, rng: random.Random, created: int) -> Values:
    return {
        "hs_task_subject": f"Follow up on {_topic(rng)}",
        "hs_task_body": rng.choice(ctx.pools.sentences),
        "hs_task_status": rng.choice(TASK_STATUSES),
        "hs_task_priority": rng.choice(TASK_PRIORITIES),
        "hs_task_type": rng.choice(TASK_TYPES),
    }


def _communication(ctx: FixtureContext, rng: random.Random, created: int) -> Values:
    return {
        "hs_communication_channel_type": rng.choice(CHANNELS),
        "hs_communication_logged_from": "CRM",
        "hs_communication_body": rng.choice(ctx.pools.sentences),
    }


def _postal_mail(ctx: FixtureContext, rng: random.Random, created: int) -> Values:
    return {"hs_postal_mail_body": f"Mailed the signed {_topic(rng)} packet."}


CALLS = _engagement(
    "call",
    (
        text("hs_call_title", "call", "Call Title"),
        textarea("hs_call_body", "call", "Call notes"),
        number("hs_call_duration", "call", "Call duration"),
        select("hs_call_direction", "call", CALL_DIRECTIONS, label="Call direction"),
        select("hs_call_status", "call", CALL_STATUSES, label="Call status"),
    ),
    _call,
    ("hs_call_status",),
)
EMAILS = _engagement(
    "email",
    (
        text("hs_email_subject", "email", "Email subject"),
        textarea("hs_email_text", "email", "Email text"),
        select("hs_email_direction", "email", EMAIL_DIRECTIONS, label="Email direction"),
        select("hs_email_status", "email", EMAIL_STATUSES, label="Email send status"),
    ),
    _email,
    ("hs_email_status",),
)
MEETINGS = _engagement(
    "meeting",
    (
        text("hs_meeting_title", "meeting", "Meeting name"),
        textarea("hs_meeting_body", "meeting", "Meeting description"),
        datetime_("hs_meeting_start_time", "meeting", "Meeting start time"),
        datetime_("hs_meeting_end_time", "meeting", "Meeting end time"),
        select("hs_meeting_outcome", "meeting", MEETING_OUTCOMES, label="Meeting outcome"),
        text("hs_meeting_location", "meeting", "Meeting location"),
    ),
    _meeting,
    ("hs_meeting_outcome",),
)
NOTES = _engagement(
    "note", (textarea("hs_note_body", "note", "Note body"),), _note, ("hs_note_body",)
)
TASKS = _engagement(
    "task",
    (
        text("hs_task_subject", "task", "Task title"),
        textarea("hs_task_body", "task", "Task notes"),
        select("hs_task_status", "task", TASK_STATUSES, label="Task status"),
        select("hs_task_priority", "task", TASK_PRIORITIES, label="Priority"),
        select("hs_task_type", "task", TASK_TYPES, label="Task type"),
    ),
    _task,
    ("hs_task_status",),
)
COMMUNICATIONS = _engagement(
    "communication",
    (
        select("hs_communication_channel_type", "communication", CHANNELS, label="Channel type"),
        text("hs_communication_logged_from", "communication", "Logged from"),
        textarea("hs_communication_body", "communication", "Body"),
    ),
    _communication,
    ("hs_communication_body",),
)
POSTAL_MAIL = _engagement(
    "postal_mail",
    (textarea("hs_postal_mail_body", "postal_mail", "Postal mail body"),),
    _postal_mail,
    ("hs_postal_mail_body",),
)
