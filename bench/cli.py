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
from bench.report import render, save
from bench.sizes import FULL_SCALE, BenchSizes
from bench.steps import run_benchmark
from paracelsus_stack import stack
from paracelsus_stack.private_stack import private_settings

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
    return parser


def _economy(args: argparse.Namespace, base: Path, started_at: str) -> str:
    economy = run_economy(base, args.seed, args.results_dir / "logs", args.economy_scale)
    text = render_economy(economy)
    print(text, flush=True)
    args.results_dir.mkdir(parents=True, exist_ok=True)
    for name in (f"economy-{started_at}.md", "economy-latest.md"):
        (args.results_dir / name).write_text(text + "\n", encoding="utf-8")
    return text


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
        settings = private_settings(base / "stack", sizes.seed, sizes.scale)
        # The mock gets its own scale: 100,000 HubSpot contacts need a smaller one than
        # 1,000,000 case reviews.
        settings = dataclasses.replace(
            settings, mock_env={"MOCK_HUBSPOT_SCALE": str(sizes.hubspot_scale)}
        )
        stack.up(settings)
        try:
            result = run_benchmark(
                settings,
                sizes,
                started_at,
                base,
                args.results_dir / "logs",
                os.cpu_count() or 1,
                args.dbt_timeout,
            )
        finally:
            stack.down(settings)
        economy = _economy(args, base, started_at)
    text = render(result) + "\n\n" + economy
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
