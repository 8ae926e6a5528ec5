"""A target-postgres sink that loads BATCH files with COPY, with full Singer metadata.

Two things stock target-postgres does not do for BATCH files:

- Metadata. singer-sdk hands the records of a BATCH file straight to `process_batch`,
  skipping the per-record path that adds `_sdc_extracted_at`, `_sdc_batched_at`,
  `_sdc_table_version` and the rest, so those columns land NULL, and the next
  ACTIVATE_VERSION then treats every row with a NULL version as stale.
- Speed. Each record is parsed into Python objects, stamped, and encoded again for COPY.

Here a JSON-lines file goes verbatim into PostgreSQL with COPY, and one INSERT ... SELECT
types, stamps and merges it (see copy_load.py), with the same metadata values the SDK's
helper gives a record. Where that path does not apply (another format, a table without a
unique index on its key, NUL sanitising), the file takes the record path, stamped the same
way. Each local batch file is removed once loaded.
"""

from __future__ import annotations

import datetime as dt
import gzip
import typing as t
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urlparse

from singer_sdk.helpers._batch import StorageTarget
from target_postgres.sinks import PostgresSink

from target_postgres_batch.compiled_validation import CompiledSchemaValidator
from target_postgres_batch.connector import PostgresBatchConnector
from target_postgres_batch.copy_load import (
    column_types_query,
    load_lines,
    quote_identifier,
    unique_key_query,
)
from target_postgres_batch.timestamp_parsing import DatelikeColumns

if t.TYPE_CHECKING:
    from singer_sdk.helpers._batch import BaseBatchFileEncoding
    from singer_sdk.helpers.conform import DatetimeErrorTreatmentEnum
    from singer_sdk.sinks.core import BaseJSONSchemaValidator

# COPY is fed the (decompressed) file in pieces of this size.
COPY_CHUNK_BYTES = 1 << 20
# Stamped by the SDK helper but read from the line: a tap may flag a deleted row itself.
FROM_THE_LINE = {"_sdc_deleted_at"}


