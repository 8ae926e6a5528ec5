"""tap-hubspot's streams, budgeted: the same names, schemas and records, fewer requests.

Each stock stream class gets the mixins that apply to it:
- every stream: pacing and 429 handling (requests_mixin);
- property definitions (the `properties` stream, and the lookup each dynamic stream makes
  for its schema): the property cache;
- incremental search streams: the keyset cursor past the 10,000-result cap, and the
  registry of changed records that the association streams read from;
- reference lists (owners, pipelines, ...): read when due (references.py);
- object types the project defers (deferred_objects.py): searched when due.

tickets, products, quotes and feedback_submissions are FULL_TABLE in tap-hubspot (a
no-change run re-reads all of them). Here they are incremental on `hs_lastmodifieddate`,
through the same search endpoint as the other objects: products, quotes and feedback
submissions with tap-hubspot's own schema, tickets with every property the portal defines
(as deals and contacts have).
"""

from __future__ import annotations

import time
import typing as t
from functools import cached_property

from singer_sdk import typing as th
from tap_hubspot import streams as stock
from tap_hubspot.client import (
    DynamicHubspotStream,
    DynamicIncrementalHubspotStream,
    HubspotStream,
    PropertyStream,
)
from tap_hubspot.streams import CustomObjectSchemaStream

from tap_hubspot_budgeted import definition_changes, pending_associations
from tap_hubspot_budgeted.deferred_objects import SearchedWhenDue
from tap_hubspot_budgeted.read_ahead import ReadAhead
from tap_hubspot_budgeted.record_messages import FastRecordMessages
from tap_hubspot_budgeted.references import REFERENCE_STREAMS, ReadWhenDue
from tap_hubspot_budgeted.requests_mixin import BudgetedRequests
from tap_hubspot_budgeted.search_cursor import KeysetSearch, epoch_ms

if t.TYPE_CHECKING:
    from singer_sdk.helpers.types import Context

# The object types tap-hubspot's `properties` stream reads (PropertyNotesStream.get_records).
PROPERTY_STREAMS = (
    stock.PropertyTicketStream,
    stock.PropertyDealStream,
    stock.PropertyContactStream,
    stock.PropertyCompanyStream,
    stock.PropertyProductStream,
    stock.PropertyLineItemStream,
    stock.PropertyEmailStream,
    stock.PropertyPostalMailStream,
    stock.PropertyCallStream,
    stock.PropertyGoalStream,
    stock.PropertyMeetingStream,
    stock.PropertyTaskStream,
    stock.PropertyCommunicationStream,
)
REPLICATION_KEY = "hs_lastmodifieddate"


class CachedDefinitions:
    """Mixed in before a PropertyStream or the custom object schema lookup: definitions
    are read from HubSpot once per `property_cache_max_age_s` (property_cache.py)."""

    def request_records(self, context: Context | None) -> t.Iterable[dict]:
        cache = self._tap.property_cache  # type: ignore[attr-defined]
        key = self.path  # type: ignore[attr-defined]
        cached = cache.load(key)
        if cached is None:
            cached = list(super().request_records(context))  # type: ignore[misc]
            if cached:
                cache.save(key, cached)
        yield from cached


class BudgetedPropertyStream(BudgetedRequests, CachedDefinitions, ReadAhead, PropertyStream):
    pass


def _catalog_properties(stream: HubspotStream) -> dict[str, str] | None:
    """In a sync, the stream's property names as the catalog lists them (this run's
    discovery read them from HubSpot); None in discovery."""
    catalog = stream._tap.input_catalog
    entry = catalog.get_stream(stream.name) if catalog else None
    if entry is None:
        return None
    schema = entry.schema.to_dict()
    listed = schema.get("properties", {}).get("properties", {}).get("properties")
    # tap-hubspot types every property as a string; only the names matter.
    return dict.fromkeys(listed, "string") if listed else None


class BudgetedProperties:
    """Mixed in before a DynamicHubspotStream: in a sync its property list is the one in the
    catalog; in discovery the lookup is budgeted and shared through the property cache."""

    @cached_property
    def hs_properties(self) -> dict[str, str]:
        listed = _catalog_properties(self)  # type: ignore[arg-type]
        if listed:
            return listed
        lookup = BudgetedPropertyStream(self._tap, self.name)  # type: ignore[attr-defined]
        return {prop["name"]: prop["type"] for prop in lookup.get_records(None)}


class BudgetedCustomSchema:
    """Mixed in before tap-hubspot's CustomObjectStream: in a sync its property list is the
    catalog's (no schema request); in discovery the schema lookup is budgeted."""

    @cached_property
    def hs_properties(self) -> dict[str, str]:
        listed = _catalog_properties(self)  # type: ignore[arg-type]
        if listed:
            return listed
        lookup = budgeted(CustomObjectSchemaStream)(self._tap, self._object_type)  # type: ignore[attr-defined]
        return {prop["name"]: prop["type"] for prop in lookup.get_records(None)}


