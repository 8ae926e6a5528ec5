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


def _counts(
    connection: psycopg.Connection, schemas: tuple[str, ...], since: datetime | None
) -> list[tuple[str, str, int, int | None]]:
    """Per table: rows in it, and rows loaded since `since` (None where not known)."""
    counts = []
    for schema, table in _tables(connection, schemas):
        name = sql.Identifier(schema, table)
        total = connection.execute(sql.SQL("select count(*) from {}").format(name)).fetchone()
        loaded = None
        if since is not None and _has_column(connection, schema, table, "_sdc_batched_at"):
            query = sql.SQL("select count(*) from {} where _sdc_batched_at >= %s").format(name)
            loaded = connection.execute(query, (since,)).fetchone()[0]
        counts.append((schema, table, total[0], loaded))
    return counts


def render_summary(settings: StackSettings, since: datetime | None) -> str:
    """Every raw table and mart with its rows (`paracelsus summary`, and each run's log)."""
    lines = ["", "Raw tables (rows in table / loaded by this run):"]
    with psycopg.connect(warehouse_dsn(settings)) as connection:
        for schema, table, total, loaded in _counts(connection, RAW_SCHEMAS, since):
            shown = "-" if loaded is None else str(loaded)
            lines.append(f"  {schema}.{table:<40} {total:>9} / {shown}")
        lines.extend(_rejected_csv_rows(connection))
        lines.append("Marts (rows):")
        for schema, table, total, _ in _counts(connection, (MART_SCHEMA,), None):
            lines.append(f"  {schema}.{table:<40} {total:>9}")
    return "\n".join(lines)


def render_compact_summary(settings: StackSettings, since: datetime | None) -> str:
    """One line per raw schema and the marts two to a line: a run's summary on one screen."""
    lines = ["", "Raw schemas            tables         rows   loaded by this run"]
    with psycopg.connect(warehouse_dsn(settings)) as connection:
        raw = _counts(connection, RAW_SCHEMAS, since)
        for schema in RAW_SCHEMAS:
            tables = [r for r in raw if r[0] == schema]
            total = sum(r[2] for r in tables)
            loaded = sum(r[3] or 0 for r in tables)
            lines.append(f"  {schema:<20} {len(tables):>6} {total:>12,} {loaded:>12,}")
        lines.extend(_rejected_csv_rows(connection))
        marts = [
            f"{table} {total:,}" for _, table, total, _ in _counts(connection, (MART_SCHEMA,), None)
        ]
        lines.append(f"Marts ({len(marts)}, rows):")
        for start in range(0, len(marts), 2):
            lines.append("  " + "   ".join(f"{m:<36}" for m in marts[start : start + 2]).rstrip())
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