class PostgresBatchSink(PostgresSink):
    """PostgresSink whose BATCH files load by COPY and carry full `_sdc_*` metadata."""

    connector_class = PostgresBatchConnector

    def __init__(self, *args: t.Any, **kwargs: t.Any) -> None:
        super().__init__(*args, **kwargs)
        # The version of the stream's latest ACTIVATE_VERSION: what a RECORD message of
        # the same sync would carry. FULL_TABLE taps send it before their first BATCH.
        self._table_version: int | None = None
        # Versions whose opening ACTIVATE_VERSION came (setting activate_version_at_end).
        self._opened: set[int] = set()
        # When the BATCH message being loaded arrived; None outside a batch file.
        self._batch_received_at: dt.datetime | None = None

    @cached_property
    def _datelike_columns(self) -> DatelikeColumns:
        return DatelikeColumns()

    def _parse_timestamps_in_record(
        self, record: dict, schema: dict, treatment: DatetimeErrorTreatmentEnum
    ) -> None:
        # A field without a schema takes the SDK's whole path (it warns about it once);
        # otherwise the SDK's method sees only the date-like values, the ones it changes.
        if not record.keys() <= schema["properties"].keys():
            super()._parse_timestamps_in_record(record, schema, treatment)
            return
        datelike = {
            name: record[name] for name in self._datelike_columns.of(schema) if name in record
        }
        if datelike:
            super()._parse_timestamps_in_record(datelike, schema, treatment)
            record.update(datelike)

    def get_validator(self) -> BaseJSONSchemaValidator | None:
        if self.validate_schema and self.config.get("compiled_validation"):
            return CompiledSchemaValidator(self.schema)
        return super().get_validator()

    @property
    def connector(self) -> PostgresBatchConnector:
        return t.cast("PostgresBatchConnector", self._connector)

    def activate_version(self, new_version: int) -> None:
        self._table_version = new_version
        if self.config.get("activate_version_at_end") and new_version not in self._opened:
            # The stream's opening message: rows get this version as they load; the
            # closing one, after the last row, flags the rows that did not.
            self._opened.add(new_version)
            self.logger.info(
                "%s: table version %d opened; rows not loaded under it are flagged when "
                "the tap closes it",
                self.stream_name,
                new_version,
            )
            return
        if self._pending_batch is None and self.connector.is_fresh(self.full_table_name):
            # The table was created by this run, holds no row yet, and this sink holds
            # none to load first (a FULL_TABLE stream's first sync opens with this
            # message): no row to flag deleted, so no reflection and no UPDATE (about
            # 30 ms a stream).
            self.logger.info(
                "%s: table version %d activated on a table this run created empty: "
                "no row to flag deleted",
                self.stream_name,
                new_version,
            )
            return
        super().activate_version(new_version)

    def process_batch_files(
        self,
        encoding: BaseBatchFileEncoding,
        files: t.Sequence[str],
    ) -> None:
        self._batch_received_at = dt.datetime.now(tz=dt.UTC)
        try:
            with self.connector.loading(self.full_table_name):
                for url in files:
                    if not self._copy_file(encoding, url):
                        super().process_batch_files(encoding, [url])
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
        with self.connector.loading(self.full_table_name):
            super().process_batch(context)

    def _metadata(self, received_at: dt.datetime) -> tuple[dict, dict]:
        # The tap writes a BATCH message as soon as it has closed the file, so its arrival
        # is the closest the target can know to the extraction time.
        message = {"time_extracted": received_at.isoformat(), "version": self._table_version}
        return message, {"batch_start_time": received_at}

    def _stamp_metadata(self, records: list[dict], received_at: dt.datetime) -> None:
        message, context = self._metadata(received_at)
        for record in records:
            self._add_sdc_metadata_to_record(record, message, context)

    def _copy_file(self, encoding: BaseBatchFileEncoding, url: str) -> bool:
        """Load one JSON-lines file by COPY; False if it must take the record path."""
        if encoding.format != "jsonl" or encoding.compression not in (None, "none", "gzip"):
            return False
        if self.connector.sanitize_null_text_characters:
            return False
        with self.connector._connect() as connection, connection.begin():
            table = self.connector.prepare_table(
                full_table_name=self.full_table_name,
                schema=self.schema,
                primary_keys=self.key_properties,
                as_temp_table=False,
                connection=connection,
            )
            qualified = ".".join(quote_identifier(p) for p in (table.schema, table.name) if p)
            cursor = connection.connection.cursor()
            keys = list(self.key_properties)
            if keys and not cursor.execute(unique_key_query(), (qualified, keys)).fetchone()[0]:
                self.logger.info("%s: no unique index on %s, record path", qualified, keys)
                return False
            types = dict(cursor.execute(column_types_query(), (qualified,)).fetchall())
            columns = [(name, types[name]) for name in self.schema["properties"]]
            compressed = encoding.compression == "gzip"
            chunks = read_chunks(self._open(url), compressed=compressed)
            loaded = load_lines(cursor, qualified, columns, keys, self._metadata_values(), chunks)
        self.record_counter_metric.increment(loaded)
        return True

    def _metadata_values(self) -> dict[str, t.Any]:
        if not self.include_sdc_metadata_properties or self._batch_received_at is None:
            return {}
        stamped: dict[str, t.Any] = {}
        self._add_sdc_metadata_to_record(stamped, *self._metadata(self._batch_received_at))
        return {k: v for k, v in stamped.items() if k not in FROM_THE_LINE}

    def _open(self, url: str) -> t.ContextManager[t.IO[bytes]]:
        storage = self.batch_config.storage if self.batch_config else None
        head, tail = StorageTarget.split_url(url)
        return (storage or StorageTarget.from_url(head)).open(tail, mode="rb")


def read_chunks(opened: t.ContextManager[t.IO[bytes]], *, compressed: bool) -> t.Iterator[bytes]:
    with opened as raw:
        source: t.IO[bytes] = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
        while chunk := source.read(COPY_CHUNK_BYTES):
            yield chunk


def is_local(url: str) -> bool:
    return urlparse(url).scheme == "file"


def local_file(url: str) -> Path:
    return Path(unquote(urlparse(url).path))
