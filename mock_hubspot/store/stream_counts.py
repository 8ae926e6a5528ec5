"""How many records each tap-hubspot stream should emit for the portal as it is now."""

from __future__ import annotations

from mock_hubspot.store.associations import AssociationGraph
from mock_hubspot.store.object_types import singular_name
from mock_hubspot.store.portal import Portal

# The object types tap-hubspot's `properties` stream reads, spelled as the tap spells them.
PROPERTIES_STREAM_TYPES = (
    "tickets",
    "deals",
    "contacts",
    "company",
    "product",
    "line_item",
    "email",
    "postal_mail",
    "call",
    "goal_targets",
    "meeting",
    "task",
    "communication",
    "notes",
)


def association_stream_name(from_type: str, to_type: str) -> str:
    return f"{singular_name(from_type)}_{singular_name(to_type)}_associations"


def associations_setting() -> dict[str, list[str]]:
    """The tap's `associations` setting that yields every association stream the mock has."""
    setting: dict[str, list[str]] = {}
    for from_type, to_type in AssociationGraph.pairs():
        setting.setdefault(singular_name(from_type), []).append(singular_name(to_type))
    return setting


def stream_counts(portal: Portal) -> dict[str, int]:
    counts = {name: c.live_count for name, c in portal.collections.items()}
    counts.update(
        owners=len(portal.directory.live_owners),
        users=len(portal.directory.live_owners),
        teams=len(portal.directory.teams),
        deal_pipelines=len(portal.deal_pipelines),
        ticket_pipelines=len(portal.ticket_pipelines),
        email_subscriptions=len(portal.subscription_types),
        # tap-hubspot-budgeted keys definitions by (object type, name): one row each.
        properties=sum(len(portal.collection(t).catalog) for t in PROPERTIES_STREAM_TYPES),
    )
    for (from_type, to_type), rows in sorted(portal.associations.row_counts().items()):
        counts[association_stream_name(from_type, to_type)] = rows
    return counts


def object_counts(portal: Portal) -> dict[str, dict[str, int]]:
    return {
        name: {"live": c.live_count, "archived": c.archived_count}
        for name, c in portal.collections.items()
    }
