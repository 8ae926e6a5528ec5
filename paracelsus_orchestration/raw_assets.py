"""The raw tables as assets, one multi-asset per raw schema, materialized by the Meltano EL
tasks that load that schema (the run's Meltano job decides which: elt-all's incremental
task, or elt-deletes' full passes).

Each materialization records what a job API would report per object: rows loaded and
flagged deleted by this run, rows in the table, sync mode (incremental, full, or not_due
for a stream the tap left for a later run), duration, and for HubSpot the API requests
spent.
"""

import os
from collections.abc import Iterator
from datetime import UTC, datetime

from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    AssetSpec,
    Config,
    Failure,
    MaterializeResult,
    MetadataValue,
    multi_asset,
)

from paracelsus_orchestration.dbt_manifest import source_tables
from paracelsus_orchestration.meltano_task import TaskOutcome, run_task
from paracelsus_orchestration.pipeline import ElTask, tasks_for
from paracelsus_orchestration.pools import MELTANO_JOB_TAG, el_pool
from paracelsus_orchestration.warehouse import bookmarked_tables, table_counts
from paracelsus_stack.meltano_project import (
    changed_association_streams,
    default_environment,
    is_full_pass,
)
from paracelsus_stack.settings import RAW_SCHEMAS


class ElConfig(Config):
    full_refresh: bool = False  # `meltano run --full-refresh`: ignore saved state


def _state_id(task: ElTask) -> str:
    environment = os.environ.get("MELTANO_ENVIRONMENT") or default_environment()
    pipeline = f"{task.extractor}-to-{task.loader}"
    return f"{environment}:{pipeline}" if environment else pipeline


def _incremental_tables(task: ElTask, full_refresh: bool) -> set[str] | None:
    """The tables this task reads incrementally: those with a saved bookmark, unless the
    task reads everything anyway (a full pass, or --full-refresh). None: unknown."""
    if full_refresh or is_full_pass(task.extractor):
        return set()
    tables = bookmarked_tables(_state_id(task))
    if tables:
        # tap-hubspot reads the associations of the objects that changed since their
        # bookmarks: incremental too, though their own state entries hold no value.
        tables |= changed_association_streams(task.extractor)
    return tables


def _sync_mode(table: str, incremental: list[set[str] | None], not_due: set[str]) -> str:
    if table in not_due:
        return "not_due"  # a deferred type or a reference list the tap left for a later run
    if any(table in tables for tables in incremental if tables is not None):
        return "incremental"
    return "unknown" if None in incremental else "full"


def _failure(schema: str, outcome: TaskOutcome) -> Failure:
    return Failure(
        description=(
            f"{schema}: `meltano run {outcome.task.text}` failed (exit {outcome.exit_code}). "
            "What loaded before the failure is kept, with its state; the last lines say why."
        ),
        metadata={"source": schema, "log tail": MetadataValue.md(f"```\n{outcome.tail}\n```")},
    )


def raw_schema_asset(schema: str) -> AssetsDefinition:
    specs = [
        AssetSpec(
            AssetKey([schema, table]),
            group_name=schema,
            kinds={"meltano", "postgres"},
            description=f"{schema}.{table}, loaded by Meltano",
        )
        for table in source_tables(schema)
    ]

    @multi_asset(name=schema, specs=specs, pool=el_pool(schema), can_subset=False)
    def load(context: AssetExecutionContext, config: ElConfig) -> Iterator[MaterializeResult]:
        job = context.run.tags.get(MELTANO_JOB_TAG)
        tasks = tasks_for(job, schema)
        started = datetime.now(UTC)
        incremental: list[set[str] | None] = []
        outcomes: list[TaskOutcome] = []
        for task in tasks:
            incremental.append(_incremental_tables(task, config.full_refresh))
            context.log.info(f"meltano run {task.text}")
            outcome = run_task(task, config.full_refresh)
            outcomes.append(outcome)
            if not outcome.ok:
                raise _failure(schema, outcome)
        counts = table_counts(schema, [spec.key.path[-1] for spec in specs], started)
        seconds = sum(o.seconds for o in outcomes)
        not_due = set().union(*(o.not_due for o in outcomes))
        shared = {
            "meltano_job": job or "(none: the default tasks)",
            "meltano_tasks": ", ".join(t.text for t in tasks),
            "duration_s": round(seconds, 2),
        }
        if schema == "raw_hubspot":
            shared["hubspot_api_requests"] = sum(o.hubspot_requests for o in outcomes)
            shared["hubspot_api_throttled"] = sum(o.hubspot_throttled for o in outcomes)
        for spec in specs:
            total, written, deleted = counts[spec.key.path[-1]]
            yield MaterializeResult(
                asset_key=spec.key,
                metadata={
                    **shared,
                    "sync_mode": _sync_mode(spec.key.path[-1], incremental, not_due),
                    "records_loaded": written,
                    "records_flagged_deleted": deleted,
                    "dagster/row_count": total,
                },
            )

    return load


def raw_assets() -> list[AssetsDefinition]:
    return [raw_schema_asset(schema) for schema in RAW_SCHEMAS]
