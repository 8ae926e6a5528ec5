"""Apply schema.sql and bulk-load the generated rows with COPY, all in one transaction."""

from dataclasses import dataclass
from importlib.resources import files

import psycopg
from psycopg import sql

from oltp_seed.generator import COLUMNS, TABLES, generate_supervision


@dataclass(frozen=True)
class LoadResult:
    loaded: dict[str, int]  # rows copied per table; empty when the database was already seeded
    existing_rows: int  # rows found before loading (after a reset: 0)


def schema_sql() -> str:
    return files("oltp_seed").joinpath("schema.sql").read_text(encoding="utf-8")


def row_counts(conn: psycopg.Connection) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in TABLES:
        query = sql.SQL("select count(*) from {}").format(sql.Identifier(table))
        row = conn.execute(query).fetchone()
        counts[table] = row[0] if row else 0
    return counts


def load(
    conn: psycopg.Connection, seed: int = 42, scale: float = 1.0, reset: bool = False
) -> LoadResult:
    """Seed an empty database; leave a populated one alone (its incremental state matters)."""
    with conn.transaction():
        conn.execute(schema_sql())
        if reset:
            tables = sql.SQL(", ").join(sql.Identifier(t) for t in TABLES)
            conn.execute(sql.SQL("truncate {}").format(tables))
        existing = sum(row_counts(conn).values())
        if existing:
            return LoadResult({}, existing)
        data = generate_supervision(seed, scale)
        loaded: dict[str, int] = {}
        for table in TABLES:
            copy = sql.SQL("copy {} ({}) from stdin").format(
                sql.Identifier(table),
                sql.SQL(", ").join(sql.Identifier(c) for c in COLUMNS[table]),
            )
            count = 0
            with conn.cursor().copy(copy) as copier:
                for row in data.rows[table]:
                    copier.write_row(row)
                    count += 1
            loaded[table] = count
        return LoadResult(loaded, 0)
