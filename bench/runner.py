"""Run Meltano jobs on the private stack, timed and memory-sampled, output to a log file."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.monitor import PeakMemory
from paracelsus_stack.environment import with_stack_environment
from paracelsus_stack.meltano_runner import meltano_executable
from paracelsus_stack.settings import MELTANO_PROJECT_DIR, StackSettings


@dataclass(frozen=True)
class RunResult:
    jobs: tuple[str, ...]
    seconds: float
    exit_codes: tuple[int, ...]
    peaks: dict[str, int] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    logs: tuple[Path, ...] = ()

    @property
    def ok(self) -> bool:
        return all(code == 0 for code in self.exit_codes)


def bench_environment(settings: StackSettings, scratch: Path) -> dict[str, str]:
    env = with_stack_environment(settings)
    # Without bytecode caches every plugin start recompiles ~1,300 modules (3-4 s of CPU),
    # which a normal installation never pays; let the plugins keep their caches.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # dbt writes manifests and logs into the project; a bench beside a developer's dbt run
    # must not share them.
    env["DBT_TARGET_PATH"] = str(scratch / "dbt-target")
    env["DBT_LOG_PATH"] = str(scratch / "dbt-logs")
    return env


def run_jobs(
    settings: StackSettings,
    jobs: Sequence[str],
    log_dir: Path,
    scratch: Path,
    also_watch: Iterable[int] = (),
) -> RunResult:
    """Start every job at once (one `meltano run` each) and wait for all of them."""
    env = bench_environment(settings, scratch)
    log_dir.mkdir(parents=True, exist_ok=True)
    watched = list(also_watch)
    processes: list[subprocess.Popen[bytes]] = []
    logs: list[Path] = []
    started = time.perf_counter()

    def roots() -> list[int]:
        return [p.pid for p in processes if p.poll() is None] + watched

    with PeakMemory(roots) as memory:
        for job in jobs:
            log = log_dir / f"{job}.log"
            logs.append(log)
            with log.open("wb") as sink:
                processes.append(
                    subprocess.Popen(
                        [meltano_executable(), "run", job],
                        cwd=MELTANO_PROJECT_DIR,
                        env=env,
                        stdout=sink,
                        stderr=subprocess.STDOUT,
                    )
                )
        codes = tuple(p.wait() for p in processes)
        seconds = time.perf_counter() - started
    return RunResult(
        tuple(jobs), seconds, codes, dict(memory.peaks), memory.cpu_seconds, tuple(logs)
    )


def log_tail(path: Path, lines: int = 15) -> str:
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(text[-lines:])
