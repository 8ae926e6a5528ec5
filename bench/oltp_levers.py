"""`python -m bench --oltp-only --levers`: the OLTP path's settings, each measured alone.

Each variant reloads `raw_oltp` from empty (`meltano run --full-refresh el-postgres`), then
runs the deletes job's FULL_TABLE pass, with one setting changed through Meltano's
environment-variable override of `batch_config` (the plugins' YAML is not touched). The
shipped settings run first, as the row every variant is compared with.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import psycopg

from bench.oltp_steps import DELETES_PASS, USER_SCHEMA
from bench.runner import Command, RunResult
from bench.warehouse import schema_rows
from paracelsus_stack.meltano_project import plugin_config
from paracelsus_stack.settings import MELTANO_PROJECT_DIR


def shipped_batch_config() -> dict:
    """tap-postgres's `batch_config` as meltano/extract/tap-postgres.meltano.yml ships it,
    with the project root filled in (its one owner is that file)."""
    raw = json.dumps(plugin_config("tap-postgres")["batch_config"])
    return json.loads(raw.replace("${MELTANO_PROJECT_ROOT}", str(MELTANO_PROJECT_DIR)))


SHIPPED = shipped_batch_config()
# Meltano's environment variables for the two plugins' `batch_config`.
VARIABLES = ("TAP_POSTGRES_BATCH_CONFIG", "TAP_POSTGRES__FULL_BATCH_CONFIG")


@dataclass(frozen=True)
class Lever:
    name: str
    batch_config: dict


LEVERS = (
    Lever("shipped (gzip level 1, 50,000 rows per file)", SHIPPED),
    Lever(
        "no compression",
        {**SHIPPED, "encoding": {"format": "jsonl", "compression": "none"}},
    ),
    Lever("200,000 rows per file", {**SHIPPED, "batch_size": 200000}),
    Lever("10,000 rows per file", {**SHIPPED, "batch_size": 10000}),
)


@dataclass(frozen=True)
class LeverResult:
    lever: str
    rows: int
    first_load_s: float
    deletes_pass_s: float
    ok: bool


def _environment(lever: Lever) -> dict[str, str]:
    return dict.fromkeys(VARIABLES, json.dumps(lever.batch_config))


def measure_levers(
    jobs: Callable[..., RunResult],
    warehouse: psycopg.Connection,
) -> list[LeverResult]:
    results = []
    for lever in LEVERS:
        print(f"==> lever: {lever.name}", flush=True)
        warehouse.execute(f"drop schema if exists {USER_SCHEMA} cascade")
        warehouse.commit()
        env = _environment(lever)
        first = jobs(Command("lever-first-load", ("run", "--full-refresh", "el-postgres")), env=env)
        deletes = jobs(Command("lever-deletes-pass", DELETES_PASS), env=env)
        rows = sum(schema_rows(warehouse, USER_SCHEMA).values())
        results.append(
            LeverResult(lever.name, rows, first.seconds, deletes.seconds, first.ok and deletes.ok)
        )
    return results


def render_levers(results: list[LeverResult], copy_rows_per_s: float) -> list[str]:
    lines = [
        "| setting | rows | first load s | x COPY | deletes pass s | x COPY |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        first = result.rows / result.first_load_s / copy_rows_per_s
        deletes = result.rows / result.deletes_pass_s / copy_rows_per_s
        status = "" if result.ok else " **FAILED**"
        lines.append(
            f"| {result.lever}{status} | {result.rows:,} | {result.first_load_s:,.1f} | "
            f"{first:.2f}x | {result.deletes_pass_s:,.1f} | {deletes:.2f}x |"
        )
    return lines
