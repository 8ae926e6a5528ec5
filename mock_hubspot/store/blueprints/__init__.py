"""Blueprints per CRM object type, keyed by HubSpot's plural object name."""

from mock_hubspot.store.blueprints.base import Blueprint
from mock_hubspot.store.blueprints.crm import COMPANIES, CONTACTS
from mock_hubspot.store.blueprints.custom import SUPERVISION_AGREEMENTS
from mock_hubspot.store.blueprints.engagements import (
    CALLS,
    COMMUNICATIONS,
    EMAILS,
    MEETINGS,
    NOTES,
    POSTAL_MAIL,
    TASKS,
)
from mock_hubspot.store.blueprints.sales import (
    DEALS,
    GOALS,
    LEADS,
    LINE_ITEMS,
    PRODUCTS_BLUEPRINT,
    QUOTES,
)
from mock_hubspot.store.blueprints.service import FEEDBACK, TICKETS

BLUEPRINTS: dict[str, Blueprint] = {
    "contacts": CONTACTS,
    "companies": COMPANIES,
    "deals": DEALS,
    "tickets": TICKETS,
    "products": PRODUCTS_BLUEPRINT,
    "line_items": LINE_ITEMS,
    "quotes": QUOTES,
    "communications": COMMUNICATIONS,
    "feedback_submissions": FEEDBACK,
    "tasks": TASKS,
    "notes": NOTES,
    "meetings": MEETINGS,
    "calls": CALLS,
    "emails": EMAILS,
    "goal_targets": GOALS,
    "postal_mail": POSTAL_MAIL,
    "leads": LEADS,
    "supervision_agreement": SUPERVISION_AGREEMENTS,
}

__all__ = ["BLUEPRINTS", "Blueprint"]
