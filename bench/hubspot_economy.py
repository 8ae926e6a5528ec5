"""The HubSpot API economy of the jobs users run: what a sync costs in requests, how it
paces on each tier's burst limit, and what that means for a portal owner.

On a private stack with the mock at `ECONOMY_SCALE` (about 3,000 contacts), all measured in
one bench run:
- the first full `el-hubspot`, unpaced (the pipeline's headroom), and as the stock tap
  read it (`bench-hubspot-stock`: MeltanoLabs tap-hubspot with 60 association streams);
- the first full `el-hubspot` under each burst tier, the mock enforcing it and the tap
  pacing on it;
- `el-hubspot` after 0%, 1% and 10% of every object type's records changed, then the run
  that finds the deferred object types due (`deferred_object_types`);
- the full association pass (`tap-hubspot--associations-full`, in the deletes job).
"""

from __future__ import annotations

import dataclasses
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import psycopg

from bench.runner import Command, run_commands
from paracelsus_stack import stack
from paracelsus_stack.environment import hubspot_budget_dir, warehouse_dsn
from paracelsus_stack.mock_admin import mock_admin
from paracelsus_stack.private_stack import private_settings
from paracelsus_stack.reconcile.hubspot import compare_hubspot
from paracelsus_stack.reconcile.run import local_hubspot
from paracelsus_stack.settings import StackSettings

ECONOMY_SCALE = 30
# HubSpot's private-app burst limits per 10 s, and daily caps per portal (copies of the
# tap's tiers.py, which the bench cannot import; a unit test keeps them in step).
BURST_TIERS = {"Free/Starter": 100, "Professional/Enterprise": 190}
DAILY_CAPS = {"Free/Starter": 250_000, "Professional": 625_000, "Enterprise": 1_000_000}
INTERVAL_MS = 10_000
SEARCH_PER_SECOND = 5
CHANGE_SHARES = (0.0, 0.01, 0.10)
FULL_PASS = ("run", "tap-hubspot--associations-full", "target-postgres--hubspot")
DEFERRED_DUE = "deferred types due"
DUE_NOW = {"TAP_HUBSPOT_DEFERRED_CHECK_INTERVAL_S": "0"}


@dataclass(frozen=True)
class Spend:
    label: str
    requests: int
    throttled: int
    seconds: float
    records: int
    ok: bool
    searches: int = 0
    limit_per_10s: int = 0
    # From the run's first request to its last answer, as the mock saw them.
    span_s: float = 0.0
    endpoints: dict[str, int] = field(default_factory=dict)

    @property
    def least_seconds(self) -> float:
        """The shortest wall time the tier's limits allow for these requests: the burst
        limit for all of them, and search's own 5 a second for the searches."""
        burst = self.requests / (self.limit_per_10s / 10) if self.limit_per_10s else 0.0
        return max(burst, self.searches / SEARCH_PER_SECOND)

    @property
    def budget_use(self) -> float | None:
        """The share of the tier's budget a paced run used (1.0 = every slot)."""
        if not self.limit_per_10s:
            return None
        return self.least_seconds / self.seconds

    @property
    def budget_use_while_requesting(self) -> float | None:
        """The same share over the span in which the run sent requests: without Meltano's
        start, discovery's process start and the last load after the last answer."""
        if not self.limit_per_10s or not self.span_s:
            return None
        return self.least_seconds / self.span_s


@dataclass
class Economy:
    contacts: int
    objects: int
    spends: list[Spend] = field(default_factory=list)
    reconciled: str = "not checked"

    def get(self, label: str) -> Spend:
        return next(s for s in self.spends if s.label == label)


def _say(message: str) -> None:
    print(f"==> {message}", flush=True)


def _warehouse_now(settings: StackSettings) -> datetime:
    with psycopg.connect(warehouse_dsn(settings)) as connection:
        return connection.execute("select now()").fetchone()[0]


def _rows_loaded_since(settings: StackSettings, since: datetime) -> int:
    """Rows the run wrote (inserted or updated) into raw_hubspot."""
    with psycopg.connect(warehouse_dsn(settings)) as connection:
        tables = connection.execute(
            "select table_name from information_schema.tables where table_schema = 'raw_hubspot'"
        ).fetchall()
        return sum(
            connection.execute(
                f'select count(*) from raw_hubspot."{name}" where _sdc_batched_at >= %s',
                (since,),
            ).fetchone()[0]
            for (name,) in tables
        )


