"""Reconcile the OLTP database with raw_oltp: every table, keyed by its id and updated_at."""

from __future__ import annotations

import psycopg
from psycopg import sql

from oltp_seed.tables import COLUMNS, TABLES
from paracelsus_stack.reconcile.fingerprint import Fingerprint, TableComparison
from paracelsus_stack.reconcile.warehouse_side import raw_fingerprint

RAW_SCHEMA = "raw_oltp"


def compare_oltp(oltp_dsn: str, warehouse: psycopg.Connection) -> list[TableComparison]:
    comparisons = []
    with psycopg.connect(oltp_dsn) as source:
        for table in TABLES:
            key = COLUMNS[table][0]
            query = sql.SQL("select {key}::text, updated_at from {table}").format(
                key=sql.Identifier(key), table=sql.Identifier("public", table)
            )
            source_print = Fingerprint.of(source.execute(query).fetchall())
            warehouse_print = raw_fingerprint(warehouse, RAW_SCHEMA, table, key, "updated_at")
            comparisons.append(TableComparison(f"oltp.{table}", source_print, warehouse_print))
    return comparisons
