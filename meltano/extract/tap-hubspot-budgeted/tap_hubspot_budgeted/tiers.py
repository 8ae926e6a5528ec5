"""HubSpot's published API limits per tier, and the limits this tap paces on (settings).

Copies elsewhere (the mock's defaults, the bench's tiers) cannot import this plugin
package; tests/unit/test_tap_budget_logic.py fails when they drift from it.
"""

from __future__ import annotations

from dataclasses import dataclass

# Requests per 10 s for one private app, and per day for the portal.
BURST_PER_10S = {"Free/Starter": 100, "Professional/Enterprise": 190}
DAILY_CAPS = {"Free/Starter": 250_000, "Professional": 625_000, "Enterprise": 1_000_000}
SEARCH_PER_SECOND = 5


@dataclass(frozen=True)
class RateLimits:
    """A tier's limits, as settings: HubSpot's Free/Starter private-app defaults."""

    max_requests: int = BURST_PER_10S["Free/Starter"]
    interval_ms: int = 10_000
    search_per_second: int = SEARCH_PER_SECOND
    daily_cap: int = DAILY_CAPS["Free/Starter"]
    # Each window is stretched by this share, for requests in flight and clock skew (a
    # stretch, not fewer requests: 5 searches a second less 3% would round down to 4).
    headroom: float = 0.03
    portal_time_zone: str = "UTC"

    @property
    def burst_window_s(self) -> float:
        return self.interval_ms / 1000 * (1 + self.headroom)

    @property
    def search_window_s(self) -> float:
        return 1.0 * (1 + self.headroom)
