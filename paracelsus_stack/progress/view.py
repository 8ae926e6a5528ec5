"""How a run's steps are shown: a live line per running pipeline on a terminal (rich), plain
lines when the output is a pipe or a CI log."""

from __future__ import annotations

import time
from typing import IO, Protocol

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

from paracelsus_stack.progress.tracker import RunTracker, Step


def clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


def running_line(step: Step, now: float) -> str:
    """Label, what it does now, rows, rows/s, elapsed: 74 characters (80 with the spinner)."""
    elapsed = step.elapsed(now)
    if step.kind == "dbt":
        done = f"{step.nodes_done}/{step.nodes_total} nodes" if step.nodes_total else "starting"
        return f"{step.label[:30]:<30} {done:<24} {clock(elapsed)}"
    rate = step.rows / elapsed if elapsed > 0 else 0.0
    stream = step.stream or "discovering"
    return (
        f"{step.label[:28]:<28} {stream[:16]:<16} {step.rows:>8,} rows "
        f"{rate:>6,.0f}/s {clock(elapsed):>5}"
    )


def finished_line(step: Step, now: float) -> str:
    mark = "✓" if step.ok else "✗"
    took = clock(step.elapsed(now))
    what = step.dbt_counts() if step.kind == "dbt" else f"{step.rows:,} rows loaded"
    line = f"{mark} {step.label:<32} {what} in {took}"
    return line if step.ok else f"{line} (failed)"


class View(Protocol):
    def __enter__(self) -> View: ...
    def __exit__(self, *_: object) -> None: ...
    def changed(self, change: str, step: Step) -> None: ...


class PlainView:
    """One line when a step starts and one when it ends."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def __enter__(self) -> PlainView:
        return self

    def __exit__(self, *_: object) -> None:
        self.out.flush()

    def changed(self, change: str, step: Step) -> None:
        now = time.monotonic()
        line = f"… {step.label}" if change == "started" else finished_line(step, now)
        print(line, file=self.out, flush=True)


class LiveView:
    """The running pipeline as one live line under the finished steps."""

    def __init__(self, tracker: RunTracker, console: Console) -> None:
        self.tracker = tracker
        self.console = console
        self.spinner = Spinner("dots")
        self.live = Live(
            console=console, refresh_per_second=4, transient=True, get_renderable=self._render
        )

    def __enter__(self) -> LiveView:
        self.live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.live.__exit__(*exc)  # type: ignore[arg-type]

    def changed(self, change: str, step: Step) -> None:
        if change == "finished":
            self.live.console.print(finished_line(step, time.monotonic()), highlight=False)

    def _render(self) -> RenderableType:
        step = self.tracker.current
        if step is None:
            return Group()
        grid = Table.grid(padding=(0, 1))
        grid.add_row(self.spinner, Text(running_line(step, time.monotonic())))
        return grid
