"""Read a raw table's live rows (not flagged deleted) as a fingerprint."""

from __future__ import annotations

import psycopg
from psycopg import sql

from paracelsus_stack.reconcile.fingerprint import Fingerprint


def raw_fingerprint(
    connection: psycopg.Connection,
    schema: str,
    table: str,
    key: str,
    modified: str | None,
    live_condition: str = "_sdc_deleted_at is null",
) -> Fingerprint:
    exists = connection.execute("select to_regclass(%s)", (f'{schema}."{table}"',)).fetchone()
    if exists is None or exists[0] is None:
        return Fingerprint({})
    modified_column = sql.Identifier(modified) if modified else sql.SQL("null")
    query = sql.SQL("select {key}, {modified} from {table} where {live}").format(
        key=sql.Identifier(key),
        modified=modified_column,
        table=sql.Identifier(schema, table),
        live=sql.SQL(live_condition),
    )
    return Fingerprint.of(connection.execute(query).fetchall())
