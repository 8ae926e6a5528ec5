"""The API-economy section of the bench report: measured runs, then projections."""

from __future__ import annotations

import math

from bench.hubspot_economy import BURST_TIERS, DAILY_CAPS, Economy, Spend

PORTAL_SIZES = (10_000, 100_000, 1_000_000)
# A paced first sync may take at most this much longer than requests / rate.
PACING_SLACK = 1.11


def _row(spend: Spend) -> str:
    per_request = spend.records / spend.requests if spend.requests else 0.0
    use = spend.budget_use
    share_429 = spend.throttled / spend.requests if spend.requests else 0.0
    return (
        f"| {spend.label} | {spend.requests:,} | {spend.throttled} ({share_429:.1%}) | "
        f"{per_request:,.1f} | {spend.seconds:,.1f} | "
        f"{'-' if use is None else f'{use:.0%}'} | {'ok' if spend.ok else 'FAILED'} |"
    )


def _scaled(fixed: int, measured: int, factor: float) -> float:
    """A run's requests at `factor` times the portal: the no-change part stays fixed."""
    return fixed + max(0, measured - fixed) * factor


def render_economy(economy: Economy) -> str:
    first = economy.get("first sync")
    stock = economy.get("stock first sync")
    unchanged = economy.get("0% changed")
    one = economy.get("1% changed")
    ten = economy.get("10% changed")
    full = economy.get("full association pass")
    lines = [
        f"## HubSpot API economy (mock at {economy.contacts:,} contacts)",
        "",
        "| run | requests | 429s | records/request | wall s | budget use | |",
        "|---|---:|---:|---:|---:|---:|---|",
        *(_row(s) for s in economy.spends),
        "",
        f"- No-change `el-hubspot`: {unchanged.requests:,} requests = "
        f"{unchanged.requests / first.requests:.1%} of its first sync "
        f"({stock.requests:,} for the stock tap's first sync: "
        f"{unchanged.requests / stock.requests:.1%} of that). "
        f"1% changed: {one.requests:,}; 10% changed: {ten.requests:,}.",
        f"- Unpaced headroom: {first.requests / first.seconds:,.1f} requests/s "
        f"({first.records / first.seconds:,.0f} records/s) on this machine.",
    ]
    for tier, limit in BURST_TIERS.items():
        paced = economy.get(f"first sync, {tier}")
        bound = paced.requests / (limit / 10) * PACING_SLACK
        verdict = "within" if paced.seconds <= bound else "OVER"
        lines.append(
            f"- {tier} ({limit}/10 s): {paced.seconds:,.1f} s for {paced.requests:,} requests, "
            f"{verdict} requests / {limit / 10:g} per s x {PACING_SLACK} = {bound:,.1f} s; "
            f"{paced.throttled} answered 429."
        )
    lines.append(f"- Reconciliation after the runs: {economy.reconciled}.")
    lines += [
        "",
        "Projected from the figures above (requests scale with the portal, the no-change "
        "cost stays fixed; incremental runs at 1% changed, after the daily full pass):",
        "",
        "| contacts | first sync requests | "
        + " | ".join(f"first sync at {limit}/10 s" for limit in BURST_TIERS.values())
        + " | 1%-changed run | "
        + " | ".join(f"runs/day in {cap:,}" for cap in DAILY_CAPS.values())
        + " |",
        "|---:|---:|" + "---:|" * len(BURST_TIERS) + "---:|" + "---:|" * len(DAILY_CAPS),
    ]
    for size in PORTAL_SIZES:
        factor = size / economy.contacts
        first_n = _scaled(unchanged.requests, first.requests, factor)
        durations = []
        for tier, limit in BURST_TIERS.items():
            use = min(1.0, economy.get(f"first sync, {tier}").budget_use or 1.0)
            durations.append(_duration(first_n / (limit / 10 * use)))
        run_n = _scaled(unchanged.requests, one.requests, factor)
        full_n = full.requests * factor
        runs = [max(0, math.floor((cap - full_n) / run_n)) for cap in DAILY_CAPS.values()]
        lines.append(
            f"| {size:,} | {first_n:,.0f} | "
            + " | ".join(durations)
            + f" | {run_n:,.0f} | "
            + " | ".join(f"{r:,}" for r in runs)
            + " |"
        )
    return "\n".join(lines)


def _duration(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds / 60:,.0f} min"
    return f"{seconds / 3600:,.1f} h"
