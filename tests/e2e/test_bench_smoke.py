"""`python -m bench` at a tiny scale: every step runs and the report has every row.

A smoke test of the benchmark's machinery, not a benchmark: it asserts that numbers exist
and are positive, never how large they are.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from bench.hubspot_economy import DEFERRED_DUE
from paracelsus_stack.settings import REPO_ROOT

STEPS = (
    "copy-oltp",
    "copy-s3",
    "copy-hubspot",
    "oltp-stock",
    "oltp-first-load",
    "oltp-deletes-pass",
    "oltp-incremental-stock",
    "oltp-incremental",
    "s3",
    "hubspot",
    "dbt",
    "elt-all",
)
PIPELINES = ("oltp-stock", "oltp-first-load", "oltp-deletes-pass", "s3", "hubspot")
# Measured, but not against COPY: rows re-read after a change.
INCREMENTAL = ("oltp-incremental-stock", "oltp-incremental")
ECONOMY_RUNS = (
    "stock first sync",
    "first sync",
    "first sync, Free/Starter",
    "first sync, Professional/Enterprise",
    "0% changed",
    "1% changed",
    "10% changed",
    DEFERRED_DUE,
    "full association pass",
)


# A bound against a hang, not a timing check: the whole tiny bench (three stacks, two
# Dagster comparisons, the API economy) took 15 min on a slow 2-core machine.
HANG_S = 2400


def test_tiny_benchmark_reports_every_step(tmp_path: Path) -> None:
    results = tmp_path / "results"
    command = [
        sys.executable,
        "-m",
        "bench",
        "--scale",
        "0.05",
        "--hubspot-scale",
        "0.2",
        "--csv-scale",
        "0.1",
        "--economy-scale",
        "1",
        "--results-dir",
        str(results),
    ]
    run = subprocess.run(
        command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=HANG_S, check=False
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]

    table = (results / "latest.md").read_text(encoding="utf-8")
    assert table in run.stdout, "the terminal shows the same report as the file"
    assert len(list(results.glob("2*.md"))) == 1, "a timestamped report beside latest.md"
    economy = (results / "economy-latest.md").read_text(encoding="utf-8")
    assert economy in run.stdout and economy.strip() in table
    for run_label in ECONOMY_RUNS:
        assert f"| {run_label} |" in economy, f"no economy row for {run_label}"
    assert "FAILED" not in economy and "all 17 CRM object tables match" in economy
    orchestrated = table.split("## elt-all: Meltano alone and under Dagster", 1)[1]
    orchestrated = orchestrated.split("\n## ", 1)[0]
    assert "FAILED" not in orchestrated
    for condition in ("HubSpot unthrottled", "HubSpot at 100 requests / 10 s"):
        row = re.search(
            rf"\| {re.escape(condition)}[^|]* \| ([\d,.]+) \| ([\d,.]+) \| ([\d.]+) \| ok / ok \|",
            orchestrated,
        )
        assert row and float(row.group(3)) > 0, orchestrated
    assert "raw_hubspot" in orchestrated and "dbt_models" in orchestrated
    for key in STEPS:
        assert f"| {key} |" in table, f"no row for {key}"
    for section in (
        "HubSpot's API limits",
        "pages/s",
        "Peak memory",
        "dbt build",
        "Against COPY (target ≥ 0.25x)",
        "OLTP incremental after 1% of the case reviews changed",
    ):
        assert section in table

    report = json.loads((results / "latest.json").read_text(encoding="utf-8"))
    steps = {step["key"]: step for step in report["steps"]}
    assert set(steps) == set(STEPS)
    for key in STEPS:
        assert steps[key]["ok"], key
        assert steps[key]["rows"] > 0, key
        assert steps[key]["seconds"] > 0, key
        assert steps[key]["rows_per_s"] > 0, key
    for key in PIPELINES:
        assert steps[key]["ratio_to_copy"] > 0, key
        assert steps[key]["peaks"]["target-postgres"] > 0, key
        assert steps[key]["peaks"]["meltano"] > 0, key
    for key in INCREMENTAL:
        assert steps[key]["ratio_to_copy"] is None, key
    assert steps["hubspot"]["peaks"]["hubspot mock"] > 0
    assert report["hubspot"]["walk_pages_per_s"] > 0
    assert report["hubspot"]["sync_requests"] > 0, "the mock counted the sync's requests"
    assert report["hubspot"]["mock_requests_per_cpu_s"] > 0
    assert "API requests in" in table
    assert all(outcome in ("ok", "0") for outcome in report["checks"].values())
