"""RECORD messages built by singer-sdk's rules, without its per-value overheads.

Profiled on a first sync at the mock's scale 30 (45,000 wide records), two SDK helpers took
about 60% of the tap's CPU, and the tap shares 2 cores with the loader and Meltano:
- flattening (`flatten_record`) calls `flatten_key` for each of 594,000 values, and each
  call looks up a compiled regex and joins the key twice;
- type conformance (`conform_record_data_types`) walks each value through nine type
  checks, although a value decoded from HubSpot's JSON is almost always a string.

Both are re-stated here with the same results: a key is the SDK's join of its path (the
SDK's own `flatten_key` still shortens a key at or past its maximum length), and a string,
an integer or a null takes the SDK's outcome for them directly. Any other value (a boolean,
a list, a Decimal, an object without declared properties) goes through the SDK's own code
for that one property. The SDK's removal of deselected properties, which copies each
record and looks each of its values up, runs only for a stream whose catalog deselects
something. tests/e2e/test_hubspot_record_messages.py compares every message of a sync with
the SDK's.
"""

from __future__ import annotations

import collections.abc
import typing as t
from functools import cached_property

import singer_sdk.singerlib as singer
from singer_sdk.helpers._catalog import pop_deselected_record_properties
from singer_sdk.helpers._flattening import flatten_key
from singer_sdk.helpers._typing import (
    _conform_record_data_types,
    _is_exclusive_boolean_type,
    _warn_unmapped_properties,
    conform,
    is_object_type,
)
from singer_sdk.helpers._util import utc_now
from singer_sdk.mapper import SameRecordTransform
from singer_sdk.singerlib.json import serialize_json

if t.TYPE_CHECKING:
    from singer_sdk.mapper import StreamMap

Record = dict[str, t.Any]
# The value that the SDK's `_should_jsondump_value` compares a schema entry's types to.
JSON_DUMPED_TYPES = {"null", "object", "array"}
# What JSON decodes to, but objects and arrays: checked by exact type, as a subclass could be
# a mapping (the SDK's isinstance checks on an ABC cost more than the rest of a value's path).
SCALARS = frozenset({str, int, float, bool, type(None)})
FAST_PATH_LINE = "RECORD messages built by record_messages.py (fast_record_messages)"
_ANNOUNCED: list[bool] = []


class Conformer:
    """`conform_record_data_types` at the RECURSIVE level, for one stream's schema."""

    def __init__(self, schema: dict[str, t.Any]) -> None:
        self.schema = schema
        self.level = conform.TypeConformanceLevel.RECURSIVE
        # Per object schema (by identity; the schemas are kept alive in `self._kept`).
        self._booleans: dict[int, frozenset[str]] = {}
        self._objects: dict[int, frozenset[str]] = {}
        self._kept: list[dict[str, t.Any]] = []

    def conform(self, record: Record) -> tuple[Record, list[str]]:
        unmapped: list[str] = []
        return self._object(record, self.schema, None, unmapped), unmapped

    def _object(
        self, node: Record, schema: dict[str, t.Any], parent: str | None, unmapped: list[str]
    ) -> Record:
        properties = schema["properties"]
        booleans, objects = self._plan(schema)
        output: Record = {}
        for name, value in node.items():
            property_schema = properties.get(name)
            if property_schema is None:
                if schema.get("additionalProperties"):
                    output[name] = value
                else:
                    unmapped.append(name if parent is None else f"{parent}.{name}")
                continue
            kind = type(value)
            if value is None or kind is str or kind is int:
                # The SDK's primitive path for these: only an exclusively boolean
                # property changes them (`value != 0`, which it applies to strings too).
                if name in booleans:
                    output[name] = None if value is None else value != 0
                else:
                    output[name] = value
            elif kind is dict and name in objects:
                path = name if parent is None else f"{parent}.{name}"
                output[name] = self._object(value, property_schema, path, unmapped)
            else:
                single, sub_unmapped = _conform_record_data_types(
                    {name: value}, {"properties": {name: property_schema}}, self.level, parent
                )
                output[name] = single[name]
                unmapped.extend(sub_unmapped)
        return output

    def _plan(self, schema: dict[str, t.Any]) -> tuple[frozenset[str], frozenset[str]]:
        key = id(schema)
        if key not in self._booleans:
            properties = schema["properties"]
            self._kept.append(schema)
            self._booleans[key] = frozenset(
                name for name, sub in properties.items() if _is_exclusive_boolean_type(sub)
            )
            # The SDK recurses into a dict only where the schema is an object type that
            # declares properties.
            self._objects[key] = frozenset(
                name
                for name, sub in properties.items()
                if "properties" in sub and is_object_type(sub)
            )
        return self._booleans[key], self._objects[key]