class RegistersChanges:
    """Mixed in before an incremental stream: the ids it reads as changed, for the
    association streams (changed_records.py), and the mark that keeps their reading owed
    until they have synced (pending_associations.py)."""

    def get_records(self, context: Context | None) -> t.Iterable[dict]:
        state = self.get_context_state(context)  # type: ignore[attr-defined]
        readers = self._tap.association_readers(self.name)  # type: ignore[attr-defined]
        resumed = pending_associations.resume_from(state) if readers else None
        if not readers:
            # Nothing reads its associations (any more): nothing is owed.
            pending_associations.settle(state)
        elif resumed:
            state["replication_key_value"] = resumed
            self.logger.info(  # type: ignore[attr-defined]
                "%s: the last run stopped before reading the associations of its changes; "
                "reading again from %s",
                self.name,  # type: ignore[attr-defined]
                resumed,
            )
        bookmark = state.get("replication_key_value")
        self._bookmark_ms = epoch_ms(bookmark) if bookmark else None
        if readers:
            pending_associations.mark(state, bookmark, self.config.get("start_date"))  # type: ignore[attr-defined]
            self._tap.waiting_readers.open(self.name, readers)  # type: ignore[attr-defined]
        yield from super().get_records(context)  # type: ignore[misc]
        self._tap.changed.mark_synced(self.name)  # type: ignore[attr-defined]

    def post_process(self, row: dict, context: Context | None = None) -> dict | None:
        row = super().post_process(row, context)  # type: ignore[misc]
        if row is None:
            return None
        value = row.get(self.replication_key)  # type: ignore[attr-defined]
        floor = getattr(self, "_bookmark_ms", None)
        if floor is None or value is None or epoch_ms(value) > floor:
            self._tap.changed.add(self.name, row["id"])  # type: ignore[attr-defined]
            self._tap.named_ids.note(self.name, row.get("properties") or {})  # type: ignore[attr-defined]
        return row


class FollowsDefinitionChanges:
    """Mixed in after RegistersChanges on an incremental stream whose properties are the
    portal's: when its property list differs from the one its last sync used, the sync
    reads again from a bookmark no later than the previous list's read
    (definition_changes.py). Records re-read
    that way are not changes: RegistersChanges kept the bookmark, so the association
    streams do not read their associations."""

    def get_records(self, context: Context | None) -> t.Iterable[dict]:
        state = self.get_context_state(context)  # type: ignore[attr-defined]
        current = definition_changes.fingerprint(self.hs_properties)  # type: ignore[attr-defined]
        cache = self._tap.property_cache  # type: ignore[attr-defined]
        fetched_at = cache.fetched_at(self._definitions_path)
        started = time.time()
        start_bookmark = state.get("replication_key_value")
        rewound = definition_changes.rewound_bookmark(state, current)
        if rewound:
            state["replication_key_value"] = rewound
            self.logger.info(  # type: ignore[attr-defined]
                "%s: its property list changed; re-reading the records modified since %s",
                self.name,  # type: ignore[attr-defined]
                rewound,
            )
        yield from super().get_records(context)  # type: ignore[misc]
        state = self.get_context_state(context)  # type: ignore[attr-defined]
        used = definition_changes.SyncUsed(
            fingerprint=current,
            # Which read of the definitions (compared, never mixed with HubSpot's times).
            read=str(fetched_at if fetched_at is not None else started),
            start_bookmark=start_bookmark,
            end_bookmark=state.get("replication_key_value")
            or (state.get("progress_markers") or {}).get("replication_key_value"),
            duration_s=time.time() - started,
            max_age_s=cache.max_age_s,
        )
        definition_changes.remember(state, used)

    @property
    def _definitions_path(self) -> str:
        if isinstance(self, stock.CustomObjectStream):
            return f"/schemas/{self._object_type}"  # type: ignore[attr-defined]
        return f"/properties/{self.name}"  # type: ignore[attr-defined]


class BudgetedPropertiesStream(
    FastRecordMessages, BudgetedRequests, CachedDefinitions, ReadAhead, stock.PropertyNotesStream
):
    """The `properties` stream: every object type's definitions, from the cache.

    Keyed by (hubspot_object, name), each row naming its object type: tap-hubspot keys
    them by `name` alone and leaves `hubspot_object` empty, so one object type's
    `lifecyclestage` or `hs_pipeline_stage` overwrote another's in the warehouse, and the
    labels dbt reads from these definitions came from whichever type loaded last.
    """

    primary_keys = ("hubspot_object", "name")

    def get_records(self, context: Context | None) -> t.Iterable[dict[str, t.Any]]:
        for stream_class in PROPERTY_STREAMS:
            stream = budgeted(stream_class)(self._tap)
            yield from _with_object_type(stream.get_records(context), stream.path)
        yield from _with_object_type(PropertyStream.get_records(self, context), self.path)


# tap-hubspot's property streams read `/properties/<type>` with HubSpot's singular or plural
# spelling; rows name the object type as the CRM API's plural does (`companies`, `calls`).
CRM_OBJECT_NAMES = {
    "company": "companies",
    "product": "products",
    "line_item": "line_items",
    "email": "emails",
    "call": "calls",
    "meeting": "meetings",
    "task": "tasks",
    "communication": "communications",
}


