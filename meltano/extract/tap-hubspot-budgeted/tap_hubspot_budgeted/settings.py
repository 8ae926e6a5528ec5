"""The settings this tap adds to tap-hubspot's."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from singer_sdk import typing as th

from tap_hubspot_budgeted.associations import CHANGED, FULL
from tap_hubspot_budgeted.config_number import config_number
from tap_hubspot_budgeted.deferred_objects import DEFERRED_CHECK_S
from tap_hubspot_budgeted.tiers import RateLimits

DEFAULTS = RateLimits()
# Long enough for a sync that starts right after its discovery, and no longer.
SAME_RUN_S = 900
# How long property definitions are reused: a new portal property becomes a column within
# this time; each refresh costs one request per object type.
PROPERTY_REFRESH_S = 6 * 3600
# How long owners, users, teams, pipelines and subscription types are reused (references.py).
REFERENCE_REFRESH_S = 6 * 3600

SETTINGS = th.PropertiesList(
    th.Property(
        "association_sync",
        th.StringType(allowed_values=[CHANGED, FULL]),
        default=CHANGED,
        description=(
            "changed: read the associations of the records this run read as changed (the "
            "frequent path); full: read every record's associations and flag the ones gone "
            "as deleted (the periodic pass)"
        ),
    ),
    th.Property(
        "rate_limit_max_requests",
        th.IntegerType,
        default=DEFAULTS.max_requests,
        description="The app's burst limit per interval: 100 (Free/Starter), 190 "
        "(Professional/Enterprise); 0 turns pacing off",
    ),
    th.Property("rate_limit_interval_ms", th.IntegerType, default=DEFAULTS.interval_ms),
    th.Property(
        "search_rate_limit_per_second",
        th.IntegerType,
        default=DEFAULTS.search_per_second,
        description="CRM search requests per second (HubSpot: 5)",
    ),
    th.Property(
        "daily_request_cap",
        th.IntegerType,
        default=DEFAULTS.daily_cap,
        description="The portal's daily cap: 250000 (Free/Starter), 625000 "
        "(Professional), 1000000 (Enterprise); used in the cap-reached message",
    ),
    th.Property(
        "rate_limit_headroom",
        # A number, or one spelled as a string: Meltano's `decimal` kind turns an
        # environment value into a Decimal that Meltano 4.4 then fails to serialise, so the
        # project declares the setting a string (tap-hubspot.meltano.yml).
        th.CustomType({"type": ["number", "string"], "pattern": r"^\d+(\.\d+)?$"}),
        default=DEFAULTS.headroom,
        description="How much longer than the tier's interval each window is taken to be "
        "(0.03 = 3%), so that a limiter on HubSpot's side that counts a little differently "
        "does not answer 429",
    ),
    th.Property("portal_time_zone", th.StringType, default=DEFAULTS.portal_time_zone),
    th.Property(
        "budget_dir",
        th.StringType,
        description="Where the shared rate window and the property cache live; every "
        "pipeline of one portal must share it (default: .meltano/hubspot-budget)",
    ),
    th.Property(
        "property_cache_max_age_s",
        th.IntegerType,
        default=PROPERTY_REFRESH_S,
        description="How long property definitions and custom object schemas read from "
        "HubSpot are reused by later runs (discovery, stream schemas, the `properties` "
        "stream): a property added in the portal becomes a column within this time, and "
        "the records given a value meanwhile are re-read then; 0 reads them on every run",
    ),
    th.Property(
        "reference_max_age_s",
        th.IntegerType,
        default=REFERENCE_REFRESH_S,
        description="How long owners, users, teams, pipelines and subscription types stay "
        "as last read: a run reads a list again once its last read is this old, or when a "
        "record it read as changed names an owner, pipeline or stage the list lacks; 0 "
        "reads them on every run",
    ),
    th.Property(
        "deferred_object_types",
        th.ArrayType(th.StringType),
        default=[],
        description="Object streams (by name: products, quotes, ...) searched only when "
        "their last search is deferred_check_interval_s old, instead of on every run: each "
        "saves one search per run, and its changes arrive up to that much later, none lost "
        "(deferred_objects.py)",
    ),
    th.Property(
        "deferred_check_interval_s",
        th.IntegerType,
        default=DEFERRED_CHECK_S,
        description="How often the deferred object types are searched; 0 searches them on "
        "every run",
    ),
    th.Property(
        "fast_record_messages",
        th.BooleanType,
        default=True,
        description="Build RECORD messages with the tap's own flattening and type "
        "conformance (record_messages.py): the same messages as singer-sdk's, with a "
        "fraction of its CPU; false uses singer-sdk's",
    ),
    th.Property(
        "read_ahead",
        th.BooleanType,
        default=True,
        description="Send the next request (the next page, or the next association batch "
        "read) while the current one's records are processed: the same requests in the "
        "same order, one at a time (read_ahead.py); false waits as singer-sdk does",
    ),
).to_dict()


def rate_limits(config: dict[str, Any]) -> RateLimits:
    return RateLimits(
        max_requests=int(config_number(config, "rate_limit_max_requests", DEFAULTS.max_requests)),
        interval_ms=int(config_number(config, "rate_limit_interval_ms", DEFAULTS.interval_ms)),
        search_per_second=int(
            config_number(config, "search_rate_limit_per_second", DEFAULTS.search_per_second)
        ),
        daily_cap=int(config_number(config, "daily_request_cap", DEFAULTS.daily_cap)),
        headroom=config_number(config, "rate_limit_headroom", DEFAULTS.headroom),
        portal_time_zone=config.get("portal_time_zone") or DEFAULTS.portal_time_zone,
    )


def budget_root(config: dict[str, Any]) -> Path:
    if config.get("budget_dir"):
        return Path(config["budget_dir"])
    project = os.environ.get("MELTANO_PROJECT_ROOT")
    base = Path(project) / ".meltano" if project else Path(tempfile.gettempdir())
    return base / "hubspot-budget"


def property_cache_max_age_s(config: dict[str, Any]) -> float:
    return config_number(config, "property_cache_max_age_s", PROPERTY_REFRESH_S)


def reference_max_age_s(config: dict[str, Any]) -> float:
    return config_number(config, "reference_max_age_s", REFERENCE_REFRESH_S)
