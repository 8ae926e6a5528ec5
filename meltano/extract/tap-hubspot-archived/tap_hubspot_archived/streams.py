"""One stream per CRM object type: `GET /crm/v3/objects/{type}?archived=true`.

Each stream has the same name as tap-hubspot's stream for that type and carries only the
id, `archived`, `archivedAt` and `updatedAt`, plus `_sdc_deleted_at` = `archivedAt`. Loaded
by the same target into the same raw table, the upsert on `id` flags the archived row in
place (soft delete) and leaves its other columns as they were.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from singer_sdk import typing as th
from singer_sdk.authenticators import BearerTokenAuthenticator
from singer_sdk.pagination import JSONPathPaginator
from singer_sdk.streams import RESTStream
from tap_hubspot_budgeted.requests_mixin import BudgetedRequests

PAGE_SIZE = 100

# tap-hubspot stream name == CRM object type for these.
OBJECT_TYPES = (
    "contacts",
    "companies",
    "deals",
    "tickets",
    "products",
    "line_items",
    "quotes",
    "leads",
    "feedback_submissions",
    "goal_targets",
    "calls",
    "communications",
    "emails",
    "meetings",
    "notes",
    "postal_mail",
    "tasks",
)


class ArchivedObjectsStream(BudgetedRequests, RESTStream):
    """Paced on the portal's shared window, like tap-hubspot (tap_hubspot_budgeted)."""

    url_base = "https://api.hubapi.com"
    primary_keys = ("id",)
    records_jsonpath = "$.results[*]"
    next_page_token_jsonpath = "$.paging.next.after"
    schema = th.PropertiesList(
        th.Property("id", th.StringType, required=True),
        th.Property("archived", th.BooleanType),
        th.Property("archivedAt", th.DateTimeType),
        th.Property("updatedAt", th.DateTimeType),
        th.Property("_sdc_deleted_at", th.DateTimeType),
    ).to_dict()

    def __init__(self, tap: Any, object_type: str) -> None:
        self.object_type = object_type
        super().__init__(tap, name=object_type, path=f"/crm/v3/objects/{object_type}")

    @property
    def authenticator(self) -> BearerTokenAuthenticator:
        return BearerTokenAuthenticator(self, token=self.config["access_token"])

    def get_new_paginator(self) -> JSONPathPaginator:
        return JSONPathPaginator(self.next_page_token_jsonpath)

    def get_url_params(self, context: Any, next_page_token: Any) -> dict[str, Any]:
        params: dict[str, Any] = {"archived": "true", "limit": PAGE_SIZE}
        if next_page_token:
            params["after"] = next_page_token
        return params

    def parse_response(self, response: Any) -> Iterable[dict[str, Any]]:
        for record in response.json().get("results", []):
            yield {
                "id": record["id"],
                "archived": True,
                "archivedAt": record.get("archivedAt"),
                "updatedAt": record.get("updatedAt"),
                "_sdc_deleted_at": record.get("archivedAt") or record.get("updatedAt"),
            }