def _forget_hubspot(settings: StackSettings) -> None:
    """A first sync: no raw tables, no state, no cached definitions, an idle window."""
    with psycopg.connect(warehouse_dsn(settings), autocommit=True) as connection:
        connection.execute("drop schema if exists raw_hubspot cascade")
        connection.execute("delete from meltano.state where state_id like '%tap-hubspot%'")
    shutil.rmtree(hubspot_budget_dir(settings), ignore_errors=True)


def _measure(
    settings: StackSettings,
    label: str,
    args: tuple[str, ...],
    scratch: Path,
    log_dir: Path,
    limit_per_10s: int = 0,
    extra_env: dict[str, str] | None = None,
) -> Spend:
    env = {"HUBSPOT_RATE_LIMIT_MAX_REQUESTS": str(limit_per_10s), **(extra_env or {})}
    faults = {"rate_limit_max": limit_per_10s, "rate_limit_interval_ms": INTERVAL_MS}
    faults["rate_limit_search_secondly"] = SEARCH_PER_SECOND if limit_per_10s else 0
    mock_admin(settings, "PUT", "faults", faults)
    started = _warehouse_now(settings)
    mock_admin(settings, "DELETE", "requests")
    _say(f"economy: {label} (meltano {' '.join(args)})")
    name = "economy-" + label.replace(" ", "-").replace("/", "-").replace("%", "pct")
    run = run_commands(settings, [Command(name, args)], log_dir, scratch, extra_env=env)
    served = mock_admin(settings, "GET", "requests")
    spend = Spend(
        label,
        served["requests"],
        served["throttled"],
        run.seconds,
        _rows_loaded_since(settings, started),
        run.ok,
        served["searches"],
        limit_per_10s,
        (served["last_at"] or 0.0) - (served["first_at"] or 0.0),
        served["by_endpoint"],
    )
    _say(
        f"economy: {label}: {spend.requests:,} requests ({spend.searches:,} searches), "
        f"{spend.throttled} answered 429, "
        f"{spend.seconds:,.1f} s"
    )
    return spend


def _change(settings: StackSettings, share: float) -> None:
    if not share:
        return
    for object_type, counts in mock_admin(settings, "GET", "object-counts").items():
        update = round(counts["live"] * share)
        if update:
            body = {"object_type": object_type, "update": update, "seed": int(share * 100)}
            mock_admin(settings, "POST", "changes", body)


def run_economy(base: Path, seed: int, log_dir: Path, mock_scale: float = ECONOMY_SCALE) -> Economy:
    settings = private_settings(base / "economy-stack", seed, 0.01)
    settings = dataclasses.replace(settings, mock_env={"MOCK_HUBSPOT_SCALE": str(mock_scale)})
    scratch = base / "economy-scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    stack.up(settings)
    try:
        counts = mock_admin(settings, "GET", "object-counts")
        economy = Economy(counts["contacts"]["live"], sum(c["live"] for c in counts.values()))
        spends = economy.spends
        spends.append(
            _measure(settings, "stock first sync", ("run", "bench-hubspot-stock"), scratch, log_dir)
        )
        _forget_hubspot(settings)
        spends.append(_measure(settings, "first sync", ("run", "el-hubspot"), scratch, log_dir))
        for tier, limit in BURST_TIERS.items():
            _forget_hubspot(settings)
            spends.append(
                _measure(
                    settings, f"first sync, {tier}", ("run", "el-hubspot"), scratch, log_dir, limit
                )
            )
        for share in CHANGE_SHARES:
            _change(settings, share)
            label = f"{share:.0%} changed"
            spends.append(_measure(settings, label, ("run", "el-hubspot"), scratch, log_dir))
        # The run that finds the deferred object types due (6 h after their last search):
        # it reads their changes of the runs above.
        spends.append(
            _measure(settings, DEFERRED_DUE, ("run", "el-hubspot"), scratch, log_dir, 0, DUE_NOW)
        )
        spends.append(_measure(settings, "full association pass", FULL_PASS, scratch, log_dir))
        mock_admin(settings, "DELETE", "faults")
        with psycopg.connect(warehouse_dsn(settings)) as warehouse:
            comparisons = compare_hubspot(local_hubspot(settings), warehouse)
        economy.reconciled = (
            f"all {len(comparisons)} CRM object tables match the mock"
            if all(c.matches for c in comparisons)
            else "mismatch: " + ", ".join(c.name for c in comparisons if not c.matches)
        )
        return economy
    finally:
        stack.down(settings)
