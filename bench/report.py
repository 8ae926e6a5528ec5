"""Render a BenchResult as Markdown (the terminal shows the same text) and save it."""

from __future__ import annotations

import json
from pathlib import Path

from bench.results import GIB, MIB, MOCK_ROLE, BenchResult, Step

# Columns of the memory table, in pipeline order.
ROLES = (
    "tap-postgres",
    "tap-s3-csv",
    "tap-hubspot",
    "target-postgres",
    "meltano",
    "dbt",
    "postgres",
    "hubspot mock",
    "hubspot proxy",
    "s3 (moto)",
)


def _n(value: float) -> str:
    return f"{value:,.0f}"


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}x" if value < 0.1 else f"{value:.2f}x"


def _mib(value: int | None) -> str:
    return "" if not value else f"{value / MIB:,.0f}"


def throughput_table(result: BenchResult) -> list[str]:
    lines = [
        "| step | what | rows | wall s | rows/s | x COPY |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for step in result.steps:
        status = "" if step.ok else " **FAILED**"
        lines.append(
            f"| {step.key} | {step.description}{status} | {_n(step.rows)} | "
            f"{step.seconds:,.1f} | {_n(step.rows_per_s)} | "
            f"{_ratio(result.ratio_to_copy(step))} |"
        )
    return lines


def memory_table(steps: list[Step]) -> list[str]:
    measured = [s for s in steps if s.peaks]
    roles = [r for r in ROLES if any(r in s.peaks for s in measured)]
    lines = [
        "| step | " + " | ".join(roles) + " |",
        "|---|" + "---:|" * len(roles),
    ]
    for step in measured:
        cells = " | ".join(_mib(step.peaks.get(role)) for role in roles)
        lines.append(f"| {step.key} | {cells} |")
    return lines


def cpu_table(steps: list[Step]) -> list[str]:
    measured = [s for s in steps if s.cpu]
    roles = [r for r in ROLES if any(r in s.cpu for s in measured)]
    lines = [
        "| step | " + " | ".join(roles) + " |",
        "|---|" + "---:|" * len(roles),
    ]
    for step in measured:
        cells = " | ".join(f"{step.cpu[role]:,.1f}" if role in step.cpu else "" for role in roles)
        lines.append(f"| {step.key} | {cells} |")
    return lines


def hubspot_lines(result: BenchResult) -> list[str]:
    limits = result.hubspot
    low, high = limits.api_records_per_s
    req_low, req_high = limits.api_requests_per_s
    step = result.step("hubspot")
    pipeline = step.rows_per_s
    fast_api_s, slow_api_s = limits.api_seconds()
    lines = [
        f"- HubSpot's API limits allow {_n(req_low)}-{_n(req_high)} requests/s "
        f"(100-190 per 10 s), i.e. {_n(low)}-{_n(high)} records/s for list reads "
        "(100 records per page).",
        f"- By records: the HubSpot pipelines on the mock load {_n(pipeline)} records/s = "
        f"{pipeline / high:.1f}-{pipeline / low:.1f}x what full list pages at those limits "
        "allow.",
    ]
    if limits.sync_requests:
        lines.append(
            f"- By requests (the limits count requests): the sync made "
            f"{limits.sync_requests:,} API requests in {step.seconds:,.1f} s "
            f"({limits.sync_requests / step.seconds:,.1f}/s); at the API's limits they "
            f"take {fast_api_s:,.0f}-{slow_api_s:,.0f} s, so the pipeline runs at "
            f"{fast_api_s / step.seconds:.1f}-{slow_api_s / step.seconds:.1f}x the API's "
            f"pace: {'the API' if step.seconds < fast_api_s else 'the pipeline'} would be "
            "the bottleneck against real HubSpot."
        )
        mock_cpu = step.cpu.get(MOCK_ROLE, 0.0)
        if mock_cpu:
            lines.append(
                f"- The mock used {mock_cpu:,.1f} CPU s for them "
                f"({mock_cpu / step.seconds:.0%} of one core): "
                f"{limits.sync_requests / mock_cpu:,.0f} requests per CPU second, its "
                "ceiling on one core."
            )
    lines.append(
        f"- The mock alone (paging walk of contacts, {limits.walk_pages:,} pages of 100 "
        f"through the proxy and TLS): {limits.walk_pages_per_s:,.1f} pages/s = "
        f"{_n(limits.walk_records_per_s)} records/s = "
        f"{limits.walk_pages_per_s / req_high:.1f}-{limits.walk_pages_per_s / req_low:.1f}x "
        "the API's request budget; "
        + (
            "the mock is not the bottleneck."
            if limits.walk_records_per_s > pipeline
            else "**the mock is slower than the pipeline: it is the bottleneck.**"
        )
    )
    return lines


# The raw-speed peer of issue 17, measured on the same machine kind and row shape before
# this bench could run it: printed, labelled, when it is not measured in the run.
PEER_EARLIER = "dlt 1.31 `sql_database` + connectorx streaming: ≈ 0.25x COPY (earlier figure)"
# What the jobs users run must reach against COPY (issue 17).
COPY_TARGET = 0.25


def oltp_lines(result: BenchResult) -> list[str]:
    stock = result.step("oltp-stock")
    first = result.step("oltp-first-load")
    deletes = result.step("oltp-deletes-pass")
    lines = [
        f"- OLTP, the jobs users run against stock tap-postgres → target-postgres, same rows, "
        f"same run: first full load {first.rows_per_s / stock.rows_per_s:.2f}x, FULL_TABLE "
        f"deletes pass {deletes.rows_per_s / stock.rows_per_s:.2f}x "
        f"({_n(stock.rows_per_s)} → {_n(first.rows_per_s)} and {_n(deletes.rows_per_s)} "
        "rows/s).",
    ]
    ratios = [(step, result.ratio_to_copy(step) or 0.0) for step in (first, deletes)]
    lines.append(
        f"- Against COPY (target ≥ {COPY_TARGET:.2f}x): "
        + ", ".join(
            f"{step.key} {ratio:.2f}x ({'met' if ratio >= COPY_TARGET else '**not met**'})"
            for step, ratio in ratios
        )
        + "."
    )
    before, after = result.step("oltp-incremental-stock"), result.step("oltp-incremental")
    lines.append(
        f"- OLTP incremental after 1% of the case reviews changed: stock {before.seconds:,.1f} s "
        f"({_n(before.rows)} rows) → el-postgres {after.seconds:,.1f} s ({_n(after.rows)} rows)."
    )
    peer = next((s for s in result.steps if s.key == "oltp-peer"), None)
    if peer is None:
        lines.append(f"- Peer, not measured in this run: {PEER_EARLIER}.")
    return lines


def summary_lines(result: BenchResult) -> list[str]:
    peak = max((max(s.peaks.values()) for s in result.steps if s.peaks), default=0)
    lines = [
        *oltp_lines(result),
        f"- dbt build: {result.step('dbt').seconds:,.1f} s.",
        f"- Largest process: {peak / MIB:,.0f} MiB "
        f"({'under' if peak < GIB else '**over**'} 1 GiB).",
    ]
    lines += [f"- {check}: {outcome}" for check, outcome in result.checks.items()]
    return lines


def render(result: BenchResult) -> str:
    sources = "; ".join(
        f"{source}: " + ", ".join(f"{name} {_n(rows)}" for name, rows in tables.items())
        for source, tables in result.source_rows.items()
    )
    parts = [
        f"# Paracelsus benchmark, {result.started_at}",
        "",
        f"{result.sizes}; {result.cpus} CPUs. Source rows — {sources}.",
        "",
        "## Throughput (extract + load, wall time including Meltano start-up)",
        "",
        *throughput_table(result),
        "",
        "## Summary",
        "",
        *summary_lines(result),
        "",
        "## HubSpot: pipeline, mock and API limits",
        "",
        *hubspot_lines(result),
        "",
        "## Peak memory (RSS, MiB, largest single process of each kind)",
        "",
        *memory_table(result.steps),
        "",
        "## CPU seconds per kind of process (all processes of that kind, summed)",
        "",
        *cpu_table(result.steps),
        "",
    ]
    return "\n".join(parts)


def save(result: BenchResult, text: str, results_dir: Path) -> Path:
    results_dir.mkdir(parents=True, exist_ok=True)
    stamp = result.started_at.replace(":", "").replace("-", "")
    path = results_dir / f"{stamp}.md"
    for target in (path, results_dir / "latest.md"):
        target.write_text(text, encoding="utf-8")
    payload = json.dumps(result.to_json(), indent=2)
    for target in (results_dir / f"{stamp}.json", results_dir / "latest.json"):
        target.write_text(payload, encoding="utf-8")
    return path
