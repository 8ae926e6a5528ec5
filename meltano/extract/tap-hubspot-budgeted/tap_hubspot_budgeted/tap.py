"""tap-hubspot-budgeted: MeltanoLabs tap-hubspot, extended (see streams.py, associations.py,
budget.py). Same stream names, schemas and settings, plus the ones in settings.py."""

from __future__ import annotations

import typing as t
from functools import cached_property

from singer_sdk import Stream
from tap_hubspot import streams as stock
from tap_hubspot.tap import TapHubspot

from tap_hubspot_budgeted.association_reads import AssociationReadAhead
from tap_hubspot_budgeted.associations import (
    CHANGED,
    BudgetedAssociationsStream,
    BudgetedIdListing,
)
from tap_hubspot_budgeted.budget import Budget, portal_budget, portal_dir
from tap_hubspot_budgeted.changed_records import ChangedRecords
from tap_hubspot_budgeted.deferred_objects import (
    SearchedWhenDue,
    deferred_check_interval_s,
    deferred_object_types,
)
from tap_hubspot_budgeted.discovery_ledger import DiscoveryLedger
from tap_hubspot_budgeted.object_names import plural
from tap_hubspot_budgeted.pending_associations import WaitingReaders, settle
from tap_hubspot_budgeted.property_cache import PropertyCache
from tap_hubspot_budgeted.read_ahead import RequestWorker
from tap_hubspot_budgeted.references import REFERENCE_STREAMS, NamedIds
from tap_hubspot_budgeted.settings import (
    SAME_RUN_S,
    SETTINGS,
    property_cache_max_age_s,
    reference_max_age_s,
)
from tap_hubspot_budgeted.streams import INCREMENTAL_INSTEAD_OF_FULL_TABLE, budgeted
from tap_hubspot_budgeted.sync_order import sync_order
from tap_hubspot_budgeted.warnings_once import log_each_warning_once

# tap-hubspot 0.10.1's streams, in its discover_streams order.
STOCK_STREAMS = (
    stock.ContactStream,
    stock.UsersStream,
    stock.TeamsStream,
    stock.OwnersStream,
    stock.TicketPipelineStream,
    stock.DealPipelineStream,
    stock.EmailSubscriptionStream,
    stock.PropertyNotesStream,
    stock.CompanyStream,
    stock.DealStream,
    stock.LeadStream,
    stock.FeedbackSubmissionsStream,
    stock.LineItemStream,
    stock.ProductStream,
    stock.TicketStream,
    stock.QuoteStream,
    stock.GoalStream,
    stock.CallStream,
    stock.CommunicationStream,
    stock.EmailStream,
    stock.MeetingStream,
    stock.NoteStream,
    stock.PostalMailStream,
    stock.TaskStream,
)


