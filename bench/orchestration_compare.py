"""`elt-all` as users run it, two ways, on the same seeded sources and from the same empty
warehouse: `meltano run elt-all` (the sources one after another, then dbt) and Dagster's
`elt_all` (the three sources at once, then dbt), launched through the job API of the
webserver and daemon `make orchestrate` starts. The ratio is Meltano's wall time over
Dagster's, both measured in this run.
"""

from __future__ import annotations

import dataclasses
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from bench.runner import Command, run_commands
from paracelsus_stack import orchestration
from paracelsus_stack.dagster_api import DagsterApi
from paracelsus_stack.environment import hubspot_budget_dir, warehouse_dsn
from paracelsus_stack.ports import free_port
from paracelsus_stack.settings import MELTANO_SYSTEM_SCHEMA, Port, StackSettings

KEPT_SCHEMAS = {MELTANO_SYSTEM_SCHEMA, orchestration.DAGSTER_SCHEMA, "public"}


@dataclass(frozen=True)
class OrchestrationComparison:
    meltano_seconds: float
    meltano_ok: bool
    dagster_seconds: float  # launch to finish, as a user of the job API waits
    dagster_ok: bool
    steps: dict[str, float]  # Dagster step -> seconds

    @property
    def speedup(self) -> float:
        return self.meltano_seconds / self.dagster_seconds if self.dagster_seconds else 0.0


def _say(message: str) -> None:
    print(f"==> {message}", flush=True)


def forget_loads(settings: StackSettings) -> None:
    """An empty warehouse for a first full load: no raw or dbt schemas, no Meltano state."""
    with psycopg.connect(warehouse_dsn(settings), autocommit=True) as connection:
        schemas = connection.execute(
            "select nspname from pg_namespace "
            "where nspname not like 'pg\\_%' and nspname <> 'information_schema'"
        ).fetchall()
        for (schema,) in schemas:
            if schema not in KEPT_SCHEMAS:
                connection.execute(f'drop schema "{schema}" cascade')
        connection.execute(f"delete from {MELTANO_SYSTEM_SCHEMA}.state")
    shutil.rmtree(hubspot_budget_dir(settings), ignore_errors=True)


def _dagster_elt_all(settings: StackSettings) -> tuple[float, bool, dict[str, float]]:
    port = Port(free_port(), "PARACELSUS_DAGSTER_PORT")
    settings = dataclasses.replace(settings, dagster_port=port)
    orchestration.start(settings)
    try:
        api = DagsterApi(orchestration.ui_url(settings))
        started = time.perf_counter()
        run = api.wait(api.launch("elt_all"), polls=4 * 3600)
        seconds = time.perf_counter() - started
        steps = {
            step["stepKey"]: (step["endTime"] or 0) - (step["startTime"] or 0)
            for step in run["stepStats"]
        }
        return seconds, run["status"] == "SUCCESS", steps
    finally:
        orchestration.stop(settings)


def compare_orchestration(
    settings: StackSettings, log_dir: Path, scratch: Path
) -> OrchestrationComparison:
    forget_loads(settings)
    _say("elt-all: meltano run elt-all (sources one after another, then dbt)")
    meltano = run_commands(settings, [Command("elt-all", ("run", "elt-all"))], log_dir, scratch)
    _say(f"elt-all under Meltano: {meltano.seconds:,.1f} s")
    forget_loads(settings)
    _say("elt-all: Dagster elt_all through the job API (sources in parallel, then dbt)")
    seconds, ok, steps = _dagster_elt_all(settings)
    _say(f"elt-all under Dagster: {seconds:,.1f} s")
    return OrchestrationComparison(meltano.seconds, meltano.ok, seconds, ok, steps)


def render_orchestration(result: OrchestrationComparison) -> str:
    status = {True: "ok", False: "FAILED"}
    lines = [
        "## elt-all: Meltano alone and under Dagster (same sources, empty warehouse each)",
        "",
        "| how | wall s | speed (x `meltano run elt-all`) | status |",
        "|---|---:|---:|---|",
        f"| `meltano run elt-all`: sources one after another, then dbt "
        f"| {result.meltano_seconds:,.1f} | 1.00 | {status[result.meltano_ok]} |",
        f"| Dagster `elt_all` (job API): the three sources at once, then dbt "
        f"| {result.dagster_seconds:,.1f} | {result.speedup:.2f} "
        f"| {status[result.dagster_ok]} |",
        "",
        "Dagster steps: "
        + ", ".join(f"{name} {seconds:,.1f} s" for name, seconds in result.steps.items()),
    ]
    return "\n".join(lines)
