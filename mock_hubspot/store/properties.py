"""Property definitions, as the CRM properties API describes them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mock_hubspot.store.clock import ANCHOR_MS, DAY_MS

HUBSPOT_DEFINED_CREATED_MS = ANCHOR_MS - 2200 * DAY_MS + 491
CUSTOM_CREATED_MS = ANCHOR_MS - 200 * DAY_MS + 17


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    display_order: int
    hidden: bool = False


@dataclass(frozen=True)
class PropertyDef:
    name: str
    label: str
    type: str
    field_type: str
    group_name: str
    description: str = ""
    options: tuple[Option, ...] = ()
    hubspot_defined: bool = True
    calculated: bool = False
    read_only: bool = False
    has_unique_value: bool = False
    hidden: bool = False
    created_ms: int | None = None


def label_of(name: str) -> str:
    stem = name.removeprefix("hs_").replace("_", " ")
    return stem[:1].upper() + stem[1:]


def text(name: str, group: str, label: str = "", **extra: Any) -> PropertyDef:
    return PropertyDef(name, label or label_of(name), "string", "text", group, **extra)


def textarea(name: str, group: str, label: str = "", **extra: Any) -> PropertyDef:
    return PropertyDef(name, label or label_of(name), "string", "textarea", group, **extra)


def phone(name: str, group: str, label: str = "") -> PropertyDef:
    return PropertyDef(name, label or label_of(name), "string", "phonenumber", group)


def number(name: str, group: str, label: str = "", **extra: Any) -> PropertyDef:
    return PropertyDef(name, label or label_of(name), "number", "number", group, **extra)


def date(name: str, group: str, label: str = "") -> PropertyDef:
    return PropertyDef(name, label or label_of(name), "date", "date", group)


def datetime_(name: str, group: str, label: str = "", **extra: Any) -> PropertyDef:
    return PropertyDef(name, label or label_of(name), "datetime", "date", group, **extra)


def boolean(name: str, group: str, label: str = "", **extra: Any) -> PropertyDef:
    options = (Option("true", "Yes", 0), Option("false", "No", 1))
    return PropertyDef(
        name,
        label or label_of(name),
        "bool",
        "booleancheckbox",
        group,
        options=options,
        **extra,
    )


def select(
    name: str,
    group: str,
    choices: Iterable[tuple[str, str] | str],
    label: str = "",
    **extra: Any,
) -> PropertyDef:
    options = tuple(
        Option(
            *(choice if isinstance(choice, tuple) else (choice, label_of(choice.lower()))), order
        )
        for order, choice in enumerate(choices)
    )
    return PropertyDef(
        name,
        label or label_of(name),
        "enumeration",
        "select",
        group,
        options=options,
        **extra,
    )


def system_properties(group: str, created: str, modified: str) -> tuple[PropertyDef, ...]:
    return (
        number("hs_object_id", group, "Record ID", read_only=True, has_unique_value=True),
        datetime_(created, group, "Create Date", read_only=True),
        datetime_(modified, group, "Last Modified Date", read_only=True, calculated=True),
    )
