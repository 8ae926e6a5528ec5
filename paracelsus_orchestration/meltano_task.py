"""Run one Meltano EL task (`meltano run <tap> <target>`) for a Dagster step.

Meltano runs in the step's own environment (the one `make orchestrate`, docker-compose or a
Kubernetes pod gives Dagster), in its own process group, so that a run Dagster terminates
stops Meltano with SIGTERM (it then closes its run record) and every plugin it started.
Its output goes to the step's compute log, line by line.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from paracelsus_orchestration.pipeline import ElTask
from paracelsus_stack.settings import MELTANO_PROJECT_DIR

# The line tap-hubspot-budgeted logs once per run (tap.py).
HUBSPOT_BUDGET_LINE = re.compile(r"HubSpot API budget: (\d+) requests, (\d+) answered 429")
# The lines it logs for a stream it leaves for a later run: a deferred object type, or a
# reference list, that is not due (deferred_objects.py, references.py).
NOT_DUE_LINE = re.compile(r"\s(\w+): not (?:searched \(deferred_object_types|read \()")
TAIL_LINES = 30
STOP_GRACE_S = 30.0


@dataclass(frozen=True)
class TaskOutcome:
    task: ElTask
    exit_code: int
    seconds: float
    hubspot_requests: int
    hubspot_throttled: int
    tail: str
    # The streams the tap did not read in this run, as none was due.
    not_due: frozenset[str]

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


def meltano_executable() -> str:
    return str(Path(sys.executable).parent / "meltano")


def run_task(task: ElTask, full_refresh: bool, echo: Callable[[str], None] = print) -> TaskOutcome:
    command = [meltano_executable(), "run", *(["--full-refresh"] if full_refresh else [])]
    command += [task.extractor, task.loader]
    tail: deque[str] = deque(maxlen=TAIL_LINES)
    requests = throttled = 0
    not_due: set[str] = set()
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=MELTANO_PROJECT_DIR,
        env=dict(os.environ),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        process_group=0,
    )
    try:
        assert process.stdout is not None
        for raw in process.stdout:
            line = raw.decode(errors="replace").rstrip("\n")
            echo(line)
            tail.append(line)
            if found := HUBSPOT_BUDGET_LINE.search(line):
                requests += int(found.group(1))
                throttled += int(found.group(2))
            elif found := NOT_DUE_LINE.search(line):
                not_due.add(found.group(1))
        code = process.wait()
    finally:
        _stop(process)
    seconds = time.monotonic() - started
    return TaskOutcome(
        task, code, seconds, requests, throttled, "\n".join(tail), frozenset(not_due)
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    """The step was interrupted (or Meltano left plugins behind): SIGTERM the group, then
    SIGKILL what is still there after the grace period."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
