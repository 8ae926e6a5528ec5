"""Rendering store objects in HubSpot's JSON wire format."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mock_hubspot.store.clock import iso_ms, parse_instant
from mock_hubspot.store.collection import Record
from mock_hubspot.store.custom_schemas import CustomSchema
from mock_hubspot.store.directory import Owner, Team
from mock_hubspot.store.object_types import ObjectType
from mock_hubspot.store.pipelines import Pipeline, Stage
from mock_hubspot.store.properties import (
    CUSTOM_CREATED_MS,
    HUBSPOT_DEFINED_CREATED_MS,
    PropertyDef,
)
from mock_hubspot.store.subscriptions import SubscriptionType


def requested_properties(raw: Iterable[str]) -> list[str] | None:
    """`properties=a,b&properties=c` -> [a, b, c]; nothing requested -> None."""
    names = [name.strip() for value in raw for name in value.split(",") if name.strip()]
    return names or None


def crm_object(
    record: Record,
    otype: ObjectType,
    requested: list[str] | None,
    associations: dict[str, list[dict[str, str]]] | None = None,
    history: dict[str, list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """Requested properties that exist come back (null when unset); HubSpot always adds the
    record id and the create/modify dates. `propertiesWithHistory` and `associations` come
    only when asked for; an association type with no links is left out, as HubSpot does."""
    names = list(requested) if requested is not None else list(otype.default_properties)
    names += ["hs_object_id", otype.created_property, otype.modified_property]
    values = record.properties
    body: dict[str, Any] = {
        "id": record.id,
        "properties": {name: values[name] for name in dict.fromkeys(names) if name in values},
        "createdAt": iso_ms(record.created_ms),
        "updatedAt": iso_ms(record.updated_ms),
        "archived": record.archived_ms is not None,
    }
    if history is not None:
        body["propertiesWithHistory"] = history
    if record.archived_ms is not None:
        body["archivedAt"] = iso_ms(record.archived_ms)
    if associations:
        body["associations"] = {
            to_type: {"results": links} for to_type, links in associations.items() if links
        }
    return body


def association_type_name(
    from_otype: ObjectType, to_otype: ObjectType, label: str | None, has_primary: bool
) -> str:
    """v3's names for v4 association types: `contact_to_company` (the primary one where a
    pair has one), `contact_to_company_unlabeled` beside it, else `deal_to_contact`."""
    base = f"{from_otype.singular}_to_{to_otype.singular}"
    if label is not None:
        return base
    return f"{base}_unlabeled" if has_primary else base


def property_versions(versions: list[tuple[int, str | None]]) -> list[dict[str, Any]]:
    """One property's history, newest first, as `propertiesWithHistory` lists it."""
    return [
        {"value": value or "", "timestamp": iso_ms(at), "sourceType": "CRM_UI"}
        for at, value in versions
    ]


def property_definition_v2(prop: PropertyDef) -> dict[str, Any]:
    """The legacy `/properties/v2/{type}/properties` entry: epoch-ms dates, v2 flags."""
    v3 = property_definition(prop)
    return {
        "name": prop.name,
        "label": prop.label,
        "description": prop.description,
        "groupName": prop.group_name,
        "type": prop.type,
        "fieldType": prop.field_type,
        "options": [{**option, "readOnly": False, "doubleData": None} for option in v3["options"]],
        "displayOrder": v3["displayOrder"],
        "calculated": prop.calculated,
        "externalOptions": v3["externalOptions"],
        "hasUniqueValue": prop.has_unique_value,
        "hidden": prop.hidden,
        "hubspotDefined": prop.hubspot_defined,
        "readOnlyValue": v3["modificationMetadata"]["readOnlyValue"],
        "readOnlyDefinition": v3["modificationMetadata"]["readOnlyDefinition"],
        "mutableDefinitionNotDeletable": prop.hubspot_defined,
        "formField": v3["formField"],
        "deleted": False,
        "favorited": False,
        "displayMode": "current_value",
        "createdAt": parse_instant(v3["createdAt"]),
        "updatedAt": parse_instant(v3["updatedAt"]),
    }


