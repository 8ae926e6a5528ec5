"""The whole fixture portal: every collection, the directory, pipelines and associations."""

from __future__ import annotations

from collections.abc import Sequence

from mock_hubspot.store.agreements import plan_agreements
from mock_hubspot.store.associations import AssociationGraph
from mock_hubspot.store.blueprints import BLUEPRINTS
from mock_hubspot.store.collection import ObjectCollection
from mock_hubspot.store.context import FixtureContext, PersonLike, SupervisionLike
from mock_hubspot.store.directory import Directory
from mock_hubspot.store.errors import InvalidRequest
from mock_hubspot.store.merged_records import MergedRecords
from mock_hubspot.store.object_types import (
    EMPTY_STANDARD_TYPES,
    OBJECT_TYPES,
    ObjectType,
    resolve_object_type,
)
from mock_hubspot.store.people import load_roster
from mock_hubspot.store.pipelines import build_deal_pipelines, build_ticket_pipelines
from mock_hubspot.store.pools import Pools
from mock_hubspot.store.properties import PropertyDef, system_properties
from mock_hubspot.store.search import SearchEngine
from mock_hubspot.store.subscriptions import SUBSCRIPTION_TYPES

TICK_MS = 1_000
EMPTY_TYPE_PROPERTIES = system_properties(
    "dealsplitinformation", "hs_createdate", "hs_lastmodifieddate"
)
PROSPECT_SHARE = 0.1


def scaled_counts(scale: float, people: int, agreements: int = 0) -> dict[str, int]:
    counts = {otype.name: max(1, round(otype.base_count * scale)) for otype in OBJECT_TYPES}
    prospects = max(1, round(counts["contacts"] * PROSPECT_SHARE))
    counts["contacts"] = max(counts["contacts"], people + prospects)
    counts["supervision_agreement"] = agreements
    return counts


class Portal:
    def __init__(
        self,
        seed: int = 42,
        scale: float = 1.0,
        people: Sequence[PersonLike] | None = None,
        supervision: Sequence[SupervisionLike] = (),
    ) -> None:
        """`people` and `supervision` come from the OLTP seed's roster unless given (a
        reset reuses the ones it has; without supervision, no agreements)."""
        self.seed = seed
        self.scale = scale
        self.portal_id = 40_000_000 + seed
        pools = Pools.build(seed)
        self.directory = Directory.build(seed, pools)
        self.deal_pipelines = build_deal_pipelines()
        self.ticket_pipelines = build_ticket_pipelines()
        self.subscription_types = SUBSCRIPTION_TYPES
        # Custom object types (`/crm/v3/schemas`), served like the standard ones.
        self.custom_object_types = tuple(o for o in OBJECT_TYPES if o.is_custom)
        if people is None:
            people, supervision = load_roster(seed, scale)
        self.supervision = supervision
        agreements = plan_agreements(seed, people, supervision)
        counts = scaled_counts(scale, len(people), len(agreements))
        self.ctx = FixtureContext(
            seed=seed,
            pools=pools,
            directory=self.directory,
            deal_pipelines=self.deal_pipelines,
            ticket_pipelines=self.ticket_pipelines,
            people=people,
            initial_counts=counts,
            agreements=agreements,
        )
        self.collections = {
            otype.name: ObjectCollection(
                otype, BLUEPRINTS[otype.name], self.ctx, counts[otype.name]
            )
            for otype in OBJECT_TYPES
        }
        self.merged = MergedRecords()
        self.associations = AssociationGraph(self.ctx, self.collections, self.merged)
        self.search = SearchEngine()
        self._clock_ms = max(c.latest_ms for c in self.collections.values())

    def object_type(self, name: str) -> ObjectType:
        otype = resolve_object_type(name, self.portal_id)
        if otype is None:
            raise InvalidRequest(f"Unable to infer object type from: {name}")
        return otype

    def collection(self, name: str) -> ObjectCollection:
        return self.collections[self.object_type(name).name]

    def property_catalog(self, name: str) -> dict[str, PropertyDef]:
        """The property definitions of a type: its collection's, or only the system
        properties for a standard HubSpot type this portal keeps empty (HubSpot still
        describes those, and clients read them while discovering)."""
        if name.lower() in EMPTY_STANDARD_TYPES:
            return {p.name: p for p in EMPTY_TYPE_PROPERTIES}
        return self.collection(name).catalog

    def next_instant(self) -> int:
        self._clock_ms += TICK_MS
        return self._clock_ms
