"""The floor every pipeline is compared with: PostgreSQL COPY of the same rows.

Each baseline lands in the scratch schema `bench_copy` of the warehouse, so it pays the
same server, WAL and primary-key index as the pipelines do. Only the COPY is timed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import psycopg
from psycopg import sql

from oltp_seed.tables import TABLES

SCHEMA = "bench_copy"


@dataclass(frozen=True)
class CopyResult:
    source: str
    rows: int
    seconds: float

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def fresh_schema(warehouse: psycopg.Connection) -> None:
    warehouse.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(SCHEMA)))
    warehouse.execute(sql.SQL("create schema {}").format(sql.Identifier(SCHEMA)))
    warehouse.commit()


def _column_ddl(oltp: psycopg.Connection, table: str) -> list[tuple[str, str]]:
    rows = oltp.execute(
        """
        select a.attname, format_type(a.atttypid, a.atttypmod)
        from pg_attribute a
        where a.attrelid = %s::regclass and a.attnum > 0 and not a.attisdropped
        order by a.attnum
        """,
        (f"public.{table}",),
    ).fetchall()
    return [(name, type_) for name, type_ in rows]


def _create(warehouse: psycopg.Connection, table: str, columns: Sequence[tuple[str, str]]) -> None:
    # The first column is each table's key, as in the raw tables the target creates.
    definition = sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.Identifier(name), sql.SQL(type_)) for name, type_ in columns
    )
    warehouse.execute(
        sql.SQL("create table {}.{} ({}, primary key ({}))").format(
            sql.Identifier(SCHEMA),
            sql.Identifier(table),
            definition,
            sql.Identifier(columns[0][0]),
        )
    )


def copy_oltp(oltp: psycopg.Connection, warehouse: psycopg.Connection) -> CopyResult:
    """COPY ... TO STDOUT from the source, streamed block by block into COPY ... FROM STDIN."""
    for table in TABLES:
        _create(warehouse, f"oltp_{table}", _column_ddl(oltp, table))
    warehouse.commit()
    rows = 0
    started = time.perf_counter()
    for table in TABLES:
        out = sql.SQL("copy (select * from {}) to stdout").format(sql.Identifier(table))
        into = sql.SQL("copy {}.{} from stdin").format(
            sql.Identifier(SCHEMA), sql.Identifier(f"oltp_{table}")
        )
        cursor = warehouse.cursor()
        with oltp.cursor().copy(out) as reader, cursor.copy(into) as writer:
            for block in reader:
                writer.write(block)
        rows += cursor.rowcount
    warehouse.commit()
    return CopyResult("oltp", rows, time.perf_counter() - started)


def copy_csv(warehouse: psycopg.Connection, files: dict[str, bytes]) -> CopyResult:
    """Each CSV file (header first) into a text table of its own."""
    tables: list[tuple[str, bytes]] = []
    for key, body in files.items():
        header = body.split(b"\n", 1)[0].decode("utf-8").split(",")
        table = "s3_" + key.rsplit("/", 1)[-1].removesuffix(".csv")
        _create(warehouse, table, [(column, "text") for column in header])
        tables.append((table, body))
    warehouse.commit()
    rows = 0
    started = time.perf_counter()
    for table, body in tables:
        into = sql.SQL("copy {}.{} from stdin (format csv, header true)").format(
            sql.Identifier(SCHEMA), sql.Identifier(table)
        )
        cursor = warehouse.cursor()
        with cursor.copy(into) as writer:
            writer.write(body)
        rows += cursor.rowcount
    warehouse.commit()
    return CopyResult("s3", rows, time.perf_counter() - started)


def copy_records(
    warehouse: psycopg.Connection, table: str, records: Iterable[tuple[object, ...]]
) -> CopyResult:
    """HubSpot records as fetched (id, properties as jsonb, timestamps, archived)."""
    _create(
        warehouse,
        table,
        [
            ("id", "text"),
            ("properties", "jsonb"),
            ("created_at", "timestamptz"),
            ("updated_at", "timestamptz"),
            ("archived", "boolean"),
        ],
    )
    warehouse.commit()
    into = sql.SQL("copy {}.{} from stdin").format(sql.Identifier(SCHEMA), sql.Identifier(table))
    cursor = warehouse.cursor()
    started = time.perf_counter()
    with cursor.copy(into) as writer:
        for record in records:
            writer.write_row(record)
    warehouse.commit()
    return CopyResult("hubspot", cursor.rowcount, time.perf_counter() - started)
