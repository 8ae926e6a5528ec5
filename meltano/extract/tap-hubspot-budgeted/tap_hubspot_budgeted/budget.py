"""One portal's API budget in this process: the shared windows and what was spent.

Every request of every stream (helpers included) goes through `Budget.send`, so the
pacing, the 429 handling and the request count cover the whole run.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from tap_hubspot_budgeted.limits import (
    DAILY,
    SECONDLY,
    DailyCapReached,
    RateLimits,
    policy_of,
)
from tap_hubspot_budgeted.rate_window import SharedRateWindow
from tap_hubspot_budgeted.settings import budget_root, rate_limits

TOO_MANY_REQUESTS = 429
# A 429 is waited out this many times in a row for one request before the SDK's own
# backoff takes over (which then fails the run after its retries).
MAX_THROTTLED_RETRIES = 8


def portal_key(credential: str) -> str:
    """A file-safe name for the portal a credential reaches (the credential itself never
    lands on disk)."""
    return hashlib.sha256(credential.encode()).hexdigest()[:16]


def portal_dir(config: dict[str, Any]) -> Path:
    """Where one portal's shared window and property cache live, for any of this project's
    HubSpot taps (they must all share it to share the budget)."""
    credential = config.get("access_token") or config.get("client_id") or ""
    return budget_root(config) / portal_key(credential)


def portal_budget(config: dict[str, Any], logger: logging.Logger) -> Budget:
    return Budget(rate_limits(config), portal_dir(config), logger)


class Budget:
    def __init__(self, limits: RateLimits, state_dir: Path, logger: logging.Logger) -> None:
        self.limits = limits
        self.logger = logger
        self.paced = limits.max_requests > 0
        self.burst = SharedRateWindow(
            state_dir / "burst.json", max(1, limits.max_requests), limits.burst_window_s
        )
        self.search = SharedRateWindow(
            state_dir / "search.json", max(1, limits.search_per_second), limits.search_window_s
        )
        self.sent = 0
        self.throttled = 0
        # The 429 that said the day's cap is used up: every later request of this process
        # is refused here, unsent (read-ahead may have queued one behind the refused one).
        self.day_spent: requests.Response | None = None

    @property
    def waited_s(self) -> float:
        return self.burst.waited_s + self.search.waited_s

    def send(self, send: Callable[[], requests.Response], is_search: bool) -> requests.Response:
        if self.day_spent is not None:
            raise DailyCapReached(self.day_spent, self.limits, self.sent)
        for _ in range(MAX_THROTTLED_RETRIES):
            slots: list[tuple[SharedRateWindow, float]] = []
            if self.paced:
                windows = (self.search, self.burst) if is_search else (self.burst,)
                slots = [(window, window.acquire()) for window in windows]
            self.sent += 1
            try:
                response = send()
            finally:
                for window, stamp in slots:
                    window.done(stamp)
            if response.status_code != TOO_MANY_REQUESTS:
                return response
            self._throttled(response)
        return response

    def _throttled(self, response: requests.Response) -> None:
        """Honour the policy the 429 names instead of backing off blindly."""
        self.throttled += 1
        policy = policy_of(response)
        if policy == DAILY:
            self.day_spent = response
            raise DailyCapReached(response, self.limits, self.sent)
        window = self.search if policy == SECONDLY else self.burst
        self.logger.warning(
            "HubSpot answered 429 (%s): waiting for the %s window to clear",
            policy or "no policy named",
            "search" if window is self.search else "burst",
        )
        # The server's window is full, so ours is too: acquiring a slot waits until its
        # oldest request ages out, which is when HubSpot's rolling window has room again
        # (unpaced, the log holds only these, so that is one interval).
        window.fill(window.limit)
        if not self.paced:
            window.acquire()
