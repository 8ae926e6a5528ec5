"""Run Meltano (and through it dbt) against the embedded stack.

A `meltano run` is started as an owned run (see meltano_runs.py): its own run id, an owner
file naming its process, and its own process group, so that when it dies every plugin
process it started can be found and stopped before the next run begins. This process
forwards SIGINT and SIGTERM to Meltano and waits for it, so Meltano closes its run records
itself; if it dies without closing them, they are closed here with the signal that killed it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import psutil

from paracelsus_stack.environment import with_stack_environment
from paracelsus_stack.meltano_runs import (
    RunOwner,
    close_run,
    fail_dead_runs,
    forget_owner,
    new_run_id,
    record_owner,
)
from paracelsus_stack.settings import MELTANO_PROJECT_DIR, StackSettings

FORWARDED_SIGNALS = (signal.SIGINT, signal.SIGTERM)
# How long a stopped Meltano, or the plugins a dead one left, get to exit before SIGKILL.
LEFTOVER_GRACE_S = 30.0


def meltano_executable() -> str:
    return str(Path(sys.executable).parent / "meltano")


# Where Meltano's stdout and stderr go: our own streams (None), a file, or a line callback.
Output = IO[bytes] | Callable[[str], None] | None


def run_meltano(
    settings: StackSettings,
    args: list[str],
    output: Output = None,
    timeout_s: float | None = None,
    log_format: str | None = None,
    against_stack: bool = True,
) -> int:
    """Run `meltano [--log-format=<log_format>] <args>` against the stack.

    `against_stack=False` runs it in this process's own environment (for `meltano install`,
    which must work before any stack exists: its system database is then the project's
    SQLite file). Past `timeout_s` (not with a line callback) a run is stopped with SIGTERM
    (Meltano closes its records) and `subprocess.TimeoutExpired` is raised.
    """
    env = with_stack_environment(settings) if against_stack else dict(os.environ)
    command = [meltano_executable(), *([f"--log-format={log_format}"] if log_format else [])]
    if args[:1] != ["run"]:
        process = _start(command + args, env, output, own_group=False)
        _relay(process, output)
        return _wait(process, timeout_s)
    for closed in fail_dead_runs(settings):
        print(f"==> closed a dead run of {closed.job_name}: {closed.reason}", flush=True)
    return _run_owned(settings, command, args, env, output, timeout_s)


def _start(
    command: list[str], env: dict[str, str], output: Output, own_group: bool
) -> subprocess.Popen[bytes]:
    to_lines = callable(output)
    return subprocess.Popen(
        command,
        cwd=MELTANO_PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE if to_lines else output,
        stderr=subprocess.STDOUT if output is not None else None,
        # Its own group: its plugins join it, so they are found again if Meltano dies.
        process_group=0 if own_group else None,
    )


def _relay(process: subprocess.Popen[bytes], output: Output) -> None:
    if callable(output) and process.stdout is not None:
        for raw in process.stdout:
            output(raw.decode(errors="replace"))


def _given_run_id(args: list[str]) -> str | None:
    for index, arg in enumerate(args):
        if arg == "--run-id" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--run-id="):
            return arg.split("=", 1)[1]
    return None


def _run_owned(
    settings: StackSettings,
    command: list[str],
    args: list[str],
    env: dict[str, str],
    output: Output,
    timeout_s: float | None,
) -> int:
    run_id = _given_run_id(args)
    if run_id is None:
        run_id = new_run_id()
        args = [args[0], "--run-id", run_id, *args[1:]]
    with _forwarding_stop_signals() as forward_to:
        process = _start(command + args, env, output, own_group=True)
        forward_to.append(process.pid)
        record_owner(settings, RunOwner.of_process(run_id, process.pid, " ".join(args)))
        try:
            _relay(process, output)
            code = _wait(process, timeout_s)
        finally:
            _stop_leftovers(process.pid)
            if process.returncode is not None:
                why = _death(process.returncode)
                for closed in close_run(settings, run_id, why) if why else []:
                    print(f"==> closed the run of {closed.job_name}: {why}", flush=True)
                forget_owner(settings, run_id)
    return 128 - code if code < 0 else code  # killed by signal N: exit 128 + N, as a shell


def _wait(process: subprocess.Popen[bytes], timeout_s: float | None) -> int:
    try:
        return process.wait(timeout_s)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(LEFTOVER_GRACE_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        raise


def _death(returncode: int) -> str | None:
    """Why a Meltano process that may not have closed its records ended, from its exit code."""
    if returncode == 0:
        return None
    number = -returncode if returncode < 0 else returncode - 128
    try:
        name = signal.Signals(number).name
    except ValueError:
        return f"meltano exited with code {returncode} without closing the run"
    return f"killed by {name} (signal {number})"


@contextlib.contextmanager
def _forwarding_stop_signals() -> Iterator[list[int]]:
    """While Meltano runs in its own group, Ctrl-C and SIGTERM reach it through us."""
    targets: list[int] = []

    def forward(number: int, _frame: object) -> None:
        for pid in targets:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, number)

    if threading.current_thread() is not threading.main_thread():
        yield targets  # only the main thread receives signals
        return
    previous = {sig: signal.signal(sig, forward) for sig in FORWARDED_SIGNALS}
    try:
        yield targets
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _group_members(group: int) -> list[psutil.Process]:
    members = []
    for process in psutil.process_iter(["status"]):
        with contextlib.suppress(psutil.Error, ProcessLookupError):
            if os.getpgid(process.pid) == group and process.info["status"] != (
                psutil.STATUS_ZOMBIE
            ):
                members.append(process)
    return members


def _stop_leftovers(group: int) -> None:
    """Stop the plugin processes (taps, targets, dbt) a dead Meltano left running."""
    leftovers = _group_members(group)
    if not leftovers:
        return
    print(f"==> stopping {len(leftovers)} process(es) the meltano run left behind", flush=True)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGTERM)
    deadline = time.monotonic() + LEFTOVER_GRACE_S
    while (leftovers := _group_members(group)) and time.monotonic() < deadline:
        psutil.wait_procs(leftovers, timeout=0.5)
    if leftovers:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)
