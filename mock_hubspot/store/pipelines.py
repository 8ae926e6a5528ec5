"""Deal and ticket pipelines with their stages (served by the legacy v1 pipelines API)."""

from __future__ import annotations

from dataclasses import dataclass

from mock_hubspot.store.clock import ANCHOR_MS, DAY_MS


@dataclass(frozen=True)
class Stage:
    stage_id: str
    label: str
    display_order: int
    closed: bool
    probability: float | None = None
    ticket_state: str | None = None


@dataclass(frozen=True)
class Pipeline:
    pipeline_id: str
    label: str
    object_type: str
    object_type_id: str
    display_order: int
    default: bool
    created_ms: int
    updated_ms: int
    stages: tuple[Stage, ...]


def _deal_stages(rows: list[tuple[str, str, float]]) -> tuple[Stage, ...]:
    return tuple(
        Stage(stage_id, label, order, probability in (0.0, 1.0), probability)
        for order, (stage_id, label, probability) in enumerate(rows)
    )


def _ticket_stages(rows: list[tuple[str, str, str]]) -> tuple[Stage, ...]:
    return tuple(
        Stage(stage_id, label, order, state == "CLOSED", ticket_state=state)
        for order, (stage_id, label, state) in enumerate(rows)
    )


def build_deal_pipelines() -> tuple[Pipeline, ...]:
    sales = _deal_stages(
        [
            ("appointmentscheduled", "Appointment Scheduled", 0.2),
            ("qualifiedtobuy", "Qualified To Buy", 0.4),
            ("presentationscheduled", "Presentation Scheduled", 0.6),
            ("decisionmakerboughtin", "Decision Maker Bought-In", 0.8),
            ("contractsent", "Contract Sent", 0.9),
            ("closedwon", "Closed Won", 1.0),
            ("closedlost", "Closed Lost", 0.0),
        ]
    )
    onboarding = _deal_stages(
        [
            ("112233401", "Application Received", 0.1),
            ("112233402", "Credentialing", 0.5),
            ("112233403", "Supervision Agreement Sent", 0.8),
            ("112233404", "Supervision Active", 1.0),
            ("112233405", "Withdrawn", 0.0),
        ]
    )
    return (
        Pipeline(
            "default",
            "Sales Pipeline",
            "DEAL",
            "0-3",
            0,
            True,
            ANCHOR_MS - 700 * DAY_MS + 111,
            ANCHOR_MS - 300 * DAY_MS + 222,
            sales,
        ),
        Pipeline(
            "112233400",
            "Physician Onboarding",
            "DEAL",
            "0-3",
            1,
            False,
            ANCHOR_MS - 500 * DAY_MS + 333,
            ANCHOR_MS - 250 * DAY_MS + 444,
            onboarding,
        ),
    )


def build_ticket_pipelines() -> tuple[Pipeline, ...]:
    support = _ticket_stages(
        [
            ("1", "New", "OPEN"),
            ("2", "Waiting on contact", "OPEN"),
            ("3", "Waiting on us", "OPEN"),
            ("4", "Closed", "CLOSED"),
        ]
    )
    escalations = _ticket_stages(
        [
            ("223344501", "Escalated", "OPEN"),
            ("223344502", "Under Physician Review", "OPEN"),
            ("223344503", "Resolved", "CLOSED"),
        ]
    )
    return (
        Pipeline(
            "0",
            "Support Pipeline",
            "TICKET",
            "0-5",
            0,
            True,
            ANCHOR_MS - 690 * DAY_MS + 555,
            ANCHOR_MS - 290 * DAY_MS + 666,
            support,
        ),
        Pipeline(
            "223344500",
            "Case Review Escalations",
            "TICKET",
            "0-5",
            1,
            False,
            ANCHOR_MS - 480 * DAY_MS + 777,
            ANCHOR_MS - 240 * DAY_MS + 888,
            escalations,
        ),
    )


LEAD_PIPELINE_ID = "lead-pipeline-id"
LEAD_STAGES = (
    "new-stage-id",
    "attempting-stage-id",
    "connected-stage-id",
    "qualified-stage-id",
    "unqualified-stage-id",
)
