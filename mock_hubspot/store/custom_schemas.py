"""What HubSpot's schemas API says of each custom object type beyond its properties."""

from __future__ import annotations

from dataclasses import dataclass

from mock_hubspot.store.properties import CUSTOM_CREATED_MS


@dataclass(frozen=True)
class CustomSchema:
    singular_label: str
    plural_label: str
    primary_display_property: str
    required_properties: tuple[str, ...]
    secondary_display_properties: tuple[str, ...] = ()
    created_ms: int = CUSTOM_CREATED_MS


CUSTOM_SCHEMAS: dict[str, CustomSchema] = {
    "supervision_agreement": CustomSchema(
        "Supervision agreement",
        "Supervision agreements",
        "agreement_name",
        ("agreement_name", "physician_email", "provider_email"),
        ("state", "agreement_status"),
    ),
}
