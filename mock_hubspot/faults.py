"""Fault injection state: a request budget per interval, a share of 5xx answers, latency."""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from mock_hubspot.settings import (
    HUBSPOT_DAILY_LIMIT,
    HUBSPOT_SECONDLY_LIMIT,
    HUBSPOT_TEN_SECONDLY_LIMIT,
    FaultSettings,
)
from mock_hubspot.store.errors import InvalidRequest

SERVER_ERRORS = (500, 502, 503, 504)
DAY_MS = 86_400_000


@dataclass(frozen=True)
class Decision:
    latency_ms: int = 0
    rate_limit_policy: str | None = None
    server_error: int | None = None
    headers: tuple[tuple[str, str], ...] = ()


class _Window:
    def __init__(self, length_ms: int) -> None:
        self.length_ms = length_ms
        self.started_ms = -1.0
        self.used = 0

    def take(self, now_ms: float, budget: int) -> bool:
        if now_ms - self.started_ms >= self.length_ms:
            self.started_ms, self.used = now_ms, 0
        self.used += 1
        return self.used <= budget


class _RollingWindow:
    """HubSpot's burst limit is TEN_SECONDLY_ROLLING: at most `budget` requests in any
    interval, not per fixed slice of time. A request it turns away does not count."""

    def __init__(self, length_ms: int) -> None:
        self.length_ms = length_ms
        self._admitted: deque[float] = deque()

    @property
    def used(self) -> int:
        return len(self._admitted)

    def take(self, now_ms: float, budget: int) -> bool:
        while self._admitted and self._admitted[0] <= now_ms - self.length_ms:
            self._admitted.popleft()
        if len(self._admitted) >= budget:
            return False
        self._admitted.append(now_ms)
        return True


class FaultInjector:
    # Which budget a 429 body says ran out (HubSpot names the app and portal here).
    group_name = "publicapi:private-app:paracelsus-mock"

    def __init__(
        self, settings: FaultSettings, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._clock = clock
        self.configure(asdict(settings), base=settings)

    @property
    def settings(self) -> FaultSettings:
        return self._settings

    def configure(self, changes: dict[str, Any], base: FaultSettings | None = None) -> None:
        names = {f.name: f.type for f in fields(FaultSettings)}
        unknown = set(changes) - set(names)
        if unknown:
            raise InvalidRequest(f"Unknown fault settings: {sorted(unknown)}")
        try:
            converted = {k: float(v) if k == "error_rate" else int(v) for k, v in changes.items()}
        except (TypeError, ValueError):
            raise InvalidRequest("Fault settings must be numbers") from None
        settings = replace(base or self._settings, **converted)
        if not 0.0 <= settings.error_rate <= 1.0:
            raise InvalidRequest("error_rate must be between 0 and 1")
        budgets = (
            settings.rate_limit_max,
            settings.rate_limit_secondly,
            settings.rate_limit_daily,
            settings.rate_limit_search_secondly,
        )
        if min(*budgets, settings.latency_ms) < 0:
            raise InvalidRequest("Budgets and latency must not be negative")
        if settings.rate_limit_interval_ms <= 0:
            raise InvalidRequest("rate_limit_interval_ms must be positive")
        self._settings = settings
        self._errors = random.Random(settings.error_seed)
        self._interval = _RollingWindow(settings.rate_limit_interval_ms)
        self._second = _Window(1_000)
        self._day = _Window(DAY_MS)
        self._search = _Window(1_000)

    def _rate_headers(self) -> tuple[tuple[str, str], ...]:
        """On every answer, as HubSpot sends them: the limits (the enforced budget, else
        HubSpot's Free/Starter limits) and what remains of them, never the calls used."""
        s = self._settings
        maximum = s.rate_limit_max or HUBSPOT_TEN_SECONDLY_LIMIT
        secondly = s.rate_limit_secondly or HUBSPOT_SECONDLY_LIMIT
        daily = s.rate_limit_daily or HUBSPOT_DAILY_LIMIT
        return (
            ("X-HubSpot-RateLimit-Daily", str(daily)),
            ("X-HubSpot-RateLimit-Daily-Remaining", str(max(0, daily - self._day.used))),
            ("X-HubSpot-RateLimit-Max", str(maximum)),
            ("X-HubSpot-RateLimit-Remaining", str(max(0, maximum - self._interval.used))),
            ("X-HubSpot-RateLimit-Interval-Milliseconds", str(s.rate_limit_interval_ms)),
            ("X-HubSpot-RateLimit-Secondly", str(secondly)),
            ("X-HubSpot-RateLimit-Secondly-Remaining", str(max(0, secondly - self._second.used))),
        )

    def admit(self, is_search: bool = False) -> Decision:
        s = self._settings
        now_ms = self._clock() * 1000
        policy = None
        within_day = self._day.take(now_ms, s.rate_limit_daily or 2**62)
        within_interval = self._interval.take(now_ms, s.rate_limit_max or 2**62)
        within_second = self._second.take(now_ms, s.rate_limit_secondly or 2**62)
        within_search = not is_search or self._search.take(
            now_ms, s.rate_limit_search_secondly or 2**62
        )
        if not within_day:
            policy = "DAILY"
        elif not within_interval:
            policy = "TEN_SECONDLY_ROLLING"
        elif not (within_second and within_search):
            policy = "SECONDLY"
        error = None
        if policy is None and s.error_rate and self._errors.random() < s.error_rate:
            error = self._errors.choice(SERVER_ERRORS)
        return Decision(s.latency_ms, policy, error, self._rate_headers())
