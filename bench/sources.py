"""Seed the private stack's sources at the benchmark's sizes (one scale per source)."""

from __future__ import annotations

import subprocess
import sys

from bench.sizes import BenchSizes
from localstack.csv_generator import landing_files
from localstack.seeder import seed_bucket
from paracelsus_stack.environment import oltp_dsn, with_stack_environment
from paracelsus_stack.errors import StackError
from paracelsus_stack.landing_bucket import landing_client
from paracelsus_stack.settings import REPO_ROOT, StackSettings


def seed_oltp(settings: StackSettings, sizes: BenchSizes) -> None:
    # The seeder's own command line, in its own process: its generator's memory is not ours.
    command = [
        sys.executable,
        "-m",
        "oltp_seed",
        "load",
        "--dsn",
        oltp_dsn(settings),
        "--seed",
        str(sizes.seed),
        "--scale",
        str(sizes.scale),
    ]
    result = subprocess.run(command, cwd=REPO_ROOT, env=with_stack_environment(settings))
    if result.returncode != 0:
        raise StackError(f"seeding the OLTP database failed (exit {result.returncode})")


def seed_s3(settings: StackSettings, sizes: BenchSizes) -> dict[str, bytes]:
    """Upload the CSV exports; returns them too, for the COPY baseline."""
    files = landing_files(sizes.seed, sizes.csv_scale)
    seed_bucket(landing_client(settings), settings.s3_bucket, files, settings.s3_region)
    return files