def paged(results: list[dict[str, Any]], after: str | None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {**extra, "results": results}
    if after is not None:
        body["paging"] = {"next": {"after": after, "link": f"?after={after}"}}
    return body


def property_definition(prop: PropertyDef) -> dict[str, Any]:
    created = HUBSPOT_DEFINED_CREATED_MS if prop.hubspot_defined else CUSTOM_CREATED_MS
    updated = created + 86_400_000
    if prop.created_ms is not None:
        created = updated = prop.created_ms
    body: dict[str, Any] = {
        "updatedAt": iso_ms(updated),
        "createdAt": iso_ms(created),
        "name": prop.name,
        "label": prop.label,
        "type": prop.type,
        "fieldType": prop.field_type,
        "description": prop.description,
        "groupName": prop.group_name,
        "options": [
            {
                "label": option.label,
                "value": option.value,
                "description": "",
                "displayOrder": option.display_order,
                "hidden": option.hidden,
            }
            for option in prop.options
        ],
        "displayOrder": -1 if prop.hubspot_defined else 0,
        "calculated": prop.calculated,
        "externalOptions": prop.name == "hubspot_owner_id",
        "hasUniqueValue": prop.has_unique_value,
        "hidden": prop.hidden,
        "hubspotDefined": prop.hubspot_defined,
        "modificationMetadata": {
            "archivable": not prop.hubspot_defined,
            "readOnlyDefinition": prop.hubspot_defined,
            "readOnlyValue": prop.read_only or prop.calculated,
        },
        "formField": prop.type != "datetime" and not prop.read_only,
        "dataSensitivity": "non_sensitive",
    }
    if not prop.hubspot_defined:
        body["createdUserId"] = "9800000"
        body["updatedUserId"] = "9800000"
    return body


def owner(item: Owner, teams: dict[str, Team]) -> dict[str, Any]:
    team = teams[item.team_id]
    return {
        "id": item.id,
        "email": item.email,
        "type": "PERSON",
        "firstName": item.first_name,
        "lastName": item.last_name,
        "userId": item.user_id,
        "userIdIncludingInactive": item.user_id,
        "createdAt": iso_ms(item.created_ms),
        "updatedAt": iso_ms(item.updated_ms),
        "archived": item.archived,
        "teams": [{"id": team.id, "name": team.name, "primary": True}],
    }


def user(item: Owner) -> dict[str, Any]:
    return {
        "id": str(item.user_id),
        "email": item.email,
        "firstName": item.first_name,
        "lastName": item.last_name,
        "roleIds": [item.role_id],
        "roleId": item.role_id,
        "primaryTeamId": item.team_id,
        "secondaryTeamIds": [],
        "superAdmin": item.super_admin,
    }


def team(item: Team) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name,
        "userIds": list(item.user_ids),
        "secondaryUserIds": list(item.secondary_user_ids),
    }


def _stage_instants(stage: Stage, pipeline: Pipeline) -> tuple[int, int]:
    """A stage's created/updated epoch ms: its pipeline's, a second apart per stage."""
    offset = stage.display_order * 1_000 + 1
    return pipeline.created_ms + offset, pipeline.updated_ms + offset


def _stage_v1(stage: Stage, pipeline: Pipeline) -> dict[str, Any]:
    """Legacy v1 stage; deal stages carry isClosed as a boolean and probability as a string
    (what tap-hubspot's schema declares), ticket stages carry strings."""
    if pipeline.object_type == "DEAL":
        metadata: dict[str, Any] = {"isClosed": stage.closed, "probability": str(stage.probability)}
    else:
        metadata = {"isClosed": str(stage.closed).lower(), "ticketState": stage.ticket_state}
    created, updated = _stage_instants(stage, pipeline)
    return {
        "stageId": stage.stage_id,
        "label": stage.label,
        "displayOrder": stage.display_order,
        "metadata": metadata,
        "createdAt": created,
        "updatedAt": updated,
        "active": True,
    }


