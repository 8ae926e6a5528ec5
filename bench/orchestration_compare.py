"""`elt-all` as users run it, two ways, on the same seeded sources and from the same empty
warehouse: `meltano run elt-all` (the sources one after another, then dbt) and Dagster's
`elt_all` (the three sources at once, then dbt), launched through the job API of the
webserver and daemon `make orchestrate` starts. Both are measured with the mock answering
as fast as it can and with the mock enforcing HubSpot's Free/Starter limit (the tap pacing
on it). The ratio is Meltano's wall time over Dagster's, both measured in this run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg

from bench.runner import Command, run_commands
from paracelsus_orchestration.prepare import DAGSTER_SCHEMA
from paracelsus_stack import orchestration
from paracelsus_stack.dagster_api import DagsterApi
from paracelsus_stack.environment import hubspot_budget_dir, warehouse_dsn
from paracelsus_stack.mock_admin import mock_admin
from paracelsus_stack.ports import free_port
from paracelsus_stack.settings import MELTANO_SYSTEM_SCHEMA, Port, StackSettings

KEPT_SCHEMAS = {MELTANO_SYSTEM_SCHEMA, DAGSTER_SCHEMA, "public"}


@dataclass(frozen=True)
class OrchestrationComparison:
    condition: str  # what HubSpot's API allowed
    meltano_seconds: float
    meltano_ok: bool
    dagster_seconds: float  # launch to finish, as a user of the job API waits
    dagster_ok: bool
    steps: dict[str, float]  # Dagster step -> seconds
    error: str = ""  # why the Dagster run could not be measured (the rest of the bench stands)

    @property
    def speedup(self) -> float:
        return self.meltano_seconds / self.dagster_seconds if self.dagster_seconds else 0.0


# The two conditions measured: the mock answering as fast as this machine lets it, and the
# mock enforcing HubSpot's Free/Starter burst limit with the tap pacing on it, which is
# what sets a real portal's pace.
CONDITIONS = {"HubSpot unthrottled": 0, "HubSpot at 100 requests / 10 s (Free/Starter)": 100}
INTERVAL_MS = 10_000
SEARCH_PER_SECOND = 5


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
        state = f"{MELTANO_SYSTEM_SCHEMA}.state"
        if connection.execute("select to_regclass(%s)", (state,)).fetchone()[0]:
            connection.execute(f"delete from {state}")
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


@contextlib.contextmanager
def _hubspot_limit(settings: StackSettings, per_10s: int) -> Iterator[dict[str, str]]:
    """The mock enforcing the limit, and the tap's pacing setting for it (in this process's
    environment too: Dagster's processes inherit it)."""
    pacing = {"HUBSPOT_RATE_LIMIT_MAX_REQUESTS": str(per_10s)}
    faults = {
        "rate_limit_max": per_10s,
        "rate_limit_interval_ms": INTERVAL_MS,
        "rate_limit_search_secondly": SEARCH_PER_SECOND if per_10s else 0,
    }
    mock_admin(settings, "PUT", "faults", faults)
    previous = os.environ.get("HUBSPOT_RATE_LIMIT_MAX_REQUESTS")
    os.environ.update(pacing)
    try:
        yield pacing
    finally:
        mock_admin(settings, "DELETE", "faults")
        if previous is None:
            os.environ.pop("HUBSPOT_RATE_LIMIT_MAX_REQUESTS", None)
        else:
            os.environ["HUBSPOT_RATE_LIMIT_MAX_REQUESTS"] = previous


def _compare(
    settings: StackSettings, log_dir: Path, scratch: Path, condition: str, per_10s: int
) -> OrchestrationComparison:
    name = "elt-all-paced" if per_10s else "elt-all"
    with _hubspot_limit(settings, per_10s) as pacing:
        forget_loads(settings)
        _say(f"elt-all, {condition}: meltano run elt-all (one source after another, then dbt)")
        command = [Command(name, ("run", "elt-all"))]
        meltano = run_commands(settings, command, log_dir, scratch, extra_env=pacing)
        _say(f"elt-all under Meltano: {meltano.seconds:,.1f} s")
        forget_loads(settings)
        _say(f"elt-all, {condition}: Dagster elt_all through the job API (sources at once)")
        try:
            seconds, ok, steps = _dagster_elt_all(settings)
        except Exception as error:  # a failed comparison must not discard the whole bench
            _say(f"elt-all under Dagster could not run: {error}")
            return OrchestrationComparison(
                condition, meltano.seconds, meltano.ok, 0.0, False, {}, str(error)
            )
    _say(f"elt-all under Dagster: {seconds:,.1f} s")
    return OrchestrationComparison(condition, meltano.seconds, meltano.ok, seconds, ok, steps)


def compare_orchestration(
    settings: StackSettings, log_dir: Path, scratch: Path
) -> list[OrchestrationComparison]:
    return [
        _compare(settings, log_dir, scratch, condition, per_10s)
        for condition, per_10s in CONDITIONS.items()
    ]


def render_orchestration(results: list[OrchestrationComparison]) -> str:
    status = {True: "ok", False: "FAILED"}
    lines = [
        "## elt-all: Meltano alone and under Dagster (same sources, empty warehouse each)",
        "",
        "| HubSpot's API | `meltano run elt-all` s (one source after another) "
        "| Dagster `elt_all` s (job API: the three sources at once) "
        "| speed (x `meltano run elt-all`) | status |",
        "|---|---:|---:|---:|---|",
    ]
    for result in results:
        outcome = f"{status[result.meltano_ok]} / {status[result.dagster_ok]}"
        lines.append(
            f"| {result.condition} | {result.meltano_seconds:,.1f} "
            f"| {result.dagster_seconds:,.1f} | {result.speedup:.2f} | {outcome} |"
        )
    lines.append("")
    for result in results:
        steps = ", ".join(f"{name} {seconds:,.1f} s" for name, seconds in result.steps.items())
        lines.append(f"- Dagster steps, {result.condition}: {steps}")
        if result.error:
            lines.append(f"- Dagster could not run, {result.condition}: {result.error}")
    lines += [
        "",
        "Every source is simulated on this machine: the mock's CPU is HubSpot's servers, so "
        "unthrottled, the three sources compete for the same cores. Paced, the HubSpot "
        "sync waits on its API budget, which is when running the sources at once pays.",
    ]
    return "\n".join(lines)
