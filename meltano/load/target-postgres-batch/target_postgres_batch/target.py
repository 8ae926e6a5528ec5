"""The target: MeltanoLabs target-postgres with the batch-aware sink."""

from __future__ import annotations

from target_postgres.target import TargetPostgres

from target_postgres_batch.sink import PostgresBatchSink


class TargetPostgresBatch(TargetPostgres):
    """Same settings and behaviour as target-postgres; BATCH files keep their metadata."""

    name = "target-postgres-batch"
    default_sink_class = PostgresBatchSink