class TapHubspotBudgeted(TapHubspot):
    name = "tap-hubspot-budgeted"
    package_name = "tap-hubspot-budgeted"
    config_jsonschema: t.ClassVar[dict] = {
        **TapHubspot.config_jsonschema,
        "properties": {
            **TapHubspot.config_jsonschema["properties"],
            **SETTINGS["properties"],
        },
    }

    def __init__(self, *args: t.Any, **kwargs: t.Any) -> None:
        log_each_warning_once()
        super().__init__(*args, **kwargs)

    @cached_property
    def association_sync(self) -> str:
        return self.config.get("association_sync") or CHANGED

    @cached_property
    def budget(self) -> Budget:
        return portal_budget(self.config, self.logger)

    @cached_property
    def request_worker(self) -> RequestWorker | None:
        """Sends each next request while the current one's records are processed
        (read_ahead.py); None with `read_ahead: false`."""
        return RequestWorker() if self.config.get("read_ahead", True) else None

    @cached_property
    def association_reads(self) -> AssociationReadAhead | None:
        if self.request_worker is None:
            return None
        selected = [
            stream
            for stream in self.streams.values()
            if isinstance(stream, BudgetedAssociationsStream) and stream.selected
        ]
        return AssociationReadAhead(self.request_worker, selected)

    def _close_request_worker(self) -> None:
        """After discovery or a sync, done or failed: nothing more is sent ahead. A later
        phase in the same process gets a new worker."""
        worker = self.__dict__.pop("request_worker", None)
        self.__dict__.pop("association_reads", None)
        if worker is not None:
            worker.close()

    @cached_property
    def property_cache(self) -> PropertyCache:
        return PropertyCache(
            portal_dir(self.config) / "properties", property_cache_max_age_s(self.config)
        )

    @cached_property
    def discovery_ledger(self) -> DiscoveryLedger:
        return DiscoveryLedger(portal_dir(self.config) / "discovery.json", SAME_RUN_S)

    @cached_property
    def changed(self) -> ChangedRecords:
        return ChangedRecords()

    @cached_property
    def waiting_readers(self) -> WaitingReaders:
        return WaitingReaders()

    def association_readers(self, object_stream: str) -> list[str]:
        """The selected association streams that read the ids of one object stream."""
        return [
            stream.name
            for stream in self.streams.values()
            if isinstance(stream, BudgetedAssociationsStream)
            and stream.selected
            and plural(stream.from_object_type) == object_stream
        ]

    def associations_read(self, reader: BudgetedAssociationsStream) -> None:
        """An association stream synced: once it was the last one reading an object
        stream's ids, that stream's reading is no longer owed (pending_associations.py)."""
        object_stream = plural(reader.from_object_type)
        if self.waiting_readers.done(object_stream, reader.name):
            settle(self.streams[object_stream].get_context_state(None))

    @cached_property
    def named_ids(self) -> NamedIds:
        return NamedIds()

    @cached_property
    def reference_max_age_s(self) -> float:
        return reference_max_age_s(self.config)

    @cached_property
    def deferred_object_types(self) -> frozenset[str]:
        return deferred_object_types(self.config)

    @cached_property
    def deferred_check_interval_s(self) -> float:
        return deferred_check_interval_s(self.config)

    def all_ids(self, object_type: str) -> list[str]:
        """Every id of one object type, listed once per run (the full pass)."""
        if object_type not in self._all_ids:
            listing = BudgetedIdListing(self, object_type)
            self._all_ids[object_type] = [record["id"] for record in listing.get_records(None)]
        return self._all_ids[object_type]

    @cached_property
    def _all_ids(self) -> dict[str, list[str]]:
        return {}

    def discover_streams(self) -> list[Stream]:
        streams: list[Stream] = [
            INCREMENTAL_INSTEAD_OF_FULL_TABLE.get(cls, budgeted(cls))(self) for cls in STOCK_STREAMS
        ]
        streams += [
            budgeted(stock.CustomObjectStream)(self, object_type)
            for object_type in self.config.get("custom_object_types", [])
        ]
        streams += [
            BudgetedAssociationsStream(self, from_type, to_type)
            for from_type, to_types in self.config.get("associations", {}).items()
            for to_type in to_types
        ]
        return streams

    def load_streams(self) -> list[Stream]:
        """The SDK's order (by name), rearranged by sync_order.py: each object stream's
        association streams right after it, the reference lists after every object stream."""
        return sync_order(
            super().load_streams(),
            name=lambda s: s.name,
            reads_from=lambda s: (
                plural(s.from_object_type) if isinstance(s, BudgetedAssociationsStream) else None
            ),
            is_reference=lambda s: s.name in REFERENCE_STREAMS,
        )

    def run_discovery(self) -> str:
        try:
            return super().run_discovery()
        finally:
            self._close_request_worker()
            self.discovery_ledger.record(self.budget.sent, self.budget.throttled)

    def sync_all(self) -> None:
        searched = {n for n, s in self.streams.items() if isinstance(s, SearchedWhenDue)}
        for name in sorted(self.deferred_object_types - searched):
            self.logger.warning(
                "deferred_object_types names %r, which is not an incremental object stream "
                "of this tap: ignored (object streams: %s)",
                name,
                ", ".join(sorted(searched)),
            )
        try:
            super().sync_all()
        finally:
            self._close_request_worker()
            budget = self.budget
            discovered, discovery_throttled = self.discovery_ledger.take()
            self.logger.info(
                "HubSpot API budget: %d requests, %d answered 429, %.1f s paced "
                "(limit %d per %d ms + %g%%, %s associations; %d of the requests in "
                "discovery)",
                budget.sent + discovered,
                budget.throttled + discovery_throttled,
                budget.waited_s,
                budget.limits.max_requests,
                budget.limits.interval_ms,
                budget.limits.headroom * 100,
                self.association_sync,
                discovered,
            )


if __name__ == "__main__":
    TapHubspotBudgeted.cli()
