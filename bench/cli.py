"""python -m bench: seed a private stack at benchmark size, time every pipeline, report.

Never fails on timing: the exit code is non-zero only when a step could not run.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from bench.economy_report import render_economy
from bench.hubspot_economy import ECONOMY_SCALE, run_economy
from bench.oltp_only import run_oltp_only
from bench.orchestration_compare import compare_orchestration, render_orchestration
from bench.report import render, save
from bench.sizes import FULL_SCALE, BenchSizes
from bench.sources import seed_oltp, seed_s3
from bench.steps import run_benchmark
from paracelsus_stack import stack
from paracelsus_stack.private_stack import private_settings
from paracelsus_stack.settings import StackSettings

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scale", type=float, default=FULL_SCALE, help="OLTP generator scale")
    parser.add_argument(
        "--hubspot-scale", type=float, help="the mock's scale (default: follows --scale)"
    )
    parser.add_argument("--csv-scale", type=float, help="S3 CSV scale (default: follows --scale)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.add_argument(
        "--dbt-timeout", type=float, default=1200, help="seconds before dbt build is stopped"
    )
    parser.add_argument(
        "--economy-scale",
        type=float,
        default=ECONOMY_SCALE,
        help=f"the mock's scale for the API-economy runs (default {ECONOMY_SCALE}: ~3,000 "
        "contacts)",
    )
    parser.add_argument(
        "--economy-only",
        action="store_true",
        help="only the HubSpot API-economy runs (their own private stack, a few minutes)",
    )
    parser.add_argument(
        "--oltp-only",
        action="store_true",
        help="only the OLTP steps: COPY, stock, the jobs users run (their own stack)",
    )
    parser.add_argument(
        "--levers",
        action="store_true",
        help="with --oltp-only: also each batch setting alone (bench/oltp_levers.py)",
    )
    parser.add_argument(
        "--orchestration-only",
        action="store_true",
        help="only elt-all under Meltano and under Dagster, at --scale (their own stack)",
    )
    return parser


def _economy(args: argparse.Namespace, base: Path, started_at: str) -> str:
    economy = run_economy(base, args.seed, args.results_dir / "logs", args.economy_scale)
    text = render_economy(economy)
    print(text, flush=True)
    _write(args.results_dir, "economy", started_at, text)
    return text


def _bench_stack(base: Path, sizes: BenchSizes) -> StackSettings:
    settings = private_settings(base / "stack", sizes.seed, sizes.scale)
    # The mock gets its own scale: 100,000 HubSpot contacts need a smaller one than
    # 1,000,000 case reviews.
    return dataclasses.replace(settings, mock_env={"MOCK_HUBSPOT_SCALE": str(sizes.hubspot_scale)})


def _write(results_dir: Path, name: str, started_at: str, text: str) -> None:
    results_dir.mkdir(parents=True, exist_ok=True)
    for file_name in (f"{name}-{started_at}.md", f"{name}-latest.md"):
        (results_dir / file_name).write_text(text + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sizes = BenchSizes.derive(args.seed, args.scale, args.hubspot_scale, args.csv_scale)
    started_at = datetime.now(UTC).strftime("%Y-%m-%dT%H-%M-%SZ")
    if args.economy_only:
        with tempfile.TemporaryDirectory(prefix="paracelsus-economy-") as temp:
            _economy(args, Path(temp), started_at)
        return 0
    print(f"==> benchmark: {sizes.describe()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="paracelsus-bench-") as temp:
        base = Path(temp)
        settings = _bench_stack(base, sizes)
        log_dir = args.results_dir / "logs"
        stack.up(settings)
        try:
            if args.oltp_only:
                cpus = os.cpu_count() or 1
                text = run_oltp_only(
                    settings, sizes, started_at, base, log_dir, cpus, levers=args.levers
                )
                print(text, flush=True)
                _write(args.results_dir, "oltp", started_at, text)
                return 0
            if args.orchestration_only:
                seed_oltp(settings, sizes)
                seed_s3(settings, sizes)
                text = render_orchestration(compare_orchestration(settings, log_dir, base))
                print(text, flush=True)
                _write(args.results_dir, "orchestration", started_at, text)
                return 0
            result = run_benchmark(
                settings, sizes, started_at, base, log_dir, os.cpu_count() or 1, args.dbt_timeout
            )
            orchestrated = render_orchestration(compare_orchestration(settings, log_dir, base))
        finally:
            stack.down(settings)
        economy = _economy(args, base, started_at)
    text = render(result) + "\n\n" + orchestrated + "\n\n" + economy
    print(text, flush=True)
    path = save(result, text, args.results_dir)
    print(f"==> results written to {path} (and latest.md, latest.json)", flush=True)
    failed = [s.key for s in result.steps if not s.ok]
    if failed:
        print(f"error: steps failed: {', '.join(failed)}; logs in {args.results_dir / 'logs'}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
