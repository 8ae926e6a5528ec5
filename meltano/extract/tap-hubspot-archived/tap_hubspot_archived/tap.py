"""tap-hubspot-archived: settings and stream list."""

from __future__ import annotations

import typing as t
from functools import cached_property

from singer_sdk import Tap
from singer_sdk import typing as th
from tap_hubspot_budgeted.budget import Budget, portal_budget
from tap_hubspot_budgeted.settings import SETTINGS
from tap_hubspot_budgeted.warnings_once import log_each_warning_once

from tap_hubspot_archived.streams import OBJECT_TYPES, ArchivedObjectsStream


class TapHubspotArchived(Tap):
    name = "tap-hubspot-archived"
    config_jsonschema: t.ClassVar[dict] = th.PropertiesList(
        th.Property(
            "access_token",
            th.StringType,
            required=True,
            secret=True,
            description="A HubSpot private-app access token with CRM read scopes",
        ),
        th.Property(
            "object_types",
            th.ArrayType(th.StringType),
            description="CRM object types to read archived records of (default: all)",
        ),
    ).to_dict()
    # The rate-limit settings of tap-hubspot-budgeted (settings.py), for the shared budget.
    config_jsonschema["properties"].update(
        {
            name: definition
            for name, definition in SETTINGS["properties"].items()
            if name.startswith(("rate_limit", "search_rate", "daily_", "portal_", "budget_"))
        }
    )

    def __init__(self, *args: t.Any, **kwargs: t.Any) -> None:
        log_each_warning_once()
        super().__init__(*args, **kwargs)

    @cached_property
    def budget(self) -> Budget:
        return portal_budget(self.config, self.logger)

    def discover_streams(self) -> list[ArchivedObjectsStream]:
        wanted = self.config.get("object_types") or OBJECT_TYPES
        return [ArchivedObjectsStream(self, object_type) for object_type in wanted]


if __name__ == "__main__":
    TapHubspotArchived.cli()
