"""Polling a scenario's condition while a run it started is still going.

A run can end early (it failed, or never reached the point the scenario waits for), so
each poll also waits on the run: that wait is the poll's interval, and a run that ends
fails the poll at once with how it ended, instead of after the whole bound.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from concurrent.futures import Future, wait

from paracelsus_stack.mock_admin import mock_admin
from paracelsus_stack.settings import StackSettings

POLL_INTERVAL_S = 0.2
POLLS = 900  # the bound: 3 minutes of polling before a scenario gives up

# Waits up to the given seconds for the run to end: how it ended, or None while it runs.
RunEnd = Callable[[float], str | None]


def end_of_process(run: subprocess.Popen[bytes]) -> RunEnd:
    def ended(timeout_s: float) -> str | None:
        try:
            return f"exit {run.wait(timeout=timeout_s)}"
        except subprocess.TimeoutExpired:
            return None

    return ended


def end_of_call(run: Future[str]) -> RunEnd:
    """A run started in a worker thread (helpers.meltano): its output once it ended."""

    def ended(timeout_s: float) -> str | None:
        done, _ = wait([run], timeout=timeout_s)
        return f"output: {run.result()}" if done else None

    return ended


def poll_until(condition: Callable[[], bool], what: str, ended: RunEnd) -> None:
    for _ in range(POLLS):
        if condition():
            return
        outcome = ended(POLL_INTERVAL_S)
        if outcome is not None:
            raise AssertionError(f"the run ended before {what} ({outcome})")
    raise AssertionError(f"{what}: not seen after {POLLS} polls")


def wait_until_held(settings: StackSettings, ended: RunEnd) -> None:
    """Until the mock's stall holds a request of the run."""

    def held() -> bool:
        return mock_admin(settings, "GET", "stall")["held"] >= 1

    poll_until(held, "the mock held its request", ended)
