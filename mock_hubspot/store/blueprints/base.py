"""A blueprint says which properties an object type has and how to make a record's values."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from mock_hubspot.store.context import FixtureContext
from mock_hubspot.store.properties import PropertyDef, select
from mock_hubspot.store.stage_history import StageTrack

Values = dict[str, str | None]
Generate = Callable[[FixtureContext, random.Random, int, int], Values]


@dataclass(frozen=True)
class Blueprint:
    properties: Callable[[FixtureContext], tuple[PropertyDef, ...]]
    generate: Generate
    mutable: tuple[str, ...]
    # Types whose records move through stages: how they walk them and date each stage.
    stages: StageTrack | None = None


def money(amount: float) -> str:
    return f"{amount:.2f}"


def options_of(prop: PropertyDef) -> tuple[str, ...]:
    return tuple(option.value for option in prop.options)


def owner_select(ctx: FixtureContext, group: str) -> PropertyDef:
    choices = [(o.id, f"{o.first_name} {o.last_name}") for o in ctx.directory.live_owners]
    return select("hubspot_owner_id", group, choices, label="Owner")
