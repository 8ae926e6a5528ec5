"""Background processes the stack starts, tracked by pid files so `down` stops only them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psutil


def is_alive(pid: int, create_time: float) -> bool:
    """Whether the process that started at `create_time` still runs as `pid` (a recycled
    pid belongs to another process: the start time tells them apart; a zombie is dead)."""
    try:
        process = psutil.Process(pid)
        same = abs(process.create_time() - create_time) < 1.0
        return same and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@dataclass(frozen=True)
class ProcessRecord:
    """What `up` wrote about a process: enough to find it again and to be sure it is ours."""

    name: str
    pid: int
    create_time: float
    address: str
    log_file: str

    def is_running(self) -> bool:
        return is_alive(self.pid, self.create_time)


def _record_path(run_dir: Path, name: str) -> Path:
    return run_dir / f"{name}.json"


def read_record(run_dir: Path, name: str) -> ProcessRecord | None:
    path = _record_path(run_dir, name)
    if not path.exists():
        return None
    return ProcessRecord(**json.loads(path.read_text()))


def write_record(run_dir: Path, record: ProcessRecord) -> None:
    run_dir.mkdir(parents=True, exist_ok=True)
    _record_path(run_dir, record.name).write_text(json.dumps(record.__dict__, indent=2))


def forget(run_dir: Path, name: str) -> None:
    _record_path(run_dir, name).unlink(missing_ok=True)


def spawn(
    run_dir: Path, name: str, command: list[str], address: str, env: dict[str, str]
) -> ProcessRecord:
    """Start a detached process (its own session, so a Ctrl-C in make does not kill it)."""
    log_path = run_dir / f"{name}.log"
    run_dir.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    record = ProcessRecord(
        name=name,
        pid=process.pid,
        create_time=psutil.Process(process.pid).create_time(),
        address=address,
        log_file=str(log_path),
    )
    write_record(run_dir, record)
    return record


def terminate(record: ProcessRecord, timeout_s: float = 10.0) -> None:
    if not record.is_running():
        return
    os.killpg(record.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and record.is_running():
        time.sleep(0.1)
    if record.is_running():
        os.killpg(record.pid, signal.SIGKILL)


def log_tail(path: str, lines: int = 20) -> str:
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
