"""Which streams PostgreSQL can write as JSON lines itself, and how each column is selected.

`row_to_json` renders a row the way the SDK's record path does for these types: text,
uuids and integers as is, timestamps in ISO 8601 (with the session's UTC offset), dates,
booleans, numerics as JSON numbers, json/jsonb nested. Float and numeric specials
(NaN, ±Infinity) become null, as the SDK's type conformance makes them. Any other type,
or a stream map or flattening (which the COPY path would bypass), keeps the stream on the
SDK's record-by-record batches, so nothing is ever loaded differently.
"""

from __future__ import annotations

import typing as t

import sqlalchemy as sa

# Checked in order: Float before Numeric (Float is a Numeric).
_PLAIN_TYPES: tuple[type[sa.types.TypeEngine], ...] = (
    sa.types.String,
    sa.types.Uuid,
    sa.types.Integer,
    sa.types.Boolean,
    sa.types.Date,
    sa.types.DateTime,
    sa.types.JSON,
)


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def column_expression(name: str, column_type: sa.types.TypeEngine) -> str | None:
    """The select-list entry that renders the column like the SDK does, or None."""
    column = quote_identifier(name)
    if isinstance(column_type, sa.types.Float):
        return (
            f"case when {column} in ('NaN', 'Infinity', '-Infinity') then null "
            f"else {column} end as {column}"
        )
    if isinstance(column_type, sa.types.Numeric):
        return f"nullif({column}, 'NaN') as {column}"
    if isinstance(column_type, sa.types.ARRAY):
        return None
    if isinstance(column_type, _PLAIN_TYPES):
        return column
    return None


def unsupported_reason(
    columns: t.Iterable[tuple[str, sa.types.TypeEngine]], config: t.Mapping[str, t.Any]
) -> str | None:
    """Why the stream cannot take the COPY path, or None when it can."""
    if config.get("stream_maps"):
        return "stream maps are configured (the SDK applies them record by record)"
    if config.get("flattening_enabled"):
        return "schema flattening is enabled (the SDK flattens record by record)"
    for name, column_type in columns:
        if column_expression(name, column_type) is None:
            return f"column {name!r} has type {column_type} (no faithful row_to_json form)"
    return None
