"""The order in which tap-hubspot-budgeted syncs its streams (sync_order.py)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from paracelsus_stack.settings import REPO_ROOT

# The tap is a Meltano plugin: its pure modules are imported from the source folder.
sys.path.insert(0, str(REPO_ROOT / "meltano" / "extract" / "tap-hubspot-budgeted"))

from tap_hubspot_budgeted.references import REFERENCE_STREAMS
from tap_hubspot_budgeted.sync_order import sync_order


@dataclass(frozen=True)
class Stream:
    name: str
    reads_from: str | None = None


def _order(streams: list[Stream]) -> list[str]:
    ordered = sync_order(
        streams,
        name=lambda s: s.name,
        reads_from=lambda s: s.reads_from,
        is_reference=lambda s: s.name in REFERENCE_STREAMS,
    )
    return [s.name for s in ordered]


def test_each_object_streams_associations_follow_it_and_the_reference_lists_come_last() -> None:
    by_name = [  # the SDK's order
        Stream("call_contact_associations", "calls"),
        Stream("calls"),
        Stream("companies"),
        Stream("contact_company_associations", "contacts"),
        Stream("contacts"),
        Stream("owners"),
        Stream("products"),
        Stream("ticket_company_associations", "tickets"),
        Stream("ticket_contact_associations", "tickets"),
        Stream("tickets"),
        Stream("users"),
    ]
    assert _order(by_name) == [
        "calls",
        "call_contact_associations",
        "contacts",
        "contact_company_associations",
        "tickets",
        "ticket_company_associations",
        "ticket_contact_associations",
        # Nothing reads their ids: light pages, for the end of a paced run.
        "companies",
        "products",
        # They read the ids that the changed records of every object stream name.
        "owners",
        "users",
    ]


def test_an_association_stream_without_its_object_stream_comes_last() -> None:
    streams = [Stream("lead_contact_associations", "leads"), Stream("owners"), Stream("calls")]
    assert _order(streams) == ["calls", "owners", "lead_contact_associations"]
