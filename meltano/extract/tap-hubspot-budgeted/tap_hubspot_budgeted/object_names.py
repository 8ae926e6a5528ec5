"""HubSpot's object names as tap-hubspot spells them (singular in association settings and
some /properties/{type} paths) -> the plural CRM type, which is also the stream's name."""

from __future__ import annotations

PLURAL = {
    "contact": "contacts",
    "company": "companies",
    "deal": "deals",
    "ticket": "tickets",
    "product": "products",
    "line_item": "line_items",
    "quote": "quotes",
    "lead": "leads",
    "call": "calls",
    "email": "emails",
    "meeting": "meetings",
    "note": "notes",
    "task": "tasks",
    "communication": "communications",
    "postal_mail": "postal_mail",
    "feedback_submission": "feedback_submissions",
    "goal_target": "goal_targets",
}


def plural(name: str) -> str:
    return PLURAL.get(name, name)
