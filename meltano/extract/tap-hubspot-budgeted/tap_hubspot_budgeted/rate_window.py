"""A rolling request window shared by every process that calls the same portal.

HubSpot counts requests per app and portal, not per process: the parallel pipelines of one
portal must share one budget. The window is a log of send times in a file, read and
rewritten under an exclusive lock (fcntl), so pipelines in separate processes never send
more than `limit` requests in any `interval_s`, which satisfies HubSpot's rolling
TEN_SECONDLY window and any fixed window as well.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable
from pathlib import Path


class SharedRateWindow:
    def __init__(
        self,
        path: Path,
        limit: int,
        interval_s: float,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if limit < 1 or interval_s <= 0:
            raise ValueError("A rate window needs a limit >= 1 and a positive interval")
        self.path = path
        self.limit = limit
        self.interval_s = interval_s
        self._clock = clock
        self._sleep = sleep
        self.waited_s = 0.0
        path.parent.mkdir(parents=True, exist_ok=True)

    def acquire(self) -> float:
        """Block until a request may be sent; its slot is stamped now (see `done`)."""
        stamp: list[float] = []  # filled by _take once a slot is free
        while True:
            wait = self._update(lambda log, now: self._take(log, now, stamp))
            if wait <= 0:
                return stamp[0]
            self.waited_s += wait
            self._sleep(wait)

    def done(self, stamp: float) -> None:
        """The request's answer arrived. HubSpot counted it at some moment up to now, so its
        slot frees one interval after now, not after the send: the time to reach HubSpot
        varies per request (a new connection through a proxy, a busy server), and a slot
        counted from the send could let the server see one request too many in its window."""

        def move(log: list[float], now: float) -> float:
            if stamp in log:
                log.remove(stamp)
            log.append(now)
            return 0.0

        self._update(move)

    def fill(self, used: int) -> None:
        """The server says `used` requests are in its current window (its Remaining header,
        or a 429): count the ones this log does not know of (other apps, a clock skew)."""
        self._update(lambda log, now: self._pad(log, now, used))

    def _take(self, log: list[float], now: float, stamp: list[float]) -> float:
        if len(log) < self.limit:
            log.append(now)
            stamp.append(now)
            return 0.0
        return log[len(log) - self.limit] + self.interval_s - now

    @staticmethod
    def _pad(log: list[float], now: float, used: int) -> float:
        log.extend([now] * max(0, used - len(log)))
        return 0.0

    def _update(self, change: Callable[[list[float], float], float]) -> float:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            with os.fdopen(os.dup(fd), "r+") as handle:
                text = handle.read()
                now = self._clock()
                log = [t for t in _parse(text) if t > now - self.interval_s]
                log.sort()
                result = change(log, now)
                handle.seek(0)
                handle.truncate()
                log.sort()
                handle.write(json.dumps(log[-self.limit :]))
            return result
        finally:
            os.close(fd)


def _parse(text: str) -> list[float]:
    # A process killed mid-write leaves a torn log: start a new one rather than fail.
    try:
        times = json.loads(text) if text else []
    except ValueError:
        return []
    return [float(t) for t in times] if isinstance(times, list) else []
