"""Peak memory (RSS) and CPU per kind of process, sampled from process trees every 0.2 s.

Sampling from a thread keeps the measured processes unmodified: no wrapper, no profiler.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from types import TracebackType

import psutil

SAMPLE_INTERVAL_S = 0.2

# Substrings of a command line, first match wins: plugin executables before the generic
# `meltano` (Meltano's own process runs them from its venv's bin folder).
ROLES: tuple[tuple[str, str], ...] = (
    ("tap-postgres", "tap-postgres"),
    ("tap-hubspot", "tap-hubspot"),
    ("tap-s3-csv", "tap-s3-csv"),
    ("target-postgres", "target-postgres"),
    ("dbt", "dbt"),
    # The server's own processes (postmaster and backends), after the plugins that contain
    # "postgres" in their names: with the COPY path, most of the OLTP work runs here.
    ("postgres", "postgres"),
    ("mock_hubspot.connect_proxy", "hubspot proxy"),
    ("mock_hubspot", "hubspot mock"),
    ("moto.server", "s3 (moto)"),
    ("meltano", "meltano"),
)


def role_of(cmdline: Iterable[str]) -> str:
    # Only the program and its first arguments: a job name such as `bench-dbt` given to
    # `meltano run` must not make Meltano look like dbt.
    text = " ".join(os.path.basename(part) for part in list(cmdline)[:3])
    for needle, role in ROLES:
        if needle in text:
            return role
    return "other"


class PeakMemory:
    """Samples the trees under some root pids; `peaks` maps role -> largest single RSS."""

    def __init__(self, roots: Callable[[], Iterable[int]]) -> None:
        self._roots = roots
        self.peaks: dict[str, int] = {}
        # Last CPU seconds (user + system) seen per process; summed per role at the end.
        self._cpu: dict[tuple[int, float], tuple[str, float]] = {}
        # CPU a process had already used when it was first seen, for processes older than
        # the monitor (a long-lived service such as the mock): only the step's share counts.
        self._cpu_before: dict[tuple[int, float], float] = {}
        self._started = time.time()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="peak-memory", daemon=True)
        self._roles: dict[tuple[int, float], str] = {}

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(SAMPLE_INTERVAL_S)

    def sample(self) -> None:
        for process in self._tree():
            try:
                # The role is read once per process: the command line never changes.
                key = (process.pid, process.create_time())
                role = self._roles.get(key)
                if role is None:
                    role = self._roles[key] = role_of(process.cmdline())
                rss = process.memory_info().rss
                times = process.cpu_times()
                used = times.user + times.system
                if key not in self._cpu and process.create_time() < self._started:
                    self._cpu_before[key] = used
                self._cpu[key] = (role, used)
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
            if rss > self.peaks.get(role, 0):
                self.peaks[role] = rss

    @property
    def cpu_seconds(self) -> dict[str, float]:
        """CPU per role while monitored, as last sampled (up to 0.2 s short per process)."""
        totals: dict[str, float] = {}
        for key, (role, seconds) in self._cpu.items():
            spent = seconds - self._cpu_before.get(key, 0.0)
            totals[role] = totals.get(role, 0.0) + spent
        return totals

    def _tree(self) -> list[psutil.Process]:
        found: list[psutil.Process] = []
        for pid in list(self._roots()):
            try:
                root = psutil.Process(pid)
                found.append(root)
                found.extend(root.children(recursive=True))
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        return found
