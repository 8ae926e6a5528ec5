"""The tap: MeltanoLabs tap-postgres, with COPY-written BATCH files."""

from __future__ import annotations

from collections.abc import Sequence

from singer_sdk.sql import SQLStream
from tap_postgres.client import PostgresStream
from tap_postgres.tap import TapPostgres

from tap_postgres_copy.stream import CopyBatchStream


class TapPostgresCopy(TapPostgres):
    """Same settings, discovery and replication methods as tap-postgres."""

    name = "tap-postgres-copy"

    def discover_streams(self) -> Sequence[SQLStream]:
        # LOG_BASED streams keep their own class; the others read batches by COPY.
        return [
            CopyBatchStream(self, stream.catalog_entry, connector=self.connector)
            if type(stream) is PostgresStream
            else stream
            for stream in super().discover_streams()
        ]
