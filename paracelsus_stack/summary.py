"""What the last run left in the warehouse: rows per raw table and per mart."""

from __future__ import annotations

from datetime import datetime

import psycopg
from psycopg import sql

from paracelsus_stack.environment import warehouse_dsn
from paracelsus_stack.settings import RAW_SCHEMAS, StackSettings

MART_SCHEMA = "marts"


def warehouse_clock(settings: StackSettings) -> datetime:
    """The warehouse's UTC wall clock, as the naive timestamp the target writes."""
    with psycopg.connect(warehouse_dsn(settings)) as connection:
        row = connection.execute("select (now() at time zone 'utc')::timestamp").fetchone()
    assert row is not None
    return row[0]


def _tables(connection: psycopg.Connection, schemas: tuple[str, ...]) -> list[tuple[str, str]]:
    rows = connection.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_schema = any(%s) order by 1, 2",
        (list(schemas),),
    ).fetchall()
    return [(schema, table) for schema, table in rows]


def _has_column(connection: psycopg.Connection, schema: str, table: str, column: str) -> bool:
    row = connection.execute(
        "select 1 from information_schema.columns "
        "where table_schema = %s and table_name = %s and column_name = %s",
        (schema, table, column),
    ).fetchone()
    return row is not None


def render_summary(settings: StackSettings, since: datetime | None) -> str:
    lines = ["", "Raw tables (rows in table / loaded by this run):"]
    with psycopg.connect(warehouse_dsn(settings)) as connection:
        for schema, table in _tables(connection, RAW_SCHEMAS):
            name = sql.Identifier(schema, table)
            total = connection.execute(sql.SQL("select count(*) from {}").format(name)).fetchone()
            loaded = "-"
            if since is not None and _has_column(connection, schema, table, "_sdc_batched_at"):
                query = sql.SQL("select count(*) from {} where _sdc_batched_at >= %s").format(name)
                loaded = str(connection.execute(query, (since,)).fetchone()[0])
            lines.append(f"  {schema}.{table:<40} {total[0]:>9} / {loaded}")
        lines.extend(_rejected_csv_rows(connection))
        lines.append("Marts (rows):")
        for schema, table in _tables(connection, (MART_SCHEMA,)):
            name = sql.Identifier(schema, table)
            total = connection.execute(sql.SQL("select count(*) from {}").format(name)).fetchone()
            lines.append(f"  {schema}.{table:<40} {total[0]:>9}")
    return "\n".join(lines)


def _rejected_csv_rows(connection: psycopg.Connection) -> list[str]:
    """Malformed CSV rows (surplus fields land in _sdc_extra): file and line, for the fix."""
    lines: list[str] = []
    for schema, table in _tables(connection, ("raw_s3",)):
        if not _has_column(connection, schema, table, "_sdc_extra"):
            continue
        query = sql.SQL(
            "select _sdc_source_file, _sdc_source_lineno from {} "
            "where _sdc_extra is not null order by 1, 2"
        ).format(sql.Identifier(schema, table))
        for source_file, line in connection.execute(query):
            lines.append(f"  REJECTED {schema}.{table}: {source_file}:{line} has surplus fields")
    if lines:
        lines.insert(0, "Malformed CSV rows (kept out of staging; fix the file and re-upload):")
    return lines
