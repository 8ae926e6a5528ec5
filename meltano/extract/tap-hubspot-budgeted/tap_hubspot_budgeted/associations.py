"""Association streams that read the associations of what changed (or, in the full pass,
of everything).

`association_sync: changed` (the frequent path): the associations of the records that the
run's object streams read as changed. No ACTIVATE_VERSION is sent, since the read is partial.
An association change alone does not move a record's modified date in HubSpot, so this
path misses a new association between two unchanged records, and never sees a removal.

`association_sync: full` (the periodic pass): every record's associations, with
ACTIVATE_VERSION, so associations that are gone are flagged `_sdc_deleted_at`. The ids of
each from-object type are listed once per run, however many streams read from it.
"""

from __future__ import annotations

import typing as t

from tap_hubspot.client import AssociationsStream, IdOnlyObjectStream

from tap_hubspot_budgeted.read_ahead import ReadAhead, worker_for
from tap_hubspot_budgeted.record_messages import FastRecordMessages
from tap_hubspot_budgeted.requests_mixin import BudgetedRequests

if t.TYPE_CHECKING:
    from singer_sdk.helpers.types import Context

CHANGED, FULL = "changed", "full"


class BudgetedIdListing(BudgetedRequests, ReadAhead, IdOnlyObjectStream):
    """Bare ids of one object type, 100 a page (the list endpoint's maximum)."""


class BudgetedAssociationsStream(FastRecordMessages, BudgetedRequests, AssociationsStream):
    @property
    def reads_everything(self) -> bool:
        tap = self._tap
        return tap.association_sync == FULL or not tap.changed.knows(self.from_object_type)  # type: ignore[attr-defined]

    @property
    def partitions_known(self) -> bool:
        """Whether this stream's partitions are final: in the full pass, or once its
        from-object's stream has synced (before that, `partitions` would list every id)."""
        tap = self._tap
        return tap.association_sync == FULL or tap.changed.knows(self.from_object_type)  # type: ignore[attr-defined]

    def sync(self, context: Context | None = None) -> None:
        super().sync(context)
        tap = self._tap
        tap.associations_read(self)  # type: ignore[attr-defined]
        # The STATE without the object stream's mark, now that nothing is owed (written
        # only if it differs from the last one sent).
        tap.state_writer.write_state(tap.state)

    @property
    def emit_activate_version_messages(self) -> bool:
        return self.reads_everything and bool(self.config.get("emit_activate_version_messages"))

    @property
    def partitions(self) -> list[dict] | None:
        if self.reads_everything:
            ids = self._tap.all_ids(self.from_object_type)  # type: ignore[attr-defined]
        else:
            ids = self._tap.changed.ids(self.from_object_type)  # type: ignore[attr-defined]
        return [{"ids": ids[i : i + self.chunk_size]} for i in range(0, len(ids), self.chunk_size)]

    def request_records(self, context: Context | None) -> t.Iterable[dict]:
        # Nothing changed: no partition, and no batch read with an empty input list.
        if not (context or {}).get("ids"):
            return
        if worker_for(self) is None:
            # One read at a time, as the SDK sends it.
            yield from super().request_records(context)
            return
        sent = self._tap.association_reads.take(self, context)  # type: ignore[attr-defined]
        with self.get_http_request_counter() as counter:
            counter.with_context(context)
            prepared, response = sent.result()
            counter.increment()
            self.update_sync_costs(prepared, response, context)
            yield from self.parse_response(response)
