"""A `meltano run` as a person sees it: compact progress, the whole output in a log file, and
on failure the step, its last relevant lines, what to do, and where the full log is."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from rich.console import Console

from paracelsus_stack.meltano_runner import run_meltano
from paracelsus_stack.progress.events import parse
from paracelsus_stack.progress.hints import hints
from paracelsus_stack.progress.tracker import RunTracker, Step
from paracelsus_stack.progress.view import LiveView, PlainView, View
from paracelsus_stack.run_logs import new_log_path
from paracelsus_stack.settings import StackSettings

SHOWN_PROBLEM_LINES = 6


@dataclass(frozen=True)
class WatchedRun:
    code: int
    log_path: Path


def run_with_progress(
    settings: StackSettings,
    args: list[str],
    out: IO[str] | None = None,
    verbose: bool = False,
) -> WatchedRun:
    """Run `meltano <args>` (a `run`, usually) showing progress; the full output is logged."""
    out = out or sys.stdout
    log_path = new_log_path(settings, " ".join(args))
    print(f"==> meltano {' '.join(args)}   (full log: {log_path})", file=out, flush=True)
    tracker = RunTracker()
    with log_path.open("w") as log:
        if verbose:
            code = run_meltano(settings, args, output=_tee(out, log))
        else:
            with _view(tracker, out) as view:

                def follow(line: str) -> None:
                    event = parse(line)
                    log.write(event.render() + "\n")
                    for change, step in tracker.feed(event, time.monotonic()):
                        view.changed(change, step)

                code = run_meltano(settings, args, output=follow, log_format="json")
    if code != 0 and not verbose:
        print(failure_report(tracker, code, log_path), file=out, flush=True)
    return WatchedRun(code, log_path)


def _tee(out: IO[str], log: IO[str]) -> Callable[[str], None]:
    def both(line: str) -> None:
        out.write(line)
        log.write(line)

    return both


def _view(tracker: RunTracker, out: IO[str]) -> View:
    if out.isatty():
        return LiveView(tracker, Console(file=out))
    return PlainView(out)


def failure_report(tracker: RunTracker, code: int, log_path: Path) -> str:
    failed: list[Step] = tracker.failed_steps()
    lines = [""]
    if not failed:
        lines.append(f"✗ meltano exited with code {code} before any step finished")
        lines.extend(f"    {p}" for p in list(tracker.problems)[-SHOWN_PROBLEM_LINES:])
    for step in failed:
        lines.append(f"✗ {step.label} failed" + (f": {step.error}" if step.error else ""))
        lines.extend(f"    {p}" for p in list(step.problems)[-SHOWN_PROBLEM_LINES:])
        lines.extend(f"  → {hint}" for hint in hints(step))
    lines.append(f"  full log: {log_path}")
    return "\n".join(lines)
