"""The target: MeltanoLabs target-postgres with the batch-aware sink."""

from __future__ import annotations

import typing as t

from singer_sdk import typing as th
from target_postgres.target import TargetPostgres

from target_postgres_batch.exit_without_teardown import run_then_exit
from target_postgres_batch.finished_streams import DrainsFinishedStreams
from target_postgres_batch.sink import PostgresBatchSink

ACTIVATE_VERSION_AT_END = th.Property(
    "activate_version_at_end",
    th.BooleanType,
    default=False,
    description=(
        "For taps that send a FULL_TABLE stream's ACTIVATE_VERSION both when the stream "
        "starts and when it ends (tap-postgres-copy does): apply it only at the end. Rows "
        "are then never flagged deleted while the pass is still loading them, a pass that "
        "stops midway flags nothing, and the table is rewritten once instead of twice. "
        "With a tap that sends it only at the start, nothing would ever be flagged."
    ),
)


COMPILED_VALIDATION = th.Property(
    "compiled_validation",
    th.BooleanType,
    default=False,
    description=(
        "Validate RECORD messages with the stream's schema compiled to code once "
        "(fastjsonschema) instead of interpreted for every record (jsonschema): the same "
        "checks, a fraction of the CPU on wide records (compiled_validation.py)"
    ),
)


DRAIN_FINISHED_STREAMS = th.Property(
    "drain_finished_streams",
    th.BooleanType,
    default=False,
    description=(
        "Load a stream in the background once the tap has moved on to another one, "
        "instead of at the end of the input (finished_streams.py): for taps that send "
        "their streams one after another"
    ),
)


class TargetPostgresBatch(DrainsFinishedStreams, TargetPostgres):
    """target-postgres, plus BATCH files loaded by COPY with their `_sdc_*` metadata, and
    the `activate_version_at_end`, `compiled_validation` and `drain_finished_streams`
    settings."""

    name = "target-postgres-batch"
    config_jsonschema: t.ClassVar[dict] = {
        **TargetPostgres.config_jsonschema,
        "properties": {
            **TargetPostgres.config_jsonschema["properties"],
            **ACTIVATE_VERSION_AT_END.to_dict(),
            **COMPILED_VALIDATION.to_dict(),
            **DRAIN_FINISHED_STREAMS.to_dict(),
        },
    }
    default_sink_class = PostgresBatchSink


def main() -> t.NoReturn:
    """The console script: the SDK's command line, then an exit that skips freeing the
    heap (exit_without_teardown.py)."""
    run_then_exit(TargetPostgresBatch.cli)
