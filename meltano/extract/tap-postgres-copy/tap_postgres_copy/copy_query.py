"""The SQL that makes PostgreSQL write one JSON object per row to COPY's output."""

from __future__ import annotations

from collections.abc import Sequence

from tap_postgres_copy.copy_support import quote_identifier

# CSV with a delimiter and a quote byte that JSON text never contains raw (control
# characters are always escaped inside JSON strings): COPY then writes each JSON document
# verbatim, one per line. Text format would double every backslash of the JSON escapes.
VERBATIM_LINES = "format csv, delimiter e'\\x02', quote e'\\x01'"


def copy_rows_statement(select_sql: str, select_list: Sequence[str]) -> str:
    """COPY the rows of `select_sql` as JSON lines; `select_list` shapes each column."""
    columns = ", ".join(select_list)
    return (
        f"copy (select row_to_json(r) from (select {columns} from ({select_sql}) as q) as r) "
        f"to stdout with ({VERBATIM_LINES})"
    )


def max_value_statement(select_sql: str, column: str) -> str:
    """The largest value of `column` among the rows of `select_sql` (the new bookmark)."""
    return f"select max(q.{quote_identifier(column)}) from ({select_sql}) as q"
