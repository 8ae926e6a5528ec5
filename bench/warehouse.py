"""Rows each pipeline left in its warehouse schema (the stack is fresh, so: rows loaded)."""

from __future__ import annotations

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
    """Rows without Singer metadata: an optimisation must never produce any."""
    query = sql.SQL(
        "select count(*) from {}.{} where _sdc_extracted_at is null "
        "or _sdc_batched_at is null or _sdc_table_version is null"
    ).format(sql.Identifier(schema), sql.Identifier(table))
    row = warehouse.execute(query).fetchone()
    warehouse.commit()
    return int(row[0]) if row else 0
