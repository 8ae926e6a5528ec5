"""Associations between CRM records, with HubSpot's v4 association type ids.

Links are owned by one side (a deal owns its contacts, a call its contact) and are a pure
function of (seed, owner type, owner index), or of the record itself (`FIXED_TARGETS`: an
agreement's two signatories), plus the edits made through the API and the merges (a
survivor takes its merged records' links); the other direction is an inverted index built
on demand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from mock_hubspot.store.agreements import agreement_at
from mock_hubspot.store.association_edits import AssociationEdits
from mock_hubspot.store.collection import ObjectCollection
from mock_hubspot.store.context import FixtureContext
from mock_hubspot.store.errors import InvalidRequest
from mock_hubspot.store.fastrand import SplitMix, stable_key
from mock_hubspot.store.merged_records import MergedRecords
from mock_hubspot.store.object_types import resolve_object_type


@dataclass(frozen=True)
class AssociationType:
    type_id: int
    label: str | None = None
    category: str = "HUBSPOT_DEFINED"


@dataclass(frozen=True)
class LinkRule:
    to_type: str
    share: float
    max_links: int = 1
    primary: tuple[int, int] | None = None


PRIMARY_LABEL = "Primary"
HUBSPOT_DEFINED, USER_DEFINED = "HUBSPOT_DEFINED", "USER_DEFINED"

# (from, to) -> (unlabeled type id, reverse unlabeled type id)
TYPE_IDS: dict[tuple[str, str], tuple[int, int]] = {
    ("contacts", "companies"): (279, 280),
    ("deals", "contacts"): (3, 4),
    ("deals", "companies"): (341, 342),
    ("tickets", "contacts"): (16, 15),
    ("tickets", "companies"): (339, 340),
    ("tickets", "deals"): (28, 27),
    ("line_items", "deals"): (20, 19),
    ("quotes", "deals"): (64, 63),
    ("quotes", "contacts"): (69, 70),
    ("leads", "contacts"): (608, 609),
    ("calls", "contacts"): (194, 193),
    ("calls", "companies"): (182, 181),
    ("calls", "deals"): (206, 205),
    ("emails", "contacts"): (198, 197),
    ("emails", "companies"): (186, 185),
    ("emails", "deals"): (210, 209),
    ("meetings", "contacts"): (200, 199),
    ("meetings", "companies"): (188, 187),
    ("meetings", "deals"): (212, 211),
    ("notes", "contacts"): (202, 201),
    ("notes", "companies"): (190, 189),
    ("notes", "deals"): (214, 213),
    ("tasks", "contacts"): (204, 203),
    ("tasks", "companies"): (192, 191),
    ("tasks", "deals"): (216, 215),
    ("communications", "contacts"): (81, 82),
    ("communications", "companies"): (87, 88),
    ("communications", "deals"): (85, 86),
    ("postal_mail", "contacts"): (453, 454),
    ("postal_mail", "deals"): (459, 460),
    # A custom object's association types are the portal's own (USER_DEFINED).
    ("supervision_agreement", "contacts"): (91, 92),
}


def _engagement_rules(company: bool = True) -> tuple[LinkRule, ...]:
    rules = [LinkRule("contacts", 0.95), LinkRule("deals", 0.4)]
    if company:
        rules.append(LinkRule("companies", 0.3))
    return tuple(rules)


RULES: dict[str, tuple[LinkRule, ...]] = {
    "contacts": (LinkRule("companies", 0.85, primary=(1, 2)),),
    "deals": (LinkRule("contacts", 0.95, 2), LinkRule("companies", 0.9, primary=(5, 6))),
    "tickets": (
        LinkRule("contacts", 1.0),
        LinkRule("companies", 0.6, primary=(26, 25)),
        LinkRule("deals", 0.3),
    ),
    "line_items": (LinkRule("deals", 1.0),),
    "quotes": (LinkRule("deals", 1.0), LinkRule("contacts", 0.8)),
    "leads": (LinkRule("contacts", 1.0, primary=(578, 579)),),
    "calls": _engagement_rules(),
    "emails": _engagement_rules(),
    "meetings": _engagement_rules(),
    "notes": _engagement_rules(),
    "tasks": _engagement_rules(),
    "communications": _engagement_rules(),
    "postal_mail": _engagement_rules(company=False),
    "supervision_agreement": (LinkRule("contacts", 1.0, 2),),
}


def _signatories(ctx: FixtureContext, index: int) -> list[int]:
    agreement = agreement_at(ctx.agreements, index)
    return [] if agreement is None else [agreement.physician, agreement.provider]


# Pairs whose links follow from the records themselves, not from a draw: an agreement is
# linked to the contacts of the physician and the provider who signed it.
FIXED_TARGETS: dict[tuple[str, str], Callable[[FixtureContext, int], list[int]]] = {
    ("supervision_agreement", "contacts"): _signatories,
}

Link = tuple[int, tuple[AssociationType, ...]]


def _types(unlabeled: int, primary: int | None, category: str) -> tuple[AssociationType, ...]:
    if primary is None:
        return (AssociationType(unlabeled, category=category),)
    return (AssociationType(primary, PRIMARY_LABEL), AssociationType(unlabeled))


@dataclass(frozen=True)
class _PairPlan:
    rule: LinkRule
    key: int
    forward: tuple[tuple[AssociationType, ...], tuple[AssociationType, ...]]
    backward: tuple[tuple[AssociationType, ...], tuple[AssociationType, ...]]
    fixed: Callable[[FixtureContext, int], list[int]] | None = None


def _is_custom(name: str) -> bool:
    otype = resolve_object_type(name)
    return otype is not None and otype.is_custom


def _plan(seed: int, owner: str, to_type: str) -> _PairPlan:
    rule = next(r for r in RULES[owner] if r.to_type == to_type)
    ahead, back = TYPE_IDS[(owner, to_type)]
    primary_ahead, primary_back = rule.primary or (None, None)
    category = USER_DEFINED if _is_custom(owner) or _is_custom(to_type) else HUBSPOT_DEFINED
    return _PairPlan(
        rule=rule,
        key=stable_key(seed, "links", owner, to_type),
        forward=(_types(ahead, primary_ahead, category), _types(ahead, None, category)),
        backward=(_types(back, primary_back, category), _types(back, None, category)),
        fixed=FIXED_TARGETS.get((owner, to_type)),
    )


class AssociationGraph:
    def __init__(
        self,
        ctx: FixtureContext,
        collections: Mapping[str, ObjectCollection],
        merged: MergedRecords | None = None,
    ) -> None:
        self.ctx = ctx
        self.collections = collections
        self._inverted: dict[tuple[str, str], tuple[tuple[int, ...], dict[int, list[Link]]]] = {}
        self._plans = {pair: _plan(ctx.seed, *pair) for pair in TYPE_IDS}
        self._counts: tuple[tuple[int, ...], dict[tuple[str, str], int]] | None = None
        self.edits = AssociationEdits()
        self.merged = MergedRecords() if merged is None else merged

    @staticmethod
    def pairs() -> list[tuple[str, str]]:
        return [pair for a, b in TYPE_IDS for pair in ((a, b), (b, a))]

    def _targets(self, plan: _PairPlan, index: int) -> list[int]:
        if plan.fixed is not None:
            return plan.fixed(self.ctx, index)
        rng = SplitMix(plan.key, index)
        rule = plan.rule
        if rng.random() >= rule.share:
            return []
        people = len(self.ctx.people) if rule.to_type == "contacts" else 0
        population = self.ctx.initial_counts[rule.to_type]
        targets: list[int] = []
        for _ in range(rng.randint(1, rule.max_links)):
            if people and rng.random() < 0.6:
                target = rng.randrange(people)
            else:
                target = rng.randrange(population)
            if target not in targets:
                targets.append(target)
        return targets

    def _owned(self, owner: str, to_type: str, index: int, forward: bool) -> list[Link]:
        links = self._own_links(owner, to_type, index, forward)
        merged = self.merged
        if not (merged.touches(owner) or merged.touches(to_type)):
            return links
        # A survivor holds the links of the records merged into it, and a link to a
        # merged-away record leads to its survivor; each target once, the survivor's own
        # links first, and one primary label at most (HubSpot drops the others).
        for absorbed in merged.absorbed(owner, index):
            links += self._own_links(owner, to_type, absorbed, forward)
        plan = self._plans[(owner, to_type)]
        unlabeled = (plan.forward if forward else plan.backward)[1]
        moved: dict[int, tuple[AssociationType, ...]] = {}
        for target, types in links:
            target = merged.survivor(to_type, target)
            if target in moved:
                continue
            labeled = any(t.label for t in types)
            if labeled and any(t.label for kept in moved.values() for t in kept):
                types = unlabeled
            moved[target] = types
        return list(moved.items())

    def _own_links(self, owner: str, to_type: str, index: int, forward: bool) -> list[Link]:
        """One record's links as generated and edited, before any merge."""
        pair = (owner, to_type)
        plan = self._plans[pair]
        first, rest = plan.forward if forward else plan.backward
        removed = self.edits.removed(pair)
        links = [
            (t, first if n == 0 else rest)
            for n, t in enumerate(self._targets(plan, index))
            if (index, t) not in removed
        ]
        # `rest` is the unlabeled type alone: what a default association carries.
        return links + [(t, rest) for t in self.edits.added_targets(pair, index)]

    def _inverse(self, owner: str, to_type: str) -> dict[int, list[Link]]:
        owners = self.collections[owner]
        stamp = (owners.version, self.edits.pair_version((owner, to_type)), self.merged.version)
        cached = self._inverted.get((owner, to_type))
        if cached and cached[0] == stamp:
            return cached[1]
        inverted: dict[int, list[Link]] = defaultdict(list)
        for index in range(len(owners)):
            for target, types in self._owned(owner, to_type, index, forward=False):
                inverted[target].append((index, types))
        self._inverted[(owner, to_type)] = (stamp, inverted)
        return inverted

    def links(self, from_type: str, to_type: str, index: int) -> list[Link]:
        """Live records of `to_type` associated with live record `index` of `from_type`."""
        if not self.collections[from_type].is_live(index):
            return []
        if (from_type, to_type) in TYPE_IDS:
            links = self._owned(from_type, to_type, index, forward=True)
        elif (to_type, from_type) in TYPE_IDS:
            links = self._inverse(to_type, from_type).get(index, [])
        else:
            return []
        targets = self.collections[to_type]
        return [link for link in links if targets.is_live(link[0])]

    def has_primary(self, from_type: str, to_type: str) -> bool:
        """Whether the pair has a labeled primary association type (contact → company)."""
        plan = self._plans.get((from_type, to_type)) or self._plans.get((to_type, from_type))
        return plan is not None and plan.rule.primary is not None

    def owner_pair(self, from_type: str, to_type: str) -> tuple[str, str]:
        """The pair in the owner's orientation (as `TYPE_IDS` keys it)."""
        if (from_type, to_type) in TYPE_IDS:
            return from_type, to_type
        if (to_type, from_type) in TYPE_IDS:
            return to_type, from_type
        raise InvalidRequest(f"No association type is defined from {from_type} to {to_type}")

    def default_type_ids(self, from_type: str, to_type: str) -> tuple[int, int]:
        """The unlabeled type ids of the pair: from → to, then to → from."""
        pair = self.owner_pair(from_type, to_type)
        ahead, back = TYPE_IDS[pair]
        return (ahead, back) if pair == (from_type, to_type) else (back, ahead)

    def _edit_key(
        self, from_type: str, from_index: int, to_type: str, to_index: int
    ) -> tuple[tuple[str, str], int, int, bool]:
        pair = self.owner_pair(from_type, to_type)
        owner, target = (from_index, to_index) if pair[0] == from_type else (to_index, from_index)
        return pair, owner, target, target in self._targets(self._plans[pair], owner)

    def associate(self, from_type: str, from_index: int, to_type: str, to_index: int) -> None:
        """Add the default (unlabeled) association, both directions; no record's
        last-modified date moves (see `association_edits`)."""
        self.edits.add(*self._edit_key(from_type, from_index, to_type, to_index))

    def dissociate(self, from_type: str, from_index: int, to_type: str, to_index: int) -> None:
        """Remove every association between the two records, both directions (the links
        either one took over from records merged into it too)."""
        for one in (from_index, *self.merged.absorbed(from_type, from_index)):
            for other in (to_index, *self.merged.absorbed(to_type, to_index)):
                self.edits.remove(*self._edit_key(from_type, one, to_type, other))

    def default_category(self, from_type: str, to_type: str) -> str:
        """HUBSPOT_DEFINED, or USER_DEFINED for a custom object's association types."""
        return self._plans[self.owner_pair(from_type, to_type)].forward[1][0].category

    def row_counts(self) -> dict[tuple[str, str], int]:
        stamp = (
            *(c.version for c in self.collections.values()),
            self.edits.version,
            self.merged.version,
        )
        if self._counts is None or self._counts[0] != stamp:
            self._counts = (stamp, self._count_rows())
        return self._counts[1]

    def _count_rows(self) -> dict[tuple[str, str], int]:
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for (owner, to_type), plan in self._plans.items():
            owners, targets = self.collections[owner], self.collections[to_type]
            if self.merged.touches(owner) or self.merged.touches(to_type):
                rows = sum(
                    len(types)
                    for index in owners.live_indices
                    for target, types in self._owned(owner, to_type, index, forward=True)
                    if targets.is_live(target)
                )
                counts[(owner, to_type)] = counts[(to_type, owner)] = rows
                continue
            first, rest = len(plan.forward[0]), len(plan.forward[1])
            removed = self.edits.removed((owner, to_type))
            rows = 0
            for index in owners.live_indices:
                for n, target in enumerate(self._targets(plan, index)):
                    if targets.is_live(target) and (index, target) not in removed:
                        rows += first if n == 0 else rest
            for index, target in self.edits.added((owner, to_type)):
                if owners.is_live(index) and targets.is_live(target):
                    rows += rest
            counts[(owner, to_type)] = counts[(to_type, owner)] = rows
        return dict(counts)
