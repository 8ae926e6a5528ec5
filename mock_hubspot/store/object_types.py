"""The CRM object types the mock serves, with HubSpot's names, aliases and ids."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ObjectType:
    name: str
    singular: str
    type_id: str
    base_count: int
    created_property: str
    modified_property: str
    default_properties: tuple[str, ...]
    search_properties: tuple[str, ...] = ()

    @property
    def first_id(self) -> int:
        return int(self.type_id.split("-")[1]) * 1_000_000_000 + 1

    @property
    def aliases(self) -> tuple[str, ...]:
        return (self.name, self.singular, self.type_id)

    @property
    def is_custom(self) -> bool:
        """A portal's own object type: HubSpot numbers those 2-<n>, its own 0-<n>."""
        return self.type_id.startswith(CUSTOM_TYPE_PREFIX)

    def fully_qualified_name(self, portal_id: int) -> str:
        return f"p{portal_id}_{self.name}"


CUSTOM_TYPE_PREFIX = "2-"
_ENGAGEMENT_DEFAULTS = ("hs_createdate", "hs_lastmodifieddate", "hs_object_id", "hs_timestamp")

OBJECT_TYPES: tuple[ObjectType, ...] = (
    ObjectType(
        "contacts",
        "contact",
        "0-1",
        100,
        "createdate",
        "lastmodifieddate",
        ("createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"),
        ("firstname", "lastname", "email", "phone"),
    ),
    ObjectType(
        "companies",
        "company",
        "0-2",
        30,
        "createdate",
        "hs_lastmodifieddate",
        ("createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"),
        ("name", "domain", "phone"),
    ),
    ObjectType(
        "deals",
        "deal",
        "0-3",
        50,
        "createdate",
        "hs_lastmodifieddate",
        (
            "amount",
            "closedate",
            "createdate",
            "dealname",
            "dealstage",
            "hs_lastmodifieddate",
            "hs_object_id",
            "pipeline",
        ),
        ("dealname",),
    ),
    ObjectType(
        "tickets",
        "ticket",
        "0-5",
        20,
        "createdate",
        "hs_lastmodifieddate",
        (
            "content",
            "createdate",
            "hs_lastmodifieddate",
            "hs_object_id",
            "hs_pipeline",
            "hs_pipeline_stage",
            "hs_ticket_category",
            "hs_ticket_priority",
            "hubspot_owner_id",
            "subject",
        ),
        ("subject", "content"),
    ),
    ObjectType(
        "products",
        "product",
        "0-7",
        12,
        "createdate",
        "hs_lastmodifieddate",
        (
            "createdate",
            "description",
            "hs_cost_of_goods_sold",
            "hs_lastmodifieddate",
            "hs_object_id",
            "hs_recurring_billing_period",
            "hs_sku",
            "name",
            "price",
        ),
        ("name", "hs_sku", "description"),
    ),
    ObjectType(
        "line_items",
        "line_item",
        "0-8",
        80,
        "createdate",
        "hs_lastmodifieddate",
        (
            "amount",
            "createdate",
            "hs_lastmodifieddate",
            "hs_object_id",
            "hs_product_id",
            "name",
            "price",
            "quantity",
        ),
        ("name",),
    ),
    ObjectType(
        "quotes",
        "quote",
        "0-14",
        10,
        "hs_createdate",
        "hs_lastmodifieddate",
        (
            "hs_createdate",
            "hs_expiration_date",
            "hs_lastmodifieddate",
            "hs_object_id",
            "hs_quote_amount",
            "hs_quote_number",
            "hs_status",
            "hs_terms",
            "hs_title",
            "hubspot_owner_id",
        ),
        ("hs_title",),
    ),
    ObjectType(
        "communications",
        "communication",
        "0-18",
        12,
        "hs_createdate",
        "hs_lastmodifieddate",
        (*_ENGAGEMENT_DEFAULTS, "hs_communication_channel_type"),
        ("hs_communication_body",),
    ),
    ObjectType(
        "feedback_submissions",
        "feedback_submission",
        "0-19",
        12,
        "hs_createdate",
        "hs_lastmodifieddate",
        (
            "hs_contact_email_address",
            "hs_content",
            "hs_createdate",
            "hs_lastmodifieddate",
            "hs_object_id",
            "hs_response_value",
            "hs_sentiment",
            "hs_submission_name",
            "hs_survey_type",
        ),
        ("hs_content",),
    ),
    ObjectType(
        "tasks",
        "task",
        "0-27",
        30,
        "hs_createdate",
        "hs_lastmodifieddate",
        (*_ENGAGEMENT_DEFAULTS, "hs_task_status", "hs_task_subject"),
        ("hs_task_subject", "hs_task_body"),
    ),
    ObjectType(
        "notes",
        "note",
        "0-46",
        40,
        "hs_createdate",
        "hs_lastmodifieddate",
        (*_ENGAGEMENT_DEFAULTS, "hs_note_body"),
        ("hs_note_body",),
    ),
    ObjectType(
        "meetings",
        "meeting",
        "0-47",
        20,
        "hs_createdate",
        "hs_lastmodifieddate",
        (*_ENGAGEMENT_DEFAULTS, "hs_meeting_title"),
        ("hs_meeting_title", "hs_meeting_body"),
    ),
    ObjectType(
        "calls",
        "call",
        "0-48",
        40,
        "hs_createdate",
        "hs_lastmodifieddate",
        (*_ENGAGEMENT_DEFAULTS, "hs_call_title"),
        ("hs_call_title", "hs_call_body"),
    ),
    ObjectType(
        "emails",
        "email",
        "0-49",
        40,
        "hs_createdate",
        "hs_lastmodifieddate",
        (*_ENGAGEMENT_DEFAULTS, "hs_email_subject"),
        ("hs_email_subject", "hs_email_text"),
    ),
    ObjectType(
        "goal_targets",
        "goal_target",
        "0-74",
        8,
        "hs_createdate",
        "hs_lastmodifieddate",
        (
            "hs_createdate",
            "hs_end_datetime",
            "hs_goal_name",
            "hs_lastmodifieddate",
            "hs_object_id",
            "hs_start_datetime",
            "hs_target_amount",
        ),
        ("hs_goal_name",),
    ),
    ObjectType(
        "postal_mail",
        "postal_mail",
        "0-116",
        6,
        "hs_createdate",
        "hs_lastmodifieddate",
        (*_ENGAGEMENT_DEFAULTS, "hs_postal_mail_body"),
        ("hs_postal_mail_body",),
    ),
    ObjectType(
        "leads",
        "lead",
        "0-136",
        15,
        "hs_createdate",
        "hs_lastmodifieddate",
        (
            "hs_createdate",
            "hs_lastmodifieddate",
            "hs_lead_name",
            "hs_object_id",
            "hs_pipeline",
            "hs_pipeline_stage",
        ),
        ("hs_lead_name",),
    ),
    # The portal's custom object (blueprints/custom.py); as many records as the portal
    # plans supervision agreements (store/agreements.py), whatever the scale.
    ObjectType(
        "supervision_agreement",
        "supervision_agreement",
        "2-7710001",
        0,
        "hs_createdate",
        "hs_lastmodifieddate",
        ("hs_createdate", "hs_lastmodifieddate", "hs_object_id"),
        ("agreement_name", "physician_email", "provider_email"),
    ),
)

_BY_ALIAS = {alias: otype for otype in OBJECT_TYPES for alias in otype.aliases}


# Standard HubSpot object types this portal has no records of: only their properties are
# described (object reads of them answer 400, as for any type the mock does not serve).
EMPTY_STANDARD_TYPES = ("deal_split", "deal_splits", "form", "forms")


def resolve_object_type(name: str, portal_id: int | None = None) -> ObjectType | None:
    """By name, singular or type id; a custom type also by its fully qualified name in the
    given portal (`p<portalId>_<name>`)."""
    key = name.lower()
    prefix = f"p{portal_id}_"
    if portal_id is not None and key.startswith(prefix):
        otype = _BY_ALIAS.get(key.removeprefix(prefix))
        return otype if otype is not None and otype.is_custom else None
    return _BY_ALIAS.get(key)


def singular_name(name: str) -> str:
    otype = resolve_object_type(name)
    if otype is None:
        raise KeyError(name)
    return otype.singular
