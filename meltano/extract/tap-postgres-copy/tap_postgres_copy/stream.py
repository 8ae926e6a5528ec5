"""tap-postgres's stream, whose BATCH files PostgreSQL writes with COPY."""

from __future__ import annotations

import queue
import threading
import typing as t
from collections.abc import Iterator
from uuid import uuid4

from singer_sdk.helpers._batch import BaseBatchFileEncoding, BatchConfig
from tap_postgres.client import PostgresStream

from tap_postgres_copy.copy_query import copy_rows_statement, max_value_statement
from tap_postgres_copy.copy_support import column_expression, unsupported_reason
from tap_postgres_copy.line_batches import LineBatchWriter

if t.TYPE_CHECKING:
    from singer_sdk.helpers.types import Context
    from sqlalchemy.sql.selectable import Select

# What the COPY thread hands the generator: a finished file, the end, or its failure.
_DONE = object()


class CopyBatchStream(PostgresStream):
    """Same catalog, selection, replication and state as tap-postgres's stream.

    With `batch_config` set (JSONL), one `COPY (select row_to_json(...)) TO STDOUT` per
    stream writes the batch files; without it, or where the COPY path would render a
    value differently, the stream runs exactly as stock tap-postgres.
    """

    def get_batches(
        self,
        batch_config: BatchConfig,
        context: Context | None = None,
    ) -> t.Iterable[tuple[BaseBatchFileEncoding, list[str]]]:
        reason = self._copy_unsupported(batch_config)
        if reason is not None:
            self.logger.info("%s: record-by-record batches, because %s", self.name, reason)
            yield from super().get_batches(batch_config, context)
        else:
            yield from self._copy_batches(batch_config, context)
        self._close_table_version()

    def get_records(self, context: Context | None) -> t.Iterable[dict[str, t.Any]]:
        yield from super().get_records(context)
        # RECORD messages: every record is on its way once the loop asks for the next.
        # (With batches, the Batcher still holds the last file: get_batches closes.)
        if not self.get_batch_config(self.config):
            self._close_table_version()

    def _close_table_version(self) -> None:
        """A FULL_TABLE pass's closing ACTIVATE_VERSION, after its last row.

        The SDK sends ACTIVATE_VERSION only when the stream starts, so a target flags
        every older row deleted before the first new one arrives. Sent again at the end
        (as Singer taps of the pipelinewise family do), it lets a target flag only the
        rows the pass did not load; stock targets just flag those again.
        """
        if self.replication_method == "FULL_TABLE" and self.emit_activate_version_messages:
            self._write_activate_version_message(self._stream_version)

    def _copy_unsupported(self, batch_config: BatchConfig) -> str | None:
        encoding = batch_config.encoding
        if encoding.format != "jsonl":
            return f"the batch format is {encoding.format!r} (COPY writes JSON lines)"
        if encoding.compression not in (None, "none", "gzip"):
            return f"the batch compression is {encoding.compression!r}"
        return unsupported_reason(self._selected_columns(), self.config)

    def _selected_columns(self) -> list[tuple[str, t.Any]]:
        table = self.connector.get_table(
            full_table_name=self.fully_qualified_name,
            column_names=self.get_selected_schema()["properties"].keys(),
        )
        return [(column.name, column.type) for column in table.columns]

    def _query(self, context: Context | None) -> Select:
        # As the SDK's record loop does first: put the saved bookmark where build_query's
        # `replication_key >= bookmark` filter reads it.
        self._write_starting_replication_value(context)
        query = self.build_query(context=context)
        # The bookmark is the maximum read in the same snapshot, so the rows need no
        # order, unless a record limit makes the order decide which rows are read.
        if self.ABORT_AT_RECORD_COUNT is None and not self.max_record_count():
            query = query.order_by(None)
        return query

    def _copy_batches(
        self, batch_config: BatchConfig, context: Context | None
    ) -> Iterator[tuple[BaseBatchFileEncoding, list[str]]]:
        encoding = batch_config.encoding
        storage = batch_config.storage
        sync_id = f"{self.tap_name}--{self.name}-{uuid4()}"
        compress = encoding.compression == "gzip"
        suffix = ".json.gz" if compress else ".json"
        select_list = [column_expression(n, c) or n for n, c in self._selected_columns()]

        def open_file(index: int) -> tuple[str, t.Any]:
            filename = f"{storage.prefix or ''}{sync_id}-{index}{suffix}"
            return storage.get_url(filename), storage.open(filename, "wb")

        finished: queue.SimpleQueue[object] = queue.SimpleQueue()
        writer = LineBatchWriter(
            open_file,
            lambda url, _lines: finished.put(url),
            batch_config.batch_size,
            compress=compress,
        )
        # The SDK's own way to a connection (SQLStream.get_records uses it too).
        with self.connector._connect() as connection:
            dbapi = connection.connection.dbapi_connection
            assert dbapi is not None
            dbapi.rollback()
            cursor = dbapi.cursor()
            # One snapshot for the bookmark and the rows: nothing committed in between is
            # counted in one and missing from the other.
            cursor.execute("set transaction isolation level repeatable read, read only")
            cursor.execute("set local timezone to 'UTC'")
            compiled = self._query(context).compile(dialect=connection.dialect)
            select_sql = cursor.mogrify(str(compiled), compiled.params).decode()
            bookmark = None
            if self.replication_key:
                cursor.execute(max_value_statement(select_sql, self.replication_key))
                bookmark = cursor.fetchone()[0]

            def copy_out() -> None:
                try:
                    cursor.copy_expert(copy_rows_statement(select_sql, select_list), writer)
                    writer.close()
                    finished.put(_DONE)
                except BaseException as error:  # handed to the generator, raised there
                    writer.abort()
                    finished.put(error)

            worker = threading.Thread(target=copy_out, name=f"copy-{self.name}", daemon=True)
            worker.start()
            try:
                while (item := finished.get()) is not _DONE:
                    if isinstance(item, BaseException):
                        raise item
                    yield encoding, [t.cast(str, item)]
            finally:
                if worker.is_alive():
                    dbapi.cancel()
                worker.join()
                dbapi.rollback()
        self.logger.info("%s: %d rows written by COPY", self.name, writer.lines)
        if bookmark is not None:
            self._increment_stream_state({self.replication_key: bookmark}, context=context)
