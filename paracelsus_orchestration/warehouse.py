"""What an EL step reads back from the warehouse and from Meltano's system database, for
its materialization metadata: rows written and flagged deleted, and whether state existed."""

from __future__ import annotations

import os
from datetime import datetime
from urllib.parse import quote

import psycopg
from psycopg import sql


def warehouse_dsn() -> str:
    """The warehouse, from the variables dbt's profile reads (WAREHOUSE_*)."""
    env = os.environ
    return (
        f"postgresql://{quote(env['WAREHOUSE_USER'])}:{quote(env['WAREHOUSE_PASSWORD'])}"
        f"@{env['WAREHOUSE_HOST']}:{env['WAREHOUSE_PORT']}/{env['WAREHOUSE_DATABASE']}"
        f"?sslmode={env.get('WAREHOUSE_SSLMODE', 'disable')}"
    )


def _system_dsn() -> str | None:
    """Meltano's system database when it is PostgreSQL (MELTANO_DATABASE_URI), as libpq
    reads it; None for SQLite or when unset."""
    uri = os.environ.get("MELTANO_DATABASE_URI", "")
    scheme, _, rest = uri.partition("://")
    return f"postgresql://{rest}" if scheme.split("+")[0] in {"postgresql", "postgres"} else None


def has_saved_state(state_id: str) -> bool | None:
    """Whether Meltano saved state for `state_id` (None: the system database is not one
    this step can read)."""
    dsn = _system_dsn()
    if dsn is None:
        return None
    with psycopg.connect(dsn) as connection:
        exists = connection.execute("select to_regclass('state') is not null").fetchone()
        if not exists or not exists[0]:
            return False
        row = connection.execute("select 1 from state where state_id = %s", (state_id,))
        return row.fetchone() is not None


def _columns(connection: psycopg.Connection, schema: str, table: str) -> set[str]:
    rows = connection.execute(
        "select column_name from information_schema.columns "
        "where table_schema = %s and table_name = %s",
        (schema, table),
    ).fetchall()
    return {name for (name,) in rows}


def table_counts(
    schema: str, tables: list[str], since: datetime
) -> dict[str, tuple[int, int, int]]:
    """Per table: rows in it, rows written (inserted or updated) since `since`, and rows
    flagged deleted since then. A table the run did not create counts zeros."""
    counts: dict[str, tuple[int, int, int]] = {}
    with psycopg.connect(warehouse_dsn()) as connection:
        for table in tables:
            columns = _columns(connection, schema, table)
            if "_sdc_batched_at" not in columns:
                counts[table] = (0, 0, 0)
                continue
            deleted = (
                sql.SQL("count(*) filter (where _sdc_deleted_at >= %(since)s)")
                if "_sdc_deleted_at" in columns
                else sql.SQL("0")
            )
            query = sql.SQL(
                "select count(*), count(*) filter (where _sdc_batched_at >= %(since)s), {} from {}"
            ).format(deleted, sql.Identifier(schema, table))
            total, written, flagged = connection.execute(query, {"since": since}).fetchone()
            counts[table] = (total, written, flagged)
    return counts
