"""`python -m bench --oltp-only`: the OLTP table alone (COPY, stock, the jobs users run).

A few minutes at full scale instead of the whole bench's hour: what tuning the OLTP path
needs. The same steps and report lines as the full bench (bench.oltp_steps).
"""

from __future__ import annotations

from pathlib import Path

import psycopg

from bench import copy_baseline
from bench.oltp_levers import measure_levers, render_levers
from bench.oltp_steps import run_oltp_steps
from bench.report import cpu_table, memory_table, oltp_lines, throughput_table
from bench.results import BenchResult, HubSpotLimits, Step
from bench.runner import Command, RunResult, postgres_server_pids, run_commands
from bench.sizes import BenchSizes
from bench.sources import seed_oltp
from bench.steps import pipeline_step
from oltp_seed.loader import row_counts
from paracelsus_stack.environment import oltp_dsn, warehouse_dsn
from paracelsus_stack.settings import StackSettings


def run_oltp_only(
    settings: StackSettings,
    sizes: BenchSizes,
    started_at: str,
    scratch: Path,
    log_dir: Path,
    cpus: int,
    *,
    levers: bool = False,
) -> str:
    print("==> seeding the OLTP database", flush=True)
    seed_oltp(settings, sizes)
    with (
        psycopg.connect(oltp_dsn(settings)) as oltp,
        psycopg.connect(warehouse_dsn(settings)) as warehouse,
    ):
        oltp_rows = row_counts(oltp)
        copy_baseline.fresh_schema(warehouse)
        copy = copy_baseline.copy_oltp(oltp, warehouse)
        steps = [Step("copy-oltp", "COPY of the oltp rows", copy.rows, copy.seconds)]

        def jobs(*commands: Command, env: dict[str, str] | None = None) -> RunResult:
            print("==> " + " & ".join("meltano " + " ".join(c.args) for c in commands))
            return run_commands(
                settings,
                commands,
                log_dir,
                scratch,
                also_watch=postgres_server_pids(settings),
                extra_env=env,
            )

        def record(
            key: str, description: str, run: RunResult, schema: str, copy_key: str | None
        ) -> Step:
            return pipeline_step(key, description, run, warehouse, schema, copy_key)

        oltp_steps, checks = run_oltp_steps(jobs, record, oltp, warehouse, oltp_rows, sizes.seed)
        lever_lines = (
            render_levers(measure_levers(jobs, warehouse), copy.rows_per_s) if levers else []
        )
    result = BenchResult(
        started_at=started_at,
        sizes=sizes.describe(),
        cpus=cpus,
        steps=steps + oltp_steps,
        hubspot=HubSpotLimits((0, 0), (0, 0), 0, 0, 0),
        source_rows={"OLTP": oltp_rows},
        checks=checks,
    )
    return "\n".join(
        [
            f"# Paracelsus OLTP benchmark, {started_at}",
            "",
            f"{result.sizes}; {cpus} CPUs. OLTP rows: {sum(oltp_rows.values()):,}.",
            "",
            *throughput_table(result),
            "",
            *oltp_lines(result),
            *[f"- {check}: {outcome}" for check, outcome in checks.items()],
            "",
            *(
                ["## Levers (one setting changed at a time)", "", *lever_lines, ""]
                if levers
                else []
            ),
            "## Peak memory (RSS, MiB)",
            "",
            *memory_table(result.steps),
            "",
            "## CPU seconds per kind of process",
            "",
            *cpu_table(result.steps),
            "",
        ]
    )
