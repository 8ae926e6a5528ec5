"""Loading a stream while the tap reads the next one.

singer-sdk drains a sink when it is full (10,000 rows by default) or at the end of the
input. A tap that sends its streams one after another (tap-hubspot does) therefore loads
most streams only after it has sent its last record: for a first HubSpot sync at the
mock's scale 30, 5 s of loading that start when the extraction ends. Here, once a RECORD
of another stream arrives, the streams sent before are loaded by background threads
(`max_parallelism` of them, as many as the SDK's own end-of-input drain uses) while this
target goes on reading.

Safety:
- Any message for a stream whose load is still running waits for that load first.
- Every full drain (a full sink, the max record age, the end of the input) waits for all
  background loads first, so STATE is still emitted only once everything before it is in
  the warehouse, as singer-sdk does.
- A background load that fails is raised with the next message, so the run fails and
  keeps its last emitted state.
"""

from __future__ import annotations

import typing as t
from concurrent.futures import Future, ThreadPoolExecutor

if t.TYPE_CHECKING:
    from collections.abc import Iterable

    from singer_sdk.sinks import Sink


class DrainsFinishedStreams:
    """Mixed in before a singer-sdk Target; on when `drain_finished_streams` is set."""

    _loader: ThreadPoolExecutor | None = None
    _loading: dict[int, Future[None]]
    _current_stream: str | None = None

    def _drains_finished_streams(self) -> bool:
        return bool(self.config.get("drain_finished_streams"))  # type: ignore[attr-defined]

    def _sinks_of(self, stream_name: str) -> list[Sink]:
        maps = self.mapper.stream_maps.get(stream_name, [])  # type: ignore[attr-defined]
        active = self._sinks_active  # type: ignore[attr-defined]
        return [active[m.stream_alias] for m in maps if m.stream_alias in active]

    def _settle(self, sinks: Iterable[Sink]) -> None:
        """Wait for the background loads of these sinks (raising what one raised)."""
        loading = getattr(self, "_loading", {})
        for sink in sinks:
            future = loading.pop(id(sink), None)
            if future is not None:
                future.result()

    def _settle_all(self) -> None:
        loading = getattr(self, "_loading", {})
        while loading:
            _, future = loading.popitem()
            future.result()

    def _stream_arrives(self, stream_name: str) -> None:
        if not self._drains_finished_streams():
            return
        self._settle(self._sinks_of(stream_name))
        previous, self._current_stream = self._current_stream, stream_name
        if previous is None or previous == stream_name:
            return
        if self._loader is None:
            workers = max(1, int(self.max_parallelism))  # type: ignore[attr-defined]
            self._loader = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="load")
            self._loading = {}
        for sink in self._sinks_of(previous):
            if sink.current_size:
                self._loading[id(sink)] = self._loader.submit(self.drain_one, sink)  # type: ignore[attr-defined]

    def _process_record_message(self, message_dict: dict) -> None:
        self._stream_arrives(message_dict["stream"])
        super()._process_record_message(message_dict)  # type: ignore[misc]

    def _process_schema_message(self, message_dict: dict) -> None:
        self._settle(self._sinks_of(message_dict["stream"]))
        super()._process_schema_message(message_dict)  # type: ignore[misc]

    def _process_activate_version_message(self, message_dict: dict) -> None:
        self._settle(self._sinks_of(message_dict["stream"]))
        super()._process_activate_version_message(message_dict)  # type: ignore[misc]

    def _process_batch_message(self, message_dict: dict) -> None:
        self._settle(self._sinks_of(message_dict["stream"]))
        super()._process_batch_message(message_dict)  # type: ignore[misc]

    def _drain_all(self, sink_list: Iterable[Sink], parallelism: int) -> None:
        self._settle_all()
        super()._drain_all(sink_list, parallelism)  # type: ignore[misc]
