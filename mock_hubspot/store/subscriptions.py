"""Email subscription types (served by the legacy v1 email API)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SubscriptionType:
    id: int
    name: str
    description: str
    category: str
    internal: bool
    active: bool = True
    channel: str = "EMAIL"
    business_unit_id: int = 0


SUBSCRIPTION_TYPES = (
    SubscriptionType(
        7_040_101, "Marketing Information", "Marketing offers and updates.", "Marketing", False
    ),
    SubscriptionType(7_040_102, "One to One", "One to one emails.", "Sales", True),
    SubscriptionType(
        7_040_103,
        "Customer Service Communication",
        "Feedback requests and service updates.",
        "Service",
        False,
    ),
    SubscriptionType(
        7_040_104,
        "Case Review Digest",
        "Weekly digest of cases awaiting physician review.",
        "Service",
        False,
    ),
    SubscriptionType(
        7_040_105,
        "Physician Newsletter",
        "Monthly news for supervising physicians.",
        "Marketing",
        False,
    ),
    SubscriptionType(
        7_040_106, "Compliance Alerts", "State regulation changes.", "Service", False, active=False
    ),
)
