"""The SQL that loads a JSON-lines batch file with COPY and merges it in one statement.

The file's lines go verbatim into a temporary `jsonb` column (COPY in CSV mode, with a
delimiter and quote byte that JSON text never contains raw), and one INSERT ... SELECT
turns them into typed rows of the target table:

- values are read with `jsonb_populate_record(null::<target table>, doc)`, so each lands
  in the column's own type, as the record path's parse-and-insert would;
- `timestamp` columns go through `timestamptz ... at time zone 'UTC'`, so an ISO 8601
  offset counts (the record path parses it too) and a naive value is taken as UTC;
- the `_sdc_*` metadata the SDK stamps on every record arrive as parameters;
- a key read twice in one file keeps its last line, as the record path's de-duplication
  does, and an existing row is updated in place (`on conflict`), which needs a unique
  index on exactly the key columns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

VERBATIM_LINES = "format csv, delimiter e'\\x02', quote e'\\x01'"
NAIVE_TIMESTAMP = "timestamp without time zone"


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def copy_docs_statement(docs_table: str) -> str:
    return f"copy {docs_table} (doc) from stdin with ({VERBATIM_LINES})"


def create_docs_statement(docs_table: str) -> str:
    return (
        f"create temporary table {docs_table} "
        "(line bigint generated always as identity, doc jsonb) on commit drop"
    )


def _identifier(name: str) -> str:
    # The merge statement takes %(name)s parameters: a literal % must be doubled.
    return quote_identifier(name).replace("%", "%%")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''").replace("%", "%%") + "'"


def _value(name: str, column_type: str, parameters: Mapping[str, str]) -> str:
    if name in parameters:
        source = f"%({parameters[name]})s"
        if column_type == NAIVE_TIMESTAMP:
            return f"cast({source} as timestamptz) at time zone 'UTC'"
        return f"cast({source} as {column_type})"
    if column_type == NAIVE_TIMESTAMP:
        return f"cast(d.doc ->> {_literal(name)} as timestamptz) at time zone 'UTC'"
    return f"r.{_identifier(name)}"


def merge_statement(
    table: str,
    docs_table: str,
    columns: Sequence[tuple[str, str]],
    keys: Sequence[str],
    parameters: Mapping[str, str],
) -> str:
    """INSERT every line of `docs_table` into `table` (qualified, quoted).

    `columns` are the stream's columns with their types in the table (`format_type`);
    `parameters` maps the columns that take a bound value instead of the line's to the
    parameter's name.
    """
    table = table.replace("%", "%%")
    names = ", ".join(_identifier(name) for name, _ in columns)
    values = ", ".join(_value(name, type_, parameters) for name, type_ in columns)
    source = f"from {docs_table} as d, jsonb_populate_record(null::{table}, d.doc) as r"
    if not keys:
        return f"insert into {table} ({names}) select {values} {source} order by d.line"
    key_list = ", ".join(_identifier(key) for key in keys)
    line_keys = ", ".join(f"r.{_identifier(key)}" for key in keys)
    updates = [
        f"{_identifier(name)} = excluded.{_identifier(name)}"
        for name, _ in columns
        if name not in keys
    ]
    action = "do update set " + ", ".join(updates) if updates else "do nothing"
    return (
        f"insert into {table} ({names}) "
        f"select distinct on ({line_keys}) {values} {source} "
        f"order by {line_keys}, d.line desc "
        f"on conflict ({key_list}) {action}"
    )


def column_types_query() -> str:
    return (
        "select a.attname, format_type(a.atttypid, a.atttypmod) from pg_attribute a "
        "where a.attrelid = %s::regclass and a.attnum > 0 and not a.attisdropped"
    )


def unique_key_query() -> str:
    """Whether some unique index covers exactly the given columns (an array of names)."""
    return (
        "select exists (select from pg_index i where i.indrelid = %s::regclass "
        "and i.indisunique and i.indpred is null and i.indexprs is null "
        "and (select array_agg(a.attname::text order by a.attname) from pg_attribute a "
        "where a.attrelid = i.indrelid and a.attnum = any(i.indkey)) "
        "= (select array_agg(k order by k) from unnest(%s::text[]) as k))"
    )
