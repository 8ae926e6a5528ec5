"""Seed the private stack's sources at the benchmark's sizes (one scale per source)."""

from __future__ import annotations

import subprocess
import sys

import boto3
from botocore.config import Config

from bench.sizes import BenchSizes
from localstack.csv_generator import landing_files
from localstack.seeder import seed_bucket
from paracelsus_stack.environment import oltp_dsn, stack_environment, with_stack_environment
from paracelsus_stack.errors import StackError
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
    env = stack_environment(settings)
    client = boto3.client(
        "s3",
        endpoint_url=env["AWS_ENDPOINT_URL_S3"],
        region_name=env["AWS_DEFAULT_REGION"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        config=Config(s3={"addressing_style": "path"}),
    )
    seed_bucket(client, env["S3_BUCKET"], files, env["AWS_DEFAULT_REGION"])
    return files
