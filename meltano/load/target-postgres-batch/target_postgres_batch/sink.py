"""A target-postgres sink that gives BATCH-file records the metadata RECORD messages get.

singer-sdk hands the records of a BATCH file straight to `process_batch`, skipping the
per-record path that adds `_sdc_extracted_at`, `_sdc_batched_at`, `_sdc_table_version` and
the rest, so those columns land NULL. Worse, the next ACTIVATE_VERSION then treats every
row with a NULL version as stale. This sink stamps the same columns, with the same SDK
helper, before the rows are copied, and removes each local batch file once it is loaded.
"""

from __future__ import annotations

import datetime as dt
import typing as t
from pathlib import Path
from urllib.parse import unquote, urlparse

from target_postgres.sinks import PostgresSink

if t.TYPE_CHECKING:
    from singer_sdk.helpers._batch import BaseBatchFileEncoding


class PostgresBatchSink(PostgresSink):
    """PostgresSink whose BATCH-file records carry full `_sdc_*` metadata."""

    def __init__(self, *args: t.Any, **kwargs: t.Any) -> None:
        super().__init__(*args, **kwargs)
        # The version of the stream's latest ACTIVATE_VERSION: what a RECORD message of
        # the same sync would carry. FULL_TABLE taps send it before their first BATCH.
        self._table_version: int | None = None
        # When the BATCH message being loaded arrived; None outside a batch file.
        self._batch_received_at: dt.datetime | None = None

    def activate_version(self, new_version: int) -> None:
        self._table_version = new_version
        super().activate_version(new_version)

    def process_batch_files(
        self,
        encoding: BaseBatchFileEncoding,
        files: t.Sequence[str],
    ) -> None:
        self._batch_received_at = dt.datetime.now(tz=dt.UTC)
        try:
            super().process_batch_files(encoding, files)
        finally:
            self._batch_received_at = None
        # Only after every file of the manifest is in the warehouse: a failed load keeps
        # its files for a look or a retry.
        for url in files:
            if is_local(url):
                local_file(url).unlink(missing_ok=True)

    def process_batch(self, context: dict) -> None:
        if self._batch_received_at is not None and self.include_sdc_metadata_properties:
            self._stamp_metadata(context["records"], self._batch_received_at)
        super().process_batch(context)

    def _stamp_metadata(self, records: list[dict], received_at: dt.datetime) -> None:
        # The tap writes a BATCH message as soon as it has closed the file, so its arrival
        # is the closest the target can know to the extraction time.
        message = {"time_extracted": received_at.isoformat(), "version": self._table_version}
        context = {"batch_start_time": received_at}
        for record in records:
            self._add_sdc_metadata_to_record(record, message, context)


def is_local(url: str) -> bool:
    return urlparse(url).scheme == "file"


def local_file(url: str) -> Path:
    return Path(unquote(urlparse(url).path))
