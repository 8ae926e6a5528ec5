"""Seed the simulated sources through their own command lines (the same ones docker uses)."""

from __future__ import annotations

import subprocess
import sys

from paracelsus_stack.environment import oltp_dsn, with_stack_environment
from paracelsus_stack.errors import StackError
from paracelsus_stack.settings import LOOPBACK, REPO_ROOT, StackSettings


def _run(description: str, command: list[str], settings: StackSettings) -> None:
    print(f"==> {description}", flush=True)
    result = subprocess.run(command, cwd=REPO_ROOT, env=with_stack_environment(settings))
    if result.returncode != 0:
        raise StackError(f"{description} failed (exit {result.returncode}); see the output above")


def seed_sources(settings: StackSettings, reset: bool = False) -> None:
    common = ["--seed", str(settings.seed), "--scale", str(settings.scale)]
    oltp = [sys.executable, "-m", "oltp_seed", "load", "--dsn", oltp_dsn(settings), *common]
    _run("seeding the OLTP database", [*oltp, "--reset"] if reset else oltp, settings)
    s3 = [
        sys.executable,
        "-m",
        "localstack",
        "seed",
        "--endpoint-url",
        f"http://{LOOPBACK}:{settings.s3_port.number}",
        "--bucket",
        settings.s3_bucket,
        "--region",
        settings.s3_region,
        *common,
    ]
    _run("seeding the S3 landing bucket", s3, settings)