def _with_object_type(
    definitions: t.Iterable[dict[str, t.Any]], path: str
) -> t.Iterator[dict[str, t.Any]]:
    """Each definition with the object type of its `/properties/<type>` path."""
    spelled = path.rsplit("/", 1)[-1]
    object_type = CRM_OBJECT_NAMES.get(spelled, spelled)
    for definition in definitions:
        yield {**definition, "hubspot_object": object_type}


def _incremental_dynamic(full_table: type[HubspotStream]) -> type[DynamicIncrementalHubspotStream]:
    """tap-hubspot's FULL_TABLE object stream as an incremental search stream whose
    properties are the portal's own (read like deals' and contacts'), unless a subclass
    fixes them (`_incremental`).

    tickets take it as it is: the stock schema lists 7 properties, so `closed_date`, the
    category and HubSpot's stage-timing properties (`hs_v2_date_entered_<stage>`, which
    dbt's ticket history reads) never reached the warehouse.
    """

    class Incremental(DynamicIncrementalHubspotStream):
        name = full_table.name
        path = full_table.path
        incremental_path = f"{full_table.path}/search"
        primary_keys = ("id",)
        replication_key = REPLICATION_KEY
        replication_method = "INCREMENTAL"
        records_jsonpath = "$[results][*]"

        @property
        def url_base(self) -> str:
            return "https://api.hubapi.com/crm/v3"

    Incremental.__name__ = Incremental.__qualname__ = full_table.__name__
    return Incremental


def _incremental(full_table: type[HubspotStream]) -> type[DynamicIncrementalHubspotStream]:
    """tap-hubspot's FULL_TABLE object stream as an incremental search stream, with the
    stock schema (plus the replication key) and the stock properties."""
    stock_schema = full_table.schema
    names = list(stock_schema["properties"]["properties"]["properties"])
    if REPLICATION_KEY not in names:
        names.append(REPLICATION_KEY)
    schema = th.PropertiesList(
        *(
            th.Property(name, th.CustomType(definition))
            for name, definition in stock_schema["properties"].items()
            if name != "properties"
        ),
        th.Property(
            "properties",
            th.ObjectType(*(th.Property(name, th.StringType) for name in names)),
        ),
        th.Property(REPLICATION_KEY, th.DateTimeType),
    ).to_dict()

    class Incremental(_incremental_dynamic(full_table)):  # type: ignore[misc, valid-type]
        @cached_property
        def hs_properties(self) -> dict[str, str]:
            return dict.fromkeys(names, "string")

        @cached_property
        def schema(self) -> dict:
            return schema

    Incremental.__name__ = Incremental.__qualname__ = full_table.__name__
    return Incremental


_BUILT: dict[type, type] = {}


def _own_properties(stream_class: type) -> bool:
    """Whether the class fixes its property list itself (no lookup to budget)."""
    return any(
        "hs_properties" in vars(cls)
        for cls in stream_class.__mro__
        if cls not in (DynamicHubspotStream, stock.CustomObjectStream)
        and issubclass(cls, DynamicHubspotStream)
        and cls.__module__ == __name__
    )


def budgeted(stream_class: type[HubspotStream]) -> type[HubspotStream]:
    """The budgeted subclass of one tap-hubspot stream class (built once)."""
    if stream_class in _BUILT:
        return _BUILT[stream_class]
    mixins: list[type] = [FastRecordMessages, BudgetedRequests]
    if getattr(stream_class, "name", None) in REFERENCE_STREAMS:
        mixins.append(ReadWhenDue)
    if issubclass(stream_class, PropertyStream) or stream_class is CustomObjectSchemaStream:
        mixins.append(CachedDefinitions)
    if stream_class is stock.CustomObjectStream:
        mixins.append(BudgetedCustomSchema)
    elif issubclass(stream_class, DynamicHubspotStream) and not _own_properties(stream_class):
        mixins.append(BudgetedProperties)
    if issubclass(stream_class, DynamicIncrementalHubspotStream):
        mixins += [SearchedWhenDue, RegistersChanges]
        if not _own_properties(stream_class):
            mixins.append(FollowsDefinitionChanges)
        mixins.append(KeysetSearch)
    # Last: it replaces the SDK's request loop only, under every mixin that wraps it.
    mixins.append(ReadAhead)
    built = type(stream_class.__name__, (*mixins, stream_class), {"__module__": __name__})
    _BUILT[stream_class] = built
    return built


INCREMENTAL_INSTEAD_OF_FULL_TABLE = {
    stock.TicketStream: budgeted(_incremental_dynamic(stock.TicketStream)),
    **{
        full_table: budgeted(_incremental(full_table))
        for full_table in (
            stock.ProductStream,
            stock.QuoteStream,
            stock.FeedbackSubmissionsStream,
        )
    },
}
# The `properties` stream's own subclass replaces the generic one.
_BUILT[stock.PropertyNotesStream] = BudgetedPropertiesStream
