"""Settings of the HubSpot mock, read from `MOCK_HUBSPOT_*` environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

# HubSpot's published limits for a Free/Starter private app: what the rate-limit headers
# report while the mock enforces no budget of its own (0 = not enforced).
HUBSPOT_TEN_SECONDLY_LIMIT = 100
HUBSPOT_SECONDLY_LIMIT = 10
HUBSPOT_DAILY_LIMIT = 250_000


@dataclass(frozen=True)
class FaultSettings:
    rate_limit_max: int = 0
    rate_limit_interval_ms: int = 10_000
    rate_limit_secondly: int = 0
    rate_limit_daily: int = 0
    # CRM search endpoints have a budget of their own (HubSpot's is 5 per second).
    rate_limit_search_secondly: int = 0
    error_rate: float = 0.0
    error_seed: int = 0
    latency_ms: int = 0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> FaultSettings:
        return cls(
            rate_limit_max=int(env.get("MOCK_HUBSPOT_RATE_LIMIT_MAX", "0")),
            rate_limit_interval_ms=int(env.get("MOCK_HUBSPOT_RATE_LIMIT_INTERVAL_MS", "10000")),
            rate_limit_secondly=int(env.get("MOCK_HUBSPOT_RATE_LIMIT_SECONDLY", "0")),
            rate_limit_daily=int(env.get("MOCK_HUBSPOT_RATE_LIMIT_DAILY", "0")),
            rate_limit_search_secondly=int(env.get("MOCK_HUBSPOT_RATE_LIMIT_SEARCH_SECONDLY", "0")),
            error_rate=float(env.get("MOCK_HUBSPOT_ERROR_RATE", "0")),
            error_seed=int(env.get("MOCK_HUBSPOT_ERROR_SEED", "0")),
            latency_ms=int(env.get("MOCK_HUBSPOT_LATENCY_MS", "0")),
        )


@dataclass(frozen=True)
class MockSettings:
    token: str = "local-dev-token"
    seed: int = 42
    scale: float = 1.0
    admin_token: str = ""
    faults: FaultSettings = field(default_factory=FaultSettings)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> MockSettings:
        env = os.environ if env is None else env
        return cls(
            token=env.get("MOCK_HUBSPOT_TOKEN", "local-dev-token"),
            seed=int(env.get("MOCK_HUBSPOT_SEED", "42")),
            scale=float(env.get("MOCK_HUBSPOT_SCALE", "1.0")),
            admin_token=env.get("MOCK_HUBSPOT_ADMIN_TOKEN", ""),
            faults=FaultSettings.from_env(env),
        )