class Flattener:
    """`flatten_record` for one stream map's flattened schema and options."""

    def __init__(
        self, flattened_schema: dict[str, t.Any], max_level: int, separator: str, max_key: int
    ) -> None:
        self.schema = flattened_schema
        self.columns = flattened_schema.get("properties", {}) if flattened_schema else {}
        self.max_level = max_level
        self.separator = separator
        self.max_key = max_key
        # Names that the SDK serializes whatever their value: it looks them up among the
        # schema's own keywords, not its properties, so this set is nearly always empty.
        self.dumped = frozenset(
            key for key, entry in (flattened_schema or {}).items() if _dumped_type(entry)
        )

    def flatten(self, record: Record) -> Record:
        output: Record = {}
        self._into(output, record, (), 0)
        return output

    def _into(self, output: Record, node: t.Mapping[str, t.Any], parent: tuple, level: int) -> None:
        separator = self.separator
        for name, value in node.items():
            key = separator.join((*parent, name)) if parent else name
            if len(key) >= self.max_key:
                key = flatten_key(name, list(parent), separator, max_key_length=self.max_key)
            if type(value) in SCALARS:
                # Neither a mapping nor a list: the SDK's last two branches.
                output[key] = serialize_json(value) if name in self.dumped else value
            elif (
                isinstance(value, collections.abc.MutableMapping)
                and self.schema
                and key not in self.columns
                and level < self.max_level
            ):
                self._into(output, value, (*parent, name), level + 1)
            elif isinstance(value, (dict, list)) or name in self.dumped:
                output[key] = serialize_json(value)
            else:
                output[key] = value


def deselects_any(mask: singer.SelectionMask) -> bool:
    """Whether the SDK's `pop_deselected_record_properties` can remove anything. A
    breadcrumb missing from the mask takes its parent's value, and the stream's own
    defaults to selected: with no False in the mask, every property is selected, and the
    walk (a copy and a lookup for each of a record's values) removes nothing."""
    return not all(mask.values())


def _dumped_type(entry: t.Any) -> bool:
    try:
        return "type" in entry and set(entry["type"]) == JSON_DUMPED_TYPES
    except TypeError:
        return False


class FastRecordMessages:
    """Stream mixin: `_generate_record_messages` with the Conformer and the Flattener.

    The setting `fast_record_messages: false` restores the SDK's own path (the e2e test
    compares the two). Streams at another conformance level, and stream maps other than
    the default one, keep the SDK's code.
    """

    def _generate_record_messages(self, record: Record) -> t.Iterator[singer.RecordMessage]:
        if not self._fast_path:
            yield from super()._generate_record_messages(record)  # type: ignore[misc]
            return
        if self._deselects_any:
            pop_deselected_record_properties(record, self.schema, self.mask)  # type: ignore[attr-defined]
        record, unmapped = self._conformer.conform(record)
        if unmapped:
            _warn_unmapped_properties(self.name, tuple(unmapped), self.logger)  # type: ignore[attr-defined]
        for stream_map, transform in self._map_transforms:
            mapped = transform(record)
            if mapped is not None:
                yield singer.RecordMessage(
                    stream=stream_map.stream_alias,
                    record=mapped,
                    version=self._stream_version,  # type: ignore[attr-defined]
                    time_extracted=utc_now(),
                )

    @cached_property
    def _fast_path(self) -> bool:
        fast = bool(self.config.get("fast_record_messages", True)) and (  # type: ignore[attr-defined]
            self.TYPE_CONFORMANCE_LEVEL == conform.TypeConformanceLevel.RECURSIVE  # type: ignore[attr-defined]
        )
        if fast and not _ANNOUNCED:
            # Once per process: a run's log says which path built its messages.
            _ANNOUNCED.append(True)
            self.logger.info(FAST_PATH_LINE)  # type: ignore[attr-defined]
        return fast

    @cached_property
    def _deselects_any(self) -> bool:
        return deselects_any(self.mask)  # type: ignore[attr-defined]

    @cached_property
    def _conformer(self) -> Conformer:
        return Conformer(self.effective_schema)  # type: ignore[attr-defined]

    @cached_property
    def _map_transforms(self) -> list[tuple[StreamMap, t.Callable[[Record], Record | None]]]:
        transforms: list[tuple[StreamMap, t.Callable[[Record], Record | None]]] = []
        for stream_map in self.stream_maps:  # type: ignore[attr-defined]
            options = stream_map.flattening_options
            if type(stream_map) is SameRecordTransform and stream_map.flattening_enabled:
                flattener = Flattener(
                    stream_map.transformed_schema,
                    options.max_level,
                    options.separator,
                    options.max_key_length,
                )
                transforms.append((stream_map, flattener.flatten))
            else:
                transforms.append((stream_map, stream_map.transform))
        return transforms
