"""What an EL step reads back from the warehouse and from Meltano's system database, for
its materialization metadata: rows written and flagged deleted, and whether state existed."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import psycopg
from psycopg import sql

WAREHOUSE_VARIABLES = ("USER", "PASSWORD", "HOST", "PORT", "DATABASE")


def warehouse_dsn() -> str:
    """The warehouse, from the variables dbt's profile reads (WAREHOUSE_*): the same
    connection in every deployment (make orchestrate, docker-compose, a Kubernetes pod)."""
    missing = [
        f"WAREHOUSE_{n}" for n in WAREHOUSE_VARIABLES if not os.environ.get(f"WAREHOUSE_{n}")
    ]
    if missing:
        raise RuntimeError(
            f"{', '.join(missing)} not set: the EL steps read the warehouse with dbt's "
            "connection variables (see .env.example)"
        )
    env = {n: os.environ[f"WAREHOUSE_{n}"] for n in WAREHOUSE_VARIABLES}
    return (
        f"postgresql://{quote(env['USER'])}:{quote(env['PASSWORD'])}"
        f"@{env['HOST']}:{env['PORT']}/{env['DATABASE']}"
        f"?sslmode={os.environ.get('WAREHOUSE_SSLMODE', 'disable')}"
    )


def _system_dsn() -> str | None:
    """Meltano's system database when it is PostgreSQL (MELTANO_DATABASE_URI), as libpq
    reads it; None for SQLite or when unset."""
    uri = os.environ.get("MELTANO_DATABASE_URI", "")
    scheme, _, rest = uri.partition("://")
    return f"postgresql://{rest}" if scheme.split("+")[0] in {"postgresql", "postgres"} else None


def bookmarked_tables(state_id: str) -> set[str] | None:
    """The tables whose streams have a bookmark in the state Meltano saved for
    `state_id` (their next read is incremental); None when the system database is not one
    this step can read."""
    dsn = _system_dsn()
    if dsn is None:
        return None
    with psycopg.connect(dsn) as connection:
        exists = connection.execute("select to_regclass('state') is not null").fetchone()
        if not exists or not exists[0]:
            return set()
        row = connection.execute(
            "select completed_state, partial_state from state where state_id = %s", (state_id,)
        ).fetchone()
    tables: set[str] = set()
    for part in row or ():
        document = part if isinstance(part, dict) else json.loads(part or "{}")
        bookmarks = (document.get("singer_state") or {}).get("bookmarks") or {}
        # tap-postgres names streams <schema>-<table>; the others name them by table.
        tables.update(
            stream.split("-", 1)[-1] for stream, mark in bookmarks.items() if _has_value(mark)
        )
    return tables


# What an incremental stream's bookmark holds: singer-sdk's replication key value, or
# tap-s3-csv's last modification time. A FULL_TABLE stream's entry holds neither.
BOOKMARK_VALUES = ("replication_key_value", "modified_since")


def _has_value(bookmark: dict[str, Any]) -> bool:
    """A bookmark value, on the stream or on one of its partitions."""
    marks = [bookmark, *(bookmark.get("partitions") or [])]
    return any(mark.get(key) is not None for mark in marks for key in BOOKMARK_VALUES)


def _columns(connection: psycopg.Connection, schema: str, table: str) -> dict[str, str]:
    rows = connection.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = %s and table_name = %s",
        (schema, table),
    ).fetchall()
    return dict(rows)


def _as_stored(since: datetime, data_type: str) -> datetime:
    """target-postgres stores `_sdc_*` times as `timestamp` (UTC wall time, no zone): compare
    them with a UTC wall time, not a zoned value PostgreSQL would read in the session's
    TimeZone."""
    utc = since.astimezone(UTC)
    return utc.replace(tzinfo=None) if data_type == "timestamp without time zone" else utc


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
            stored_since = _as_stored(since, columns["_sdc_batched_at"])
            total, written, flagged = connection.execute(query, {"since": stored_since}).fetchone()
            counts[table] = (total, written, flagged)
    return counts
