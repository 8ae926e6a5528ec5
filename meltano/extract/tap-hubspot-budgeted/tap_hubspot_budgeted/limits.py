"""HubSpot's rate limits as this tap reads them: the settings of a tier, and what a 429 says.

HubSpot answers 429 with a JSON body whose `policyName` says which budget ran out:
TEN_SECONDLY_ROLLING (the burst limit of the app), SECONDLY (search: 5 per second) or DAILY
(the portal's daily cap, reset at midnight in the portal's time zone).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import requests
from singer_sdk.exceptions import FatalAPIError

from tap_hubspot_budgeted.tiers import RateLimits

TEN_SECONDLY = "TEN_SECONDLY_ROLLING"
SECONDLY = "SECONDLY"
DAILY = "DAILY"


def policy_of(response: requests.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("policyName") if isinstance(body, dict) else None


def header_int(response: requests.Response, name: str) -> int | None:
    value = response.headers.get(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def next_midnight(time_zone: str, now: dt.datetime | None = None) -> dt.datetime:
    zone = ZoneInfo(time_zone)
    local = (now or dt.datetime.now(dt.UTC)).astimezone(zone)
    return dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), zone)


class DailyCapReached(FatalAPIError):
    """The portal's daily cap is used up: retrying before the reset only burns time."""

    def __init__(self, response: requests.Response, limits: RateLimits, sent: int) -> None:
        cap = header_int(response, "X-HubSpot-RateLimit-Daily") or limits.daily_cap
        remaining = header_int(response, "X-HubSpot-RateLimit-Daily-Remaining") or 0
        resets = next_midnight(limits.portal_time_zone)
        super().__init__(
            f"HubSpot's daily API cap is used up: {cap:,} requests a day, {cap - remaining:,} "
            f"used ({sent:,} by this run). It resets at midnight in the portal's time zone: "
            f"{resets.isoformat()} ({limits.portal_time_zone}; setting portal_time_zone). "
            "The run stops without retrying; streams already synced keep their state, so the "
            "next run after the reset continues from there. To fit the cap, run the "
            "incremental job less often or raise the portal's API tier."
        )
