"""The association batch reads a run sends ahead (association_reads.py): each partition's
read once, in the order the streams sync, the next one queued before the current one's rows
are processed (the tap runs both paths against the mock in
tests/e2e/test_hubspot_record_messages.py)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from paracelsus_stack.settings import REPO_ROOT

# The tap is a Meltano plugin: its pure modules are imported from the source folder.
sys.path.insert(0, str(REPO_ROOT / "meltano" / "extract" / "tap-hubspot-budgeted"))

from tap_hubspot_budgeted.association_reads import AssociationReadAhead


@dataclass
class Stream:
    name: str
    partitions: list[dict]
    # False until the from-object's stream has synced in this run.
    partitions_known: bool = True

    def get_new_paginator(self) -> None:
        return None


@dataclass
class Worker:
    sent: list[tuple[str, str]] = field(default_factory=list)

    def send_page(self, stream: Stream, context: dict, paginator: None) -> tuple[str, str]:
        self.sent.append((stream.name, context["ids"][0]))
        return stream.name, context["ids"][0]


def test_each_read_is_sent_once_with_the_next_one_queued_behind_it() -> None:
    contacts = Stream("contact_company_associations", [{"ids": ["1"]}, {"ids": ["2"]}])
    idle = Stream("deal_company_associations", [{"ids": []}])
    calls = Stream("call_contact_associations", [{"ids": ["7"]}])
    worker = Worker()
    reads = AssociationReadAhead(worker, [contacts, idle, calls])  # type: ignore[arg-type]

    assert reads.take(contacts, {"ids": ["1"]}) == (contacts.name, "1")
    assert worker.sent == [(contacts.name, "1"), (contacts.name, "2")]
    assert reads.take(contacts, {"ids": ["2"]}) == (contacts.name, "2")
    # A stream with nothing to read is passed over: the next read is the calls' first.
    assert worker.sent[-1] == (calls.name, "7")
    assert reads.take(calls, {"ids": ["7"]}) == (calls.name, "7")
    assert worker.sent == [(contacts.name, "1"), (contacts.name, "2"), (calls.name, "7")]


def test_a_partition_it_does_not_know_is_sent_alone() -> None:
    contacts = Stream("contact_company_associations", [{"ids": ["1"]}])
    worker = Worker()
    reads = AssociationReadAhead(worker, [])  # type: ignore[arg-type]
    assert reads.take(contacts, {"ids": ["1"]}) == (contacts.name, "1")
    assert worker.sent == [(contacts.name, "1")]


def test_nothing_goes_ahead_into_a_stream_whose_object_stream_has_not_synced() -> None:
    contacts = Stream("contact_company_associations", [{"ids": ["1"]}])
    deals = Stream("deal_company_associations", [{"ids": ["5"]}], partitions_known=False)
    worker = Worker()
    reads = AssociationReadAhead(worker, [contacts, deals])  # type: ignore[arg-type]
    assert reads.take(contacts, {"ids": ["1"]}) == (contacts.name, "1")
    # The deals' pages come next: their associations are not read ahead of them.
    assert worker.sent == [(contacts.name, "1")]
    deals.partitions_known = True
    assert reads.take(deals, {"ids": ["5"]}) == (deals.name, "5")
    assert worker.sent == [(contacts.name, "1"), (deals.name, "5")]
