"""Run Meltano commands on the private stack, timed and memory-sampled, output to log files."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.monitor import PeakMemory
from paracelsus_stack import postgres
from paracelsus_stack.environment import with_stack_environment
from paracelsus_stack.meltano_runner import meltano_executable
from paracelsus_stack.settings import MELTANO_PROJECT_DIR, StackSettings


@dataclass(frozen=True)
class Command:
    name: str  # names the log file
    args: tuple[str, ...]  # Meltano's arguments, e.g. ("run", "bench-s3")


@dataclass(frozen=True)
class RunResult:
    names: tuple[str, ...]
    seconds: float
    exit_codes: tuple[int, ...]
    peaks: dict[str, int] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    logs: tuple[Path, ...] = ()
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return not self.timed_out and all(code == 0 for code in self.exit_codes)


def postgres_server_pids(settings: StackSettings) -> list[int]:
    """The stack's PostgreSQL postmaster (its backends are its children), if it runs."""
    pid_file = postgres.layout(settings).data_dir / "postmaster.pid"
    try:
        return [int(pid_file.read_text().split("\n", 1)[0])]
    except (OSError, ValueError):
        return []


def meltano_run(*jobs: str) -> list[Command]:
    return [Command(job, ("run", job)) for job in jobs]


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


def _stop(process: subprocess.Popen[bytes]) -> None:
    # Each command leads its own process group: this reaches its plugins too, and only them.
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def run_commands(
    settings: StackSettings,
    commands: Sequence[Command],
    log_dir: Path,
    scratch: Path,
    also_watch: Iterable[int] = (),
    timeout_s: float | None = None,
    extra_env: dict[str, str] | None = None,
) -> RunResult:
    """Start every command at once (one Meltano process each) and wait for all of them."""
    env = {**bench_environment(settings, scratch), **(extra_env or {})}
    log_dir.mkdir(parents=True, exist_ok=True)
    watched = list(also_watch)
    processes: list[subprocess.Popen[bytes]] = []
    logs: list[Path] = []
    timed_out = False
    started = time.perf_counter()

    def roots() -> list[int]:
        return [p.pid for p in processes if p.poll() is None] + watched

    with PeakMemory(roots) as memory:
        try:
            for command in commands:
                log = log_dir / f"{command.name}.log"
                logs.append(log)
                with log.open("wb") as sink:
                    processes.append(
                        subprocess.Popen(
                            [meltano_executable(), *command.args],
                            cwd=MELTANO_PROJECT_DIR,
                            env=env,
                            stdout=sink,
                            stderr=subprocess.STDOUT,
                            start_new_session=True,
                        )
                    )
            deadline = None if timeout_s is None else started + timeout_s
            for process in processes:
                left = None if deadline is None else max(0.0, deadline - time.perf_counter())
                try:
                    process.wait(timeout=left)
                except subprocess.TimeoutExpired:
                    timed_out = True
                    break
        finally:
            # On a timeout or an interrupt, nothing this step started outlives it.
            for process in processes:
                _stop(process)
        seconds = time.perf_counter() - started
    codes = tuple(p.returncode for p in processes)
    return RunResult(
        tuple(c.name for c in commands),
        seconds,
        codes,
        dict(memory.peaks),
        memory.cpu_seconds,
        tuple(logs),
        timed_out,
    )


def log_tail(path: Path, lines: int = 15) -> str:
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(text[-lines:])
