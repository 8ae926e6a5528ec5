"""Stage timing: when a record entered and left each stage of its pipeline.

HubSpot calculates `hs_v2_date_entered_<stage>` and `hs_v2_date_exited_<stage>` for every
stage of every deal and ticket pipeline and for every lifecycle stage of contacts and
companies; lifecycle stages also keep the older `hs_lifecyclestage_<stage>_date`, the
first time the record became that stage.

A generated record walks its pipeline's stages in display order: it enters the first
stage it visits at its createdate, leaves each stage the instant it enters the next, skips
a stage on some steps, and ends in its current stage by the last-modified instant it was
generated with. A closed record entered its closed stage at its close date. Some deals
went on to a later stage and came back; some tickets were closed and then reopened.

Re-entering a stage: its entered date is the most recent entry and its exited date is
cleared while the record is in it; the stage it came back from keeps its entered and
exited dates. A generated walk only re-enters the current stage, which is what lets
`versions` read the walk back from the dates.

An update of the change simulation that moves the stage (or the pipeline) does what
HubSpot does at the update's instant: the old stage is exited, the new one entered with no
exit, every other stage keeps its dates. Lifecycle stages only move forward, HubSpot's
default, so they are never re-entered and each `_date` equals its entered date.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from mock_hubspot.store.clock import iso_ms, parse_instant
from mock_hubspot.store.context import FixtureContext
from mock_hubspot.store.pipelines import Stage
from mock_hubspot.store.properties import PropertyDef, datetime_

Values = dict[str, str | None]
Versions = list[tuple[int, str | None]]
SKIP_SHARE = 0.3


class StagedPipeline(Protocol):
    @property
    def pipeline_id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def stages(self) -> tuple[Stage, ...]: ...


@dataclass(frozen=True)
class Route:
    """Stages that are not a CRM pipeline object, such as the lifecycle stages."""

    pipeline_id: str
    label: str
    stages: tuple[Stage, ...]


def route_of(pipeline_id: str, label: str, stages: Sequence[tuple[str, str]]) -> Route:
    """A route of open stages, given as (id, label) in display order."""
    return Route(
        pipeline_id,
        label,
        tuple(Stage(stage_id, name, order, False) for order, (stage_id, name) in enumerate(stages)),
    )


def entered_name(stage_id: str) -> str:
    return f"hs_v2_date_entered_{stage_id}"


def exited_name(stage_id: str) -> str:
    return f"hs_v2_date_exited_{stage_id}"


def became_name(stage_id: str) -> str:
    return f"hs_lifecyclestage_{stage_id}_date"


def _became_label(label: str) -> str:
    article = "an" if label[:1].upper() in "AEIOU" else "a"
    return f"Became {article} {label} Date"


@dataclass(frozen=True)
class _Layout:
    stages: dict[str, Stage]
    forward: dict[str, tuple[str, ...]]  # by stage id: its pipeline's open stages, in order
    closed: dict[str, tuple[str, ...]]  # by stage id: its pipeline's closed stages
    names: tuple[str, ...]  # every timing property, for a record that reached no stage
    stage_names: dict[str, tuple[str, str, str]]  # by stage id: entered, exited, became


@lru_cache(maxsize=32)
def _layout_of(
    pipelines: tuple[StagedPipeline, ...], off_path: tuple[str, ...], became: bool
) -> _Layout:
    stages: dict[str, Stage] = {}
    forward: dict[str, tuple[str, ...]] = {}
    closed: dict[str, tuple[str, ...]] = {}
    stage_names: dict[str, tuple[str, str, str]] = {}
    for pipeline in pipelines:
        ordered = sorted(pipeline.stages, key=lambda s: s.display_order)
        opened = tuple(s.stage_id for s in ordered if not s.closed and s.stage_id not in off_path)
        ended = tuple(s.stage_id for s in ordered if s.closed)
        for stage in ordered:
            stages[stage.stage_id] = stage
            forward[stage.stage_id], closed[stage.stage_id] = opened, ended
            stage_names[stage.stage_id] = (
                entered_name(stage.stage_id),
                exited_name(stage.stage_id),
                became_name(stage.stage_id),
            )
    names = tuple(name for trio in stage_names.values() for name in trio[: 3 if became else 2])
    return _Layout(stages, forward, closed, names, stage_names)


def _passed(rng: random.Random, stages: Sequence[str]) -> list[str]:
    """The stages a walk visits on its way to the current one: some steps skip one."""
    passed, i = [], 0
    while i < len(stages):
        i += rng.random() < SKIP_SHARE
        if i < len(stages):
            passed.append(stages[i])
        i += 1
    return passed


def _entries(
    rng: random.Random, path: list[str], created: int, until: int
) -> tuple[list[str], list[int]]:
    """The stages of a walk and the instant each was entered: the first at `created`, each
    later one the instant the one before was left, all distinct and by `until`."""
    # Distinct instants keep the walk readable back from its dates; a record without that
    # much room (created an instant before its last change) went straight to its stage.
    if until - created < len(path) - 1:
        path = path[-1:]
    # Sorted draws from a range narrowed by one per move, each then shifted by its rank:
    # distinct sorted instants for a few random() calls (rng.sample costs several times more).
    width = until - created - len(path) + 2
    draws = sorted(int(rng.random() * width) for _ in path[1:])
    return path, [created, *(created + 1 + draw + rank for rank, draw in enumerate(draws))]


@dataclass(frozen=True)
class StageTrack:
    """Where an object type keeps its stage, which stages it walks, and how."""

    stage_property: str
    pipelines: Callable[[FixtureContext], tuple[StagedPipeline, ...]]
    # Set to the instant the record entered a closed stage.
    closed_property: str | None = None
    # Of the records in an open stage with a later open stage: went there and came back.
    moved_back_share: float = 0.0
    # Of the records in an open stage: were closed, then reopened into it.
    reopened_share: float = 0.0
    # Stages a record only ever goes straight to, not through the others.
    off_path: tuple[str, ...] = ()
    # An update may not move the stage back (HubSpot's default for lifecycle stages).
    forward_only: bool = False
    # Also keep `hs_lifecyclestage_<stage>_date`, the first entry into each stage.
    became_dates: bool = False

    def _layout(self, ctx: FixtureContext) -> _Layout:
        return _layout_of(self.pipelines(ctx), self.off_path, self.became_dates)

    def properties(self, ctx: FixtureContext, group: str) -> tuple[PropertyDef, ...]:
        def calculated(name: str, label: str) -> PropertyDef:
            return datetime_(name, group, label, calculated=True, read_only=True)

        defs: list[PropertyDef] = []
        for pipeline in self.pipelines(ctx):
            for stage in pipeline.stages:
                where = f"{stage.label} ({pipeline.label})"
                defs.append(calculated(entered_name(stage.stage_id), f'Date entered "{where}"'))
                defs.append(calculated(exited_name(stage.stage_id), f'Date exited "{where}"'))
                if self.became_dates:
                    defs.append(calculated(became_name(stage.stage_id), _became_label(stage.label)))
        return tuple(defs)

    def _path(self, rng: random.Random, layout: _Layout, current: str) -> list[str]:
        forward = layout.forward[current]
        if current in self.off_path or not forward:
            return [current]
        if layout.stages[current].closed:
            before = forward[: rng.randrange(1, len(forward) + 1)]
            return [*_passed(rng, before), current]
        at = forward.index(current)
        path = [*_passed(rng, forward[:at]), current]
        later, closed = forward[at + 1 :], layout.closed[current]
        if later and self.moved_back_share and rng.random() < self.moved_back_share:
            path += [rng.choice(later), current]
        elif closed and self.reopened_share and rng.random() < self.reopened_share:
            path += [rng.choice(closed), current]
        return path

    def generated(
        self, ctx: FixtureContext, rng: random.Random, values: Values, created: int, until: int
    ) -> Values:
        """The dates of a generated record's walk, and its close date if it is closed."""
        layout = self._layout(ctx)
        timings: Values = dict.fromkeys(layout.names)
        current = values.get(self.stage_property)
        if current not in layout.stages:
            return timings
        path, entered = _entries(rng, self._path(rng, layout, current), created, until)
        # A stage is left the instant the next is entered; the current one is not left.
        stamps = [iso_ms(ms) for ms in entered]
        left = [*stamps[1:], None]
        for stage_id, entered_at, left_at in zip(path, stamps, left, strict=True):
            entered_name_, exited_name_, _ = layout.stage_names[stage_id]
            timings[entered_name_], timings[exited_name_] = entered_at, left_at
        if self.became_dates:
            for stage_id, entered_at in zip(path[::-1], stamps[::-1], strict=True):
                timings[layout.stage_names[stage_id][2]] = entered_at
        if self.closed_property and layout.stages[current].closed:
            timings[self.closed_property] = stamps[-1]
        return timings

    def versions(self, ctx: FixtureContext, values: Values, created: int) -> Versions:
        """The stage property's versions over a generated walk, oldest first."""
        layout = self._layout(ctx)
        current = values.get(self.stage_property)
        entries: dict[int, str | None] = {}
        exits: set[int] = set()
        for stage_id in layout.stages:
            if entered := values.get(entered_name(stage_id)):
                entries[parse_instant(entered)] = stage_id
            if exited := values.get(exited_name(stage_id)):
                exits.add(parse_instant(exited))
        # Only the current stage is ever re-entered: an exit into no other stage was into it,
        # and so was the createdate if the walk came back to where it began.
        for moment in exits - entries.keys():
            entries[moment] = current
        entries.setdefault(created, current)
        return sorted(entries.items())

    def moved(self, ctx: FixtureContext, before: Values, changes: Values, at: int) -> Values:
        """What an update at instant `at` writes besides `changes`, which may move the
        record from its stage in `before` to another."""
        layout = self._layout(ctx)
        old = before.get(self.stage_property)
        new = changes.get(self.stage_property, old)
        if (
            self.forward_only
            and old in layout.stages
            and new in layout.stages
            and layout.stages[new].display_order < layout.stages[old].display_order
        ):
            new = old
        written: Values = {self.stage_property: new}
        closed = new in layout.stages and layout.stages[new].closed
        if new == old:
            if closed and self.closed_property:
                written[self.closed_property] = before.get(self.closed_property)
            return written
        stamp = iso_ms(at)
        if old in layout.stages:
            written[exited_name(old)] = stamp
        if new in layout.stages:
            written[entered_name(new)] = stamp
            written[exited_name(new)] = None
            if self.became_dates and before.get(became_name(new)) is None:
                written[became_name(new)] = stamp
        if closed and self.closed_property:
            written[self.closed_property] = stamp
        return written
