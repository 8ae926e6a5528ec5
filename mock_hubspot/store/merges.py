"""Merging two contacts, as HubSpot's `POST /crm/v3/objects/contacts/merge` does, and the
admin simulation that merges pairs of duplicates.

The primary survives with its id and its values; its `hs_merged_object_ids` lists every id
merged into it (the ids the merged record had absorbed too) and its last-modified date
moves to the merge instant, so an incremental sync reads it again. The merged record is
left out of every list and search from then on, archived lists included; its id resolves
to the survivor, and its associations are the survivor's (merged_records.py). Nothing
tells an incremental sync that the merged record is gone: it is never read again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from mock_hubspot.store.collection import ObjectCollection
from mock_hubspot.store.errors import InvalidRequest, ObjectNotFound
from mock_hubspot.store.portal import Portal

MERGEABLE = ("contacts",)
MERGED_IDS = "hs_merged_object_ids"


@dataclass(frozen=True)
class MergeRequest:
    """The admin simulation: `count` pairs of live records merged, picked by `seed`.
    Contacts that are OLTP physicians and providers are left alone unless `include_people`
    (the marts join them by email)."""

    object_type: str = "contacts"
    count: int = 1
    seed: int = 0
    include_people: bool = False


def _mergeable(portal: Portal, object_type: str) -> ObjectCollection:
    collection = portal.collection(object_type)
    if collection.otype.name not in MERGEABLE:
        raise InvalidRequest(f"This mock merges {', '.join(MERGEABLE)} only, not {object_type}")
    return collection


def _live_index(portal: Portal, collection: ObjectCollection, record_id: object) -> int:
    if not isinstance(record_id, str | int) or isinstance(record_id, bool):
        raise InvalidRequest("primaryObjectId and objectIdToMerge must be record ids")
    index = collection.index_of(str(record_id))
    if index is not None:
        # A merged-away id stands for its survivor, as in every other read.
        index = portal.merged.survivor(collection.otype.name, index)
    if index is None or not collection.is_live(index):
        raise ObjectNotFound(f"Object not found.  objectId are usually numeric. ({record_id})")
    return index


def _merge(portal: Portal, collection: ObjectCollection, primary: int, merged: int) -> None:
    name = collection.otype.name
    collection.merge_away(merged)
    portal.merged.record(name, primary, merged)
    ids = ";".join(collection.record_id(i) for i in portal.merged.absorbed(name, primary))
    collection.update(primary, {MERGED_IDS: ids}, portal.next_instant())


def merge(portal: Portal, object_type: str, primary_id: object, merged_id: object) -> int:
    """Merge one record into another; the survivor's index."""
    collection = _mergeable(portal, object_type)
    primary = _live_index(portal, collection, primary_id)
    merged = _live_index(portal, collection, merged_id)
    if primary == merged:
        raise InvalidRequest(f"{merged_id} and {primary_id} are one record: it cannot merge itself")
    _merge(portal, collection, primary, merged)
    return primary


def simulate_merges(portal: Portal, request: MergeRequest) -> list[dict[str, str]]:
    """Merge `count` deterministic pairs: [{primary, merged}] by id, in merge order."""
    collection = _mergeable(portal, request.object_type)
    if request.count < 0:
        raise InvalidRequest("count must not be negative")
    protected = 0 if request.include_people else len(portal.ctx.people)
    candidates = [i for i in collection.live_indices if i >= protected]
    if 2 * request.count > len(candidates):
        raise InvalidRequest(
            f"Only {len(candidates)} live {collection.otype.name} can be merged, "
            f"{2 * request.count} asked for"
        )
    rng = random.Random(f"{portal.seed}:merges:{collection.otype.name}:{request.seed}")
    rng.seed(f"{rng.random()}:{collection.version}:{len(collection)}")
    chosen = rng.sample(candidates, 2 * request.count)
    pairs = []
    for primary, merged in zip(chosen[::2], chosen[1::2], strict=True):
        _merge(portal, collection, primary, merged)
        pairs.append(
            {"primary": collection.record_id(primary), "merged": collection.record_id(merged)}
        )
    return pairs
