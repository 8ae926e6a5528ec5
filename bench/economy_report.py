"""The API-economy section of the bench report: measured runs, then projections."""

from __future__ import annotations

from bench.hubspot_economy import BURST_TIERS, DAILY_CAPS, DEFERRED_DUE, Economy, Spend

PORTAL_SIZES = (10_000, 100_000, 1_000_000)
# A paced first sync may take at most this much longer than requests / rate.
PACING_SLACK = 1.11
# The deferred object types are due every 6 h (the tap's DEFERRED_CHECK_S; a unit test
# keeps the two in step): 4 runs a day.
DEFERRED_DUE_RUNS_PER_DAY = 4


def _row(spend: Spend) -> str:
    per_request = spend.records / spend.requests if spend.requests else 0.0
    use = spend.budget_use
    share_429 = spend.throttled / spend.requests if spend.requests else 0.0
    return (
        f"| {spend.label} | {spend.requests:,} | {spend.searches:,} | "
        f"{spend.throttled} ({share_429:.1%}) | "
        f"{per_request:,.1f} | {spend.seconds:,.1f} | "
        f"{'-' if use is None else f'{use:.0%}'} | {'ok' if spend.ok else 'FAILED'} |"
    )


def _projections(economy: Economy) -> list[str]:
    """Portal sizes from the measured runs. A first sync and the full pass grow with the
    portal; an incremental run costs the no-change run, one batch read per association
    pair with changes, and the changed records at the first sync's requests per record."""
    first = economy.get("first sync")
    unchanged = economy.get("0% changed")
    one = economy.get("1% changed")
    full = economy.get("full association pass")
    # What a run that finds the deferred types due costs beyond a no-change run, as
    # measured: their searches, with the changes of the runs before and their associations.
    deferred_extra = max(0, economy.get(DEFERRED_DUE).requests - unchanged.requests)
    per_record = (first.requests - unchanged.requests) / economy.objects
    lines = [
        "Projected from these figures for the shipped schedule (`elt-all-hourly` + "
        "`deletes-daily`), each hourly run with 1% of the records changed, "
        f"{DEFERRED_DUE_RUNS_PER_DAY} of them a day also finding the deferred object types "
        f"due (+{deferred_extra:,} requests each, as measured):",
        "",
        "| contacts | first sync requests | "
        + " | ".join(f"first sync at {limit}/10 s" for limit in BURST_TIERS.values())
        + " | hourly run | full pass | a day | "
        + " | ".join(f"of {cap:,}/day" for cap in DAILY_CAPS.values())
        + " |",
        "|---:|---:|" + "---:|" * len(BURST_TIERS) + "---:|---:|---:|" + "---:|" * len(DAILY_CAPS),
    ]
    for size in PORTAL_SIZES:
        factor = size / economy.contacts
        first_n = unchanged.requests + (first.requests - unchanged.requests) * factor
        durations = []
        for tier, limit in BURST_TIERS.items():
            use = min(1.0, economy.get(f"first sync, {tier}").budget_use or 1.0)
            durations.append(_duration(first_n / (limit / 10 * use)))
        changed = 0.01 * economy.objects * (factor - 1)
        hourly = one.requests + max(0.0, changed) * per_record
        full_n = full.requests * factor
        day = 24 * hourly + full_n + DEFERRED_DUE_RUNS_PER_DAY * deferred_extra
        lines.append(
            f"| {size:,} | {first_n:,.0f} | "
            + " | ".join(durations)
            + f" | {hourly:,.0f} | {full_n:,.0f} | {day:,.0f} | "
            + " | ".join(f"{day / cap:.0%}" for cap in DAILY_CAPS.values())
            + " |"
        )
    return lines


def render_economy(economy: Economy) -> str:
    first = economy.get("first sync")
    stock = economy.get("stock first sync")
    unchanged = economy.get("0% changed")
    one = economy.get("1% changed")
    ten = economy.get("10% changed")
    lines = [
        f"## HubSpot API economy (mock at {economy.contacts:,} contacts)",
        "",
        "| run | requests | searches | 429s | records/request | wall s | budget use | |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
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
    lines.append(f"- Where the no-change run's requests went: {_where(unchanged)}.")
    for tier, limit in BURST_TIERS.items():
        paced = economy.get(f"first sync, {tier}")
        bound = paced.requests / (limit / 10) * PACING_SLACK
        least = paced.least_seconds * PACING_SLACK
        lines.append(
            f"- {tier} ({limit}/10 s): {paced.seconds:,.1f} s for {paced.requests:,} requests "
            f"({paced.searches:,} searches); requests / {limit / 10:g} per s x {PACING_SLACK} "
            f"= {bound:,.1f} s ({'met' if paced.seconds <= bound else 'not met'}); with "
            f"search's 5 per s, the least time x {PACING_SLACK} = {least:,.1f} s "
            f"({'met' if paced.seconds <= least else 'not met'}); "
            f"{paced.throttled} answered 429. From the first request to the last answer: "
            f"{paced.span_s:,.1f} s, {_share(paced.budget_use_while_requesting)} of the budget "
            f"({paced.seconds - paced.span_s:,.1f} s of the run sent no request: Meltano's "
            "start, the tap's two process starts, the last load)."
        )
    lines.append(f"- Reconciliation after the runs: {economy.reconciled}.")
    lines += ["", *_projections(economy)]
    return "\n".join(lines)


def _where(spend: Spend) -> str:
    searches = sum(n for e, n in spend.endpoints.items() if e.endswith("/search"))
    other = {e: n for e, n in spend.endpoints.items() if not e.endswith("/search")}
    listed = ", ".join(f"{e} x{n}" for e, n in sorted(other.items())) or "nothing else"
    return f"{searches} searches (one per object stream with nothing new), {listed}"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _duration(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds / 60:,.0f} min"
    return f"{seconds / 3600:,.1f} h"
