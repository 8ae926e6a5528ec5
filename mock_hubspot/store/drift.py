"""Schema drift: a custom property defined in the portal after the fixtures were made.

The new property is listed by the properties API from then on and is null on every record
until given a value: right away on the first `apply_to` live records by id (their
last-modified dates move past the portal's current maximum, like the change simulation's
updates), and on every record a later change simulation updates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from mock_hubspot.store.errors import InvalidRequest, ObjectNotFound
from mock_hubspot.store.object_types import resolve_object_type
from mock_hubspot.store.portal import Portal
from mock_hubspot.store.properties import Option, PropertyDef, label_of

FIELD_TYPES = {
    "string": ("text", "textarea"),
    "number": ("number",),
    "enumeration": ("select", "radio"),
}
KEYS = {
    "name",
    "label",
    "type",
    "fieldType",
    "groupName",
    "description",
    "options",
    "value",
    "apply_to",
}
NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,99}")


@dataclass(frozen=True)
class DriftRequest:
    definition: PropertyDef
    value: str | None = None
    apply_to: int = 0


@dataclass(frozen=True)
class DriftResult:
    object_type: str
    definition: PropertyDef
    updated: list[str] = field(default_factory=list)


def _string(body: dict[str, Any], key: str, default: str) -> str:
    value = body.get(key, default)
    if not isinstance(value, str):
        raise InvalidRequest(f"'{key}' must be a string")
    return value


def _options(raw: Any, prop_type: str) -> tuple[Option, ...]:
    if prop_type != "enumeration":
        if raw not in (None, []):
            raise InvalidRequest(f"Properties of type {prop_type} take no options")
        return ()
    if not isinstance(raw, list) or not raw:
        raise InvalidRequest("An enumeration property needs a non-empty 'options' list")
    options = []
    for order, item in enumerate(raw):
        item = {"value": item} if isinstance(item, str) else item
        value = item.get("value") if isinstance(item, dict) else None
        label = item.get("label", value) if isinstance(item, dict) else None
        if not isinstance(value, str) or not value or not isinstance(label, str):
            raise InvalidRequest("Each option must be a string or an object with a 'value'")
        options.append(Option(value, label, order, bool(item.get("hidden", False))))
    if len({option.value for option in options}) < len(options):
        raise InvalidRequest("Option values must be unique")
    return tuple(options)


def _value(raw: Any, prop: PropertyDef) -> str | None:
    if raw is None:
        return None
    if prop.type == "number" and isinstance(raw, int | float) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        raise InvalidRequest("'value' must be a string")
    if prop.type == "number":
        try:
            float(raw)
        except ValueError:
            raise InvalidRequest(f"{raw!r} is not a valid number for {prop.name}") from None
    if prop.options and raw not in {option.value for option in prop.options}:
        raise InvalidRequest(f"{raw!r} is not one of the options of {prop.name}")
    return raw


def parse_drift(body: Any, group: str) -> DriftRequest:
    """Validate a property-creation body; `group` is the default groupName."""
    if not isinstance(body, dict):
        raise InvalidRequest("Body must be a JSON object describing the property")
    if unknown := sorted(set(body) - KEYS):
        raise InvalidRequest(f"Unknown field(s): {', '.join(unknown)}")
    name = body.get("name")
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise InvalidRequest("'name' must be lowercase letters, digits and underscores")
    if name.startswith("hs_"):
        raise InvalidRequest("Property names starting with 'hs_' are reserved by HubSpot")
    prop_type = _string(body, "type", "string")
    if prop_type not in FIELD_TYPES:
        raise InvalidRequest(f"'type' must be one of {', '.join(FIELD_TYPES)}")
    field_type = _string(body, "fieldType", FIELD_TYPES[prop_type][0])
    if field_type not in FIELD_TYPES[prop_type]:
        raise InvalidRequest(f"fieldType {field_type!r} does not go with type {prop_type!r}")
    apply_to = body.get("apply_to", 0)
    if isinstance(apply_to, bool) or not isinstance(apply_to, int) or apply_to < 0:
        raise InvalidRequest("'apply_to' must be a non-negative integer")
    definition = PropertyDef(
        name=name,
        label=_string(body, "label", label_of(name)) or label_of(name),
        type=prop_type,
        field_type=field_type,
        group_name=_string(body, "groupName", group),
        description=_string(body, "description", ""),
        options=_options(body.get("options"), prop_type),
        hubspot_defined=False,
    )
    value = _value(body.get("value"), definition)
    if apply_to and value is None:
        raise InvalidRequest("'apply_to' needs a 'value' to give the records")
    return DriftRequest(definition, value, apply_to)


def add_property(portal: Portal, object_type: str, body: Any) -> DriftResult:
    otype = resolve_object_type(object_type)
    if otype is None:
        raise ObjectNotFound(f"Unable to infer object type from: {object_type}")
    collection = portal.collections[otype.name]
    request = parse_drift(body, collection.catalog[otype.modified_property].group_name)
    name = request.definition.name
    if name in collection.catalog:
        raise InvalidRequest(f"A property named '{name}' already exists on {otype.name}")
    if request.apply_to > collection.live_count:
        raise InvalidRequest(f"Only {collection.live_count} live {otype.name} to apply to")
    definition = replace(request.definition, created_ms=portal.next_instant())
    collection.add_property(definition, request.value)
    result = DriftResult(otype.name, definition)
    for index in list(collection.live_indices[: request.apply_to]):
        collection.update(index, {name: request.value}, portal.next_instant())
        result.updated.append(collection.record_id(index))
    return result
