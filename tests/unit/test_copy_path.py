"""The COPY path's parts against a real PostgreSQL: the tap's JSON lines (tap-postgres-copy)
and the target's load-and-merge (target-postgres-batch), plus the batch-file writer.

The whole path, against stock tap-postgres → target-postgres on the same rows, runs in
tests/e2e/test_incremental_and_recovery.py.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import psycopg
import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from paracelsus_stack.settings import REPO_ROOT
from tests.pg_fixture import running_postgres

# Both are Meltano plugins, not dependencies of this project: import the modules that need
# only the standard library and SQLAlchemy from the folders Meltano installs them from.
sys.path.insert(0, str(REPO_ROOT / "meltano" / "extract" / "tap-postgres-copy"))
sys.path.insert(0, str(REPO_ROOT / "meltano" / "load" / "target-postgres-batch"))

from tap_postgres_copy.copy_query import copy_rows_statement, max_value_statement
from tap_postgres_copy.copy_support import column_expression, unsupported_reason
from tap_postgres_copy.line_batches import LineBatchWriter
from target_postgres_batch.copy_load import column_types_query, load_lines, unique_key_query


@pytest.fixture(scope="module")
def dsn() -> Iterator[str]:
    with running_postgres("copy_path") as value:
        yield value


# -- the tap: what PostgreSQL writes ------------------------------------------------------

SOURCE_COLUMNS = {
    "id": sa.types.Uuid(),
    "note": sa.types.Text(),
    "code": sa.types.CHAR(2),
    "n": sa.types.BigInteger(),
    "amount": sa.types.Numeric(),
    "ratio": sa.types.Float(),
    "flag": sa.types.Boolean(),
    "day": sa.types.Date(),
    "at": sa.types.DateTime(timezone=True),
    "naive": sa.types.DateTime(),
    "payload": postgresql.JSONB(),
}


def test_the_copy_lines_render_every_supported_type_as_the_sdk_does(dsn: str) -> None:
    with psycopg.connect(dsn) as connection:
        connection.execute(
            "create table src (id uuid primary key, note text, code char(2), n bigint, "
            "amount numeric, ratio float8, flag boolean, day date, at timestamptz, "
            "naive timestamp, payload jsonb)"
        )
        connection.execute(
            "insert into src values "
            "('00000000-0000-0000-0000-000000000001', e'quote \" back \\\\ nl \\n tab \\t ü', "
            "'CA', 9007199254740993, 12.50, 'NaN', true, '2025-01-02', "
            "'2025-01-02 03:04:05.678+02', '2025-01-02 03:04:05', '{\"a\": [1, \"x\"]}'), "
            "('00000000-0000-0000-0000-000000000002', null, null, null, 'NaN', 'Infinity', "
            "null, null, null, null, null)"
        )
        connection.execute("set timezone to 'UTC'")
        select_list = [column_expression(n, t) or n for n, t in SOURCE_COLUMNS.items()]
        statement = copy_rows_statement("select * from src order by id", select_list)
        with connection.cursor().copy(statement) as copy:
            output = b"".join(bytes(block) for block in copy)
        bookmark = connection.execute(max_value_statement("select * from src", "at")).fetchone()
    lines = output.decode().splitlines()
    assert len(lines) == 2, "one line per row, a newline in a value stays escaped"
    first, second = (json.loads(line) for line in lines)
    assert first == {
        "id": "00000000-0000-0000-0000-000000000001",
        "note": 'quote " back \\ nl \n tab \t ü',
        "code": "CA",
        "n": 9007199254740993,
        "amount": 12.50,
        "ratio": None,
        "flag": True,
        "day": "2025-01-02",
        "at": "2025-01-02T01:04:05.678+00:00",
        "naive": "2025-01-02T03:04:05",
        "payload": {"a": [1, "x"]},
    }
    assert second["amount"] is None and second["ratio"] is None, "NaN and Infinity are null"
    assert bookmark[0] == datetime(2025, 1, 2, 1, 4, 5, 678000, tzinfo=UTC)


def test_types_without_a_faithful_json_form_keep_the_record_path() -> None:
    assert unsupported_reason(SOURCE_COLUMNS.items(), {}) is None
    for column_type in (sa.types.Interval(), sa.types.LargeBinary(), sa.ARRAY(sa.Integer())):
        reason = unsupported_reason([("x", column_type)], {})
        assert reason is not None and "'x'" in reason
    assert "stream maps" in (unsupported_reason([], {"stream_maps": {"a": None}}) or "")
    assert "flattening" in (unsupported_reason([], {"flattening_enabled": True}) or "")


# -- the target: load and merge ---------------------------------------------------------

TARGET_DDL = (
    'create table raw.items (id text primary key, "odd %name" text, n bigint, '
    "amount numeric, at timestamp, payload jsonb, _sdc_batched_at timestamp, "
    "_sdc_deleted_at timestamp, _sdc_sequence bigint, _sdc_table_version bigint, "
    "extra text)"
)
STREAM_COLUMNS = [
    "id",
    "odd %name",
    "n",
    "amount",
    "at",
    "payload",
    "_sdc_batched_at",
    "_sdc_deleted_at",
    "_sdc_sequence",
    "_sdc_table_version",
]
METADATA = {
    "_sdc_batched_at": "2026-01-01T00:00:00+00:00",
    "_sdc_sequence": 1767225600000,
    "_sdc_table_version": 7,
}


def _load(connection: psycopg.Connection, lines: list[dict], keys: list[str]) -> int:
    cursor = connection.cursor()
    types = dict(cursor.execute(column_types_query(), ("raw.items",)).fetchall())
    columns = [(name, types[name]) for name in STREAM_COLUMNS]
    text = "".join(json.dumps(line) + "\n" for line in lines).encode()
    # In pieces that cut lines apart, as a file's chunks do.
    chunks = [text[i : i + 7] for i in range(0, len(text), 7)]
    return load_lines(cursor, "raw.items", columns, keys, METADATA, chunks)


def test_a_file_loads_typed_stamped_and_merged_in_place(dsn: str) -> None:
    with psycopg.connect(dsn) as connection:
        connection.execute("create schema raw")
        connection.execute(TARGET_DDL)
        connection.execute("insert into raw.items (id, n, extra) values ('b', 1, 'kept')")
        assert connection.execute(unique_key_query(), ("raw.items", ["id"])).fetchone()[0]
        assert not connection.execute(unique_key_query(), ("raw.items", ["n"])).fetchone()[0]
        loaded = _load(
            connection,
            [
                {"id": "a", "odd %name": "first", "at": "2025-01-02T03:04:05+02:00"},
                {"id": "b", "n": 2, "amount": 1.25, "payload": {"k": ["v"]}},
                {"id": "a", "odd %name": "last wins", "at": "2025-01-02T03:04:05"},
                {"id": "c", "_sdc_deleted_at": "2025-02-01T00:00:00+00:00"},
            ],
            ["id"],
        )
        rows = {
            row[0]: row[1:]
            for row in connection.execute(
                'select id, "odd %name", n, amount, at, payload, _sdc_batched_at, '
                "_sdc_deleted_at, _sdc_sequence, _sdc_table_version, extra from raw.items"
            )
        }
    assert loaded == 3, "a key read twice in one file is one row"
    stamped = (datetime(2026, 1, 1), None, 1767225600000, 7)
    last_line = ("last wins", None, None, datetime(2025, 1, 2, 3, 4, 5), None)
    assert rows["a"] == (*last_line, *stamped, None)
    assert rows["b"][:5] == (None, 2, 1.25, None, {"k": ["v"]})
    assert rows["b"][-1] == "kept", "a column the stream does not send is left as it was"
    assert rows["c"][6] == datetime(2025, 2, 1), "a tap's own deletion flag is kept"


def test_an_offset_counts_and_a_naive_timestamp_is_utc(dsn: str) -> None:
    with psycopg.connect(dsn) as connection:
        connection.execute("create schema if not exists raw")
        connection.execute("drop table if exists raw.items")
        connection.execute(TARGET_DDL)
        _load(connection, [{"id": "x", "at": "2025-01-02T03:04:05+02:00"}], ["id"])
        connection.commit()  # each file is one transaction, its scratch table dropped at commit
        _load(connection, [{"id": "y", "at": "2025-01-02T03:04:05"}], [])
        at = dict(connection.execute("select id, at from raw.items").fetchall())
    assert at == {"x": datetime(2025, 1, 2, 1, 4, 5), "y": datetime(2025, 1, 2, 3, 4, 5)}


# -- the writer: N lines per file, never a split line ------------------------------------


@contextmanager
def _captured(store: dict[str, bytes], url: str) -> Iterator[io.BytesIO]:
    buffer = io.BytesIO()
    yield buffer
    store[url] = buffer.getvalue()


def _writer(batch_size: int, *, compress: bool) -> tuple[LineBatchWriter, dict, list]:
    store: dict[str, bytes] = {}
    finished: list[tuple[str, int]] = []

    def open_file(index: int) -> tuple[str, object]:
        url = f"file:///batch-{index}"
        return url, _captured(store, url)

    writer = LineBatchWriter(
        open_file, lambda url, n: finished.append((url, n)), batch_size, compress=compress
    )
    return writer, store, finished


def test_the_writer_cuts_files_at_line_boundaries_only() -> None:
    writer, store, finished = _writer(3, compress=False)
    writer.write(b"1\n2")  # a row may arrive in pieces
    writer.write(b"\n3\n4\n5\n6\n7\n")  # or many rows at once
    writer.write(b"8")  # the last one without its newline
    writer.close()
    assert finished == [("file:///batch-1", 3), ("file:///batch-2", 3), ("file:///batch-3", 2)]
    assert [store[url] for url, _ in finished] == [b"1\n2\n3\n", b"4\n5\n6\n", b"7\n8\n"]
    assert writer.lines == 8


def test_the_writer_gzips_and_an_aborted_file_is_never_announced() -> None:
    writer, store, finished = _writer(2, compress=True)
    for row in (b'{"a": 1}\n', b'{"a": 2}\n', b'{"a": 3}\n'):
        writer.write(row)
    writer.abort()
    assert finished == [("file:///batch-1", 2)]
    assert gzip.decompress(store["file:///batch-1"]) == b'{"a": 1}\n{"a": 2}\n'
    empty, _, none = _writer(2, compress=False)
    empty.close()
    assert none == [], "no rows, no file"
