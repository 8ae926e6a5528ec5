"""The benchmark's steps, in order, each one measured into a Step."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

import psycopg

from bench import copy_baseline, hubspot_probe
from bench.dbt_selection import exclude_args
from bench.oltp_steps import run_oltp_steps
from bench.results import BenchResult, HubSpotLimits, Step
from bench.runner import (
    Command,
    RunResult,
    log_tail,
    meltano_run,
    postgres_server_pids,
    run_commands,
)
from bench.sizes import BenchSizes
from bench.sources import seed_oltp, seed_s3
from bench.warehouse import schema_rows
from oltp_seed.loader import row_counts
from paracelsus_stack import processes
from paracelsus_stack.environment import oltp_dsn, warehouse_dsn
from paracelsus_stack.reconcile.run import local_hubspot
from paracelsus_stack.settings import StackSettings

# The HubSpot selection in four stream sets synced in parallel (meltano/bench/bench.meltano.yml).
HUBSPOT_JOBS = (
    "bench-hubspot-contacts",
    "bench-hubspot-contact-links",
    "bench-hubspot-deals",
    "bench-hubspot-engagements",
)
# The big streams of the bench's HubSpot selection (meltano/bench/bench.meltano.yml).
HUBSPOT_STREAMS = (
    "contacts",
    "companies",
    "deals",
    "contact_company_associations",
    "deal_contact_associations",
)


def _say(message: str) -> None:
    print(f"==> {message}", flush=True)


def _service_pids(settings: StackSettings, names: Iterable[str]) -> list[int]:
    pids = []
    for name in names:
        record = processes.read_record(settings.state_dir / "run", name)
        if record is not None:
            pids.append(record.pid)
    return pids


def pipeline_step(
    key: str,
    description: str,
    run: RunResult,
    warehouse: psycopg.Connection,
    schema: str,
    copy_key: str | None,
) -> Step:
    if not run.ok:
        for log in run.logs:
            print(f"--- {log} ---\n{log_tail(log)}", flush=True)
    rows = sum(schema_rows(warehouse, schema).values())
    _say(f"{key}: {rows:,} rows in {run.seconds:,.1f} s ({rows / run.seconds:,.0f} rows/s)")
    return Step(key, description, rows, run.seconds, copy_key, run.peaks, run.ok, run.cpu)


def run_benchmark(
    settings: StackSettings,
    sizes: BenchSizes,
    started_at: str,
    scratch: Path,
    log_dir: Path,
    cpus: int,
    dbt_timeout_s: float,
) -> BenchResult:
    _say("seeding the OLTP database")
    seed_oltp(settings, sizes)
    _say("seeding the S3 landing bucket")
    csv_files = seed_s3(settings, sizes)
    hubspot = local_hubspot(settings)
    steps: list[Step] = []
    checks: dict[str, str] = {}

    with (
        psycopg.connect(oltp_dsn(settings)) as oltp,
        psycopg.connect(warehouse_dsn(settings)) as warehouse,
    ):
        oltp_rows = row_counts(oltp)
        mock_counts = hubspot_probe.mock_counts(hubspot)
        source_rows = {
            "OLTP": oltp_rows,
            "S3": {key: body.count(b"\n") - 1 for key, body in csv_files.items()},
            "HubSpot mock": {name: mock_counts[name] for name in HUBSPOT_STREAMS},
        }

        _say("COPY baselines")
        copy_baseline.fresh_schema(warehouse)
        for copy in (
            copy_baseline.copy_oltp(oltp, warehouse),
            copy_baseline.copy_csv(warehouse, csv_files),
        ):
            steps.append(
                Step(
                    f"copy-{copy.source}",
                    f"COPY of the {copy.source} rows",
                    copy.rows,
                    copy.seconds,
                )
            )
        del csv_files

        _say("paging walk of the mock's contacts")
        walk = hubspot_probe.walk_contacts(hubspot)
        copy = copy_baseline.copy_records(warehouse, "hubspot_contacts", walk.rows)
        steps.append(
            Step(
                "copy-hubspot", "COPY of the HubSpot contacts (as fetched)", copy.rows, copy.seconds
            )
        )
        low, high = hubspot_probe.api_limit_records_per_s()
        req_low, req_high = (n / 10 for n in hubspot_probe.API_REQUESTS_PER_10S)
        limits = HubSpotLimits(
            (low, high), (req_low, req_high), walk.pages, walk.records, walk.seconds
        )
        del walk

        def jobs(
            *commands: Command, watch: Iterable[str] = (), timeout_s: float | None = None
        ) -> RunResult:
            _say(" & ".join("meltano " + " ".join(c.args) for c in commands))
            watched = _service_pids(settings, watch) + postgres_server_pids(settings)
            return run_commands(settings, commands, log_dir, scratch, watched, timeout_s)

        def record(
            key: str, description: str, run: RunResult, schema: str, copy_key: str | None
        ) -> Step:
            return pipeline_step(key, description, run, warehouse, schema, copy_key)

        oltp_steps, oltp_checks = run_oltp_steps(
            jobs, record, oltp, warehouse, oltp_rows, sizes.seed
        )
        steps += oltp_steps
        checks.update(oltp_checks)
        steps.append(
            pipeline_step(
                "s3",
                "S3 CSV (tap-s3-csv → fast loader)",
                jobs(*meltano_run("bench-s3"), watch=["s3"]),
                warehouse,
                "raw_s3",
                "copy-s3",
            )
        )
        before = hubspot_probe.requests_served(hubspot)
        steps.append(
            pipeline_step(
                "hubspot",
                "HubSpot CRM (tap-hubspot → fast loader), 4 parallel pipelines",
                jobs(*meltano_run(*HUBSPOT_JOBS), watch=["hubspot-mock", "hubspot-proxy"]),
                warehouse,
                "raw_hubspot",
                "copy-hubspot",
            )
        )
        sync_requests = hubspot_probe.requests_served(hubspot) - before
        limits = dataclasses.replace(limits, sync_requests=sync_requests)
        hubspot_tables = set(schema_rows(warehouse, "raw_hubspot"))
        build = ("invoke", "dbt-postgres", "build", *exclude_args("hubspot", hubspot_tables))
        dbt = jobs(Command("dbt-build", build), timeout_s=dbt_timeout_s)
        what = "dbt build" + (f" (stopped after {dbt_timeout_s:,.0f} s)" if dbt.timed_out else "")
        steps.append(pipeline_step("dbt", what, dbt, warehouse, "marts", None))

        by_key = {step.key: step for step in steps}
        whole = [by_key[key] for key in ("oltp-first-load", "s3", "hubspot", "dbt")]
        peaks: dict[str, int] = {}
        cpu: dict[str, float] = {}
        for step in whole:
            for role, rss in step.peaks.items():
                peaks[role] = max(peaks.get(role, 0), rss)
            for role, seconds in step.cpu.items():
                cpu[role] = cpu.get(role, 0.0) + seconds
        steps.append(
            Step(
                "elt-all",
                "every source (OLTP: the first full load) then dbt build, one after the other",
                sum(s.rows for s in whole[:3]),
                sum(s.seconds for s in whole),
                None,
                peaks,
                all(s.ok for s in whole),
                cpu,
            )
        )

    return BenchResult(
        started_at=started_at,
        sizes=sizes.describe(),
        cpus=cpus,
        steps=steps,
        hubspot=limits,
        source_rows=source_rows,
        checks=checks,
    )
