"""The batch reads of a run's association streams, one ahead (read_ahead.py).

An association stream's partitions are single requests, so the next page of the SDK's
loop never exists: what can go ahead is the next partition's batch read, or the first one
of the next association stream, once that stream's partitions are known: the changed
records' ids, after its from-object's stream has synced (sync_order.py puts it right after),
or in the full pass the listings, which are read once per object type and shared.
"""

from __future__ import annotations

import typing as t

if t.TYPE_CHECKING:
    from singer_sdk import Stream
    from singer_sdk.helpers.types import Context

    from tap_hubspot_budgeted.read_ahead import RequestWorker, Sent


def _key(stream: Stream, context: Context) -> tuple[str, str, int]:
    ids = context["ids"]
    return stream.name, ids[0], len(ids)


class AssociationReadAhead:
    def __init__(self, worker: RequestWorker, streams: list[Stream]) -> None:
        """`streams`: the selected association streams, in the order they sync."""
        self._worker = worker
        self._streams = streams
        self._partitions: dict[str, list[Context]] = {}
        self._ahead: dict[tuple[str, str, int], Sent] = {}

    def take(self, stream: Stream, context: Context) -> Sent:
        """This partition's batch read (sent now, unless it went ahead), with the next one
        queued behind it."""
        sent = self._ahead.pop(_key(stream, context), None) or self._send(stream, context)
        following = self._following(stream, context)
        if following is not None and _key(*following) not in self._ahead:
            self._ahead[_key(*following)] = self._send(*following)
        return sent

    def _send(self, stream: Stream, context: Context) -> Sent:
        return self._worker.send_page(stream, context, stream.get_new_paginator())  # type: ignore[attr-defined]

    def _parts(self, stream: Stream) -> list[Context]:
        if stream.name not in self._partitions:
            self._partitions[stream.name] = [p for p in stream.partitions or [] if p.get("ids")]
        return self._partitions[stream.name]

    def _following(self, stream: Stream, context: Context) -> tuple[Stream, Context] | None:
        keys = [_key(stream, part) for part in self._parts(stream)]
        here = _key(stream, context)
        if here not in keys or stream not in self._streams:
            return None
        position = keys.index(here)
        if position + 1 < len(keys):
            return stream, self._parts(stream)[position + 1]
        for later in self._streams[self._streams.index(stream) + 1 :]:
            if not later.partitions_known:  # type: ignore[attr-defined]
                # An object stream syncs before it: its pages are the next requests.
                return None
            parts = self._parts(later)
            if parts:
                return later, parts[0]
        return None
