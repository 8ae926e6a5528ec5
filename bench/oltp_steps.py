"""The OLTP steps: the jobs users run against stock tap-postgres → target-postgres.

In order, on an empty warehouse: the stock pipeline's first full load (`bench-oltp-stock`,
into `bench_stock_oltp`), then the jobs users run into `raw_oltp`: `el-postgres`'s first
full load and the FULL_TABLE pass of `el-deletes` (`tap-postgres--full
target-postgres--oltp`, ACTIVATE_VERSION soft deletes). Then 1% of the case reviews change
and both pipelines run incrementally from their saved state.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import psycopg

from bench.results import Step
from bench.runner import Command, RunResult, meltano_run
from bench.warehouse import (
    missing_metadata,
    rows_batched_since,
    schema_rows,
    unversioned_live_rows,
)
from oltp_seed.changes import next_change_time, simulate_changes

STOCK_SCHEMA = "bench_stock_oltp"
USER_SCHEMA = "raw_oltp"
# el-deletes' OLTP task (meltano/orchestrate/jobs.meltano.yml).
DELETES_PASS = ("run", "tap-postgres--full", "target-postgres--oltp")
CHANGED_SHARE = 0.01

Jobs = Callable[..., RunResult]
Record = Callable[[str, str, RunResult, str, str | None], Step]


def _changed_rows(oltp: psycopg.Connection, seed: int) -> int:
    (reviews,) = oltp.execute("select count(*) from case_reviews").fetchone() or (0,)
    change = simulate_changes(
        oltp,
        seed=seed,
        inserts=0,
        updates=max(1, round(reviews * CHANGED_SHARE)),
        deletes=0,
        at=next_change_time(oltp),
    )
    oltp.commit()
    return len(change.updated_reviews)


def _incremental(
    key: str,
    description: str,
    run: RunResult,
    warehouse: psycopg.Connection,
    schema: str,
    since: datetime,
) -> Step:
    rows = rows_batched_since(warehouse, schema, since)
    print(f"==> {key}: {rows:,} rows re-read in {run.seconds:,.1f} s", flush=True)
    return Step(key, description, rows, run.seconds, None, run.peaks, run.ok, run.cpu)


def run_oltp_steps(
    jobs: Jobs,
    record: Record,
    oltp: psycopg.Connection,
    warehouse: psycopg.Connection,
    oltp_rows: dict[str, int],
    seed: int,
) -> tuple[list[Step], dict[str, str]]:
    steps = [
        record(
            "oltp-stock",
            "OLTP first full load, stock tap-postgres → target-postgres (RECORD messages)",
            jobs(*meltano_run("bench-oltp-stock")),
            STOCK_SCHEMA,
            "copy-oltp",
        ),
        record(
            "oltp-first-load",
            "OLTP first full load, `meltano run el-postgres` (COPY-written BATCH files)",
            jobs(*meltano_run("el-postgres")),
            USER_SCHEMA,
            "copy-oltp",
        ),
        record(
            "oltp-deletes-pass",
            "OLTP FULL_TABLE pass of el-deletes (ACTIVATE_VERSION soft deletes)",
            jobs(Command("el-deletes-oltp", DELETES_PASS)),
            USER_SCHEMA,
            "copy-oltp",
        ),
    ]
    checks: dict[str, str] = {}
    for schema in (STOCK_SCHEMA, USER_SCHEMA):
        loaded = schema_rows(warehouse, schema)
        same = all(loaded.get(t) == n for t, n in oltp_rows.items())
        checks[f"{schema}: every OLTP row loaded"] = "ok" if same else f"no: {loaded}"
        missing = sum(missing_metadata(warehouse, schema, t) for t in loaded)
        checks[f"{schema}: rows without _sdc_* metadata"] = str(missing)
    unversioned = sum(unversioned_live_rows(warehouse, USER_SCHEMA, t) for t in oltp_rows)
    checks["raw_oltp after the deletes pass: live rows without its table version"] = str(
        unversioned
    )

    changed = _changed_rows(oltp, seed)
    print(f"==> {changed:,} case reviews changed ({CHANGED_SHARE:.0%})", flush=True)
    for key, job, schema, what in (
        ("oltp-incremental-stock", "bench-oltp-stock", STOCK_SCHEMA, "stock pipeline"),
        ("oltp-incremental", "el-postgres", USER_SCHEMA, "`meltano run el-postgres`"),
    ):
        since = datetime.now(UTC)
        run = jobs(*meltano_run(job))
        description = f"OLTP incremental after {changed:,} reviews changed, {what}"
        steps.append(_incremental(key, description, run, warehouse, schema, since))
    return steps, checks
