"""target-postgres's connector, remembering what this run has already prepared.

A HubSpot first sync opens 56 streams in one schema, and for each of them target-postgres
asks PostgreSQL whether that schema exists (SQLAlchemy's inspector lists every schema,
about 8 ms a stream). Here a schema is prepared once per process: nothing in a load drops
it.

The connector also keeps the tables it created in this process that nothing has been
loaded into yet ("fresh"): an ACTIVATE_VERSION for such a table has no row to flag
(sink.py), so the sink need not reflect the table and update it.
"""

from __future__ import annotations

import contextlib
import typing as t

from target_postgres.connector import PostgresConnector

if t.TYPE_CHECKING:
    import sqlalchemy
    from singer_sdk.sql.connector import FullyQualifiedName

TableKey = tuple[str | None, str]


class PostgresBatchConnector(PostgresConnector):
    def __init__(self, *args: t.Any, **kwargs: t.Any) -> None:
        super().__init__(*args, **kwargs)
        self._schemas_prepared: set[str] = set()
        self._fresh_tables: set[TableKey] = set()

    def prepare_schema(self, schema_name: str) -> None:
        if schema_name in self._schemas_prepared:
            return
        super().prepare_schema(schema_name)
        self._schemas_prepared.add(schema_name)

    def create_empty_table(  # type: ignore[override]  # target-postgres's signature
        self,
        table_name: str,
        meta: sqlalchemy.MetaData,
        schema: dict[str, t.Any],
        connection: sqlalchemy.engine.Connection,
        primary_keys: t.Sequence[str] | None = None,
        partition_keys: list[str] | None = None,
        as_temp_table: bool = False,
    ) -> sqlalchemy.Table:
        table = super().create_empty_table(
            table_name=table_name,
            meta=meta,
            schema=schema,
            connection=connection,
            primary_keys=primary_keys,
            partition_keys=partition_keys,
            as_temp_table=as_temp_table,
        )
        if not as_temp_table:
            self._fresh_tables.add((table.schema, table.name))
        return table

    def table_key(self, full_table_name: str | FullyQualifiedName) -> TableKey:
        _, schema_name, table_name = self.parse_full_table_name(full_table_name)
        return schema_name, table_name

    def is_fresh(self, full_table_name: str | FullyQualifiedName) -> bool:
        """Whether this process created the table and has loaded nothing into it."""
        return self.table_key(full_table_name) in self._fresh_tables

    @contextlib.contextmanager
    def loading(self, full_table_name: str | FullyQualifiedName) -> t.Iterator[None]:
        """Around a load into the table: from then on, the table is not fresh. Marked
        again once the load ends (even a failed one), since the load may have created
        the table anew (dropped meanwhile)."""
        key = self.table_key(full_table_name)
        self._fresh_tables.discard(key)
        try:
            yield
        finally:
            self._fresh_tables.discard(key)