def _stage_v3(stage: Stage, pipeline: Pipeline) -> dict[str, Any]:
    """v3 stage: every metadata value is a string, dates are ISO instants."""
    metadata = {"isClosed": str(stage.closed).lower()}
    if pipeline.object_type == "DEAL":
        metadata["probability"] = str(stage.probability)
    else:
        metadata["ticketState"] = str(stage.ticket_state)
    created, updated = _stage_instants(stage, pipeline)
    return {
        "id": stage.stage_id,
        "label": stage.label,
        "displayOrder": stage.display_order,
        "metadata": metadata,
        "createdAt": iso_ms(created),
        "updatedAt": iso_ms(updated),
        "archived": False,
        "writePermissions": "CRM_PERMISSIONS_ENFORCEMENT",
    }


def pipeline_stages_v3(item: Pipeline) -> list[dict[str, Any]]:
    return [_stage_v3(stage, item) for stage in item.stages]


def pipeline_v3(item: Pipeline) -> dict[str, Any]:
    return {
        "id": item.pipeline_id,
        "label": item.label,
        "displayOrder": item.display_order,
        "stages": pipeline_stages_v3(item),
        "createdAt": iso_ms(item.created_ms),
        "updatedAt": iso_ms(item.updated_ms),
        "archived": False,
    }


def pipeline_v1(item: Pipeline) -> dict[str, Any]:
    return {
        "pipelineId": item.pipeline_id,
        "label": item.label,
        "displayOrder": item.display_order,
        "active": True,
        "stages": [_stage_v1(stage, item) for stage in item.stages],
        "objectType": item.object_type,
        "objectTypeId": item.object_type_id,
        "createdAt": item.created_ms,
        "updatedAt": item.updated_ms,
        "default": item.default,
    }


def subscription_type(item: SubscriptionType, portal_id: int) -> dict[str, Any]:
    return {
        "id": item.id,
        "portalId": portal_id,
        "name": item.name,
        "description": item.description,
        "active": item.active,
        "internal": item.internal,
        "category": item.category,
        "channel": item.channel,
        "internalName": item.name.upper().replace(" ", "_"),
        "businessUnitId": item.business_unit_id,
    }


def object_schema(
    otype: ObjectType,
    schema: CustomSchema,
    catalog: dict[str, PropertyDef],
    portal_id: int,
    associations: list[tuple[ObjectType, int]],
) -> dict[str, Any]:
    """A custom object type as the schemas API describes it; `associations` are the other
    object types with the association type id from this one to each."""
    created, updated = iso_ms(schema.created_ms), iso_ms(schema.created_ms + 86_400_000)
    return {
        "id": otype.type_id.split("-", 1)[1],
        "objectTypeId": otype.type_id,
        "name": otype.name,
        "fullyQualifiedName": otype.fully_qualified_name(portal_id),
        "labels": {"singular": schema.singular_label, "plural": schema.plural_label},
        "primaryDisplayProperty": schema.primary_display_property,
        "secondaryDisplayProperties": list(schema.secondary_display_properties),
        "requiredProperties": list(schema.required_properties),
        "searchableProperties": list(otype.search_properties),
        "properties": [{**property_definition(p), "archived": False} for p in catalog.values()],
        "associations": [
            {
                "id": str(type_id),
                "fromObjectTypeId": otype.type_id,
                "toObjectTypeId": other.type_id,
                "name": f"{otype.singular}_to_{other.singular}",
                "createdAt": created,
                "updatedAt": updated,
            }
            for other, type_id in associations
        ],
        "metaType": "PORTAL_SPECIFIC",
        "archived": False,
        "createdAt": created,
        "updatedAt": updated,
    }
