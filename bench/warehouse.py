"""Rows each pipeline left in its warehouse schema (the stack is fresh, so: rows loaded)."""

from __future__ import annotations

from datetime import datetime

import psycopg
from psycopg import sql


def schema_rows(warehouse: psycopg.Connection, schema: str) -> dict[str, int]:
    tables = warehouse.execute(
        "select table_name from information_schema.tables "
        "where table_schema = %s and table_type = 'BASE TABLE' order by 1",
        (schema,),
    ).fetchall()
    counts: dict[str, int] = {}
    for (table,) in tables:
        query = sql.SQL("select count(*) from {}.{}").format(
            sql.Identifier(schema), sql.Identifier(table)
        )
        row = warehouse.execute(query).fetchone()
        counts[table] = int(row[0]) if row else 0
    warehouse.commit()
    return counts


def missing_metadata(warehouse: psycopg.Connection, schema: str, table: str) -> int:
    """Rows without Singer metadata: an optimisation must never produce any. (The table
    version is set by FULL_TABLE passes only; `unversioned_live_rows` checks it there.)"""
    query = sql.SQL(
        "select count(*) from {}.{} where _sdc_extracted_at is null "
        "or _sdc_batched_at is null or _sdc_received_at is null or _sdc_sequence is null "
        "or _sdc_sync_started_at is null"
    ).format(sql.Identifier(schema), sql.Identifier(table))
    row = warehouse.execute(query).fetchone()
    warehouse.commit()
    return int(row[0]) if row else 0


def unversioned_live_rows(warehouse: psycopg.Connection, schema: str, table: str) -> int:
    """After a FULL_TABLE pass, live rows without that pass's table version."""
    query = sql.SQL(
        "select count(*) from {s}.{t} where _sdc_deleted_at is null and "
        "_sdc_table_version is distinct from (select max(_sdc_table_version) from {s}.{t})"
    ).format(s=sql.Identifier(schema), t=sql.Identifier(table))
    row = warehouse.execute(query).fetchone()
    warehouse.commit()
    return int(row[0]) if row else 0


def rows_batched_since(warehouse: psycopg.Connection, schema: str, since: datetime) -> int:
    """Rows a run wrote into the schema (its `_sdc_batched_at` is after `since`)."""
    total = 0
    for table in schema_rows(warehouse, schema):
        query = sql.SQL("select count(*) from {}.{} where _sdc_batched_at >= %s").format(
            sql.Identifier(schema), sql.Identifier(table)
        )
        row = warehouse.execute(query, (since.replace(tzinfo=None),)).fetchone()
        total += int(row[0]) if row else 0
    warehouse.commit()
    return total
