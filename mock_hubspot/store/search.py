"""CRM search: filterGroups (OR of ANDed filters), sorts, free-text query, offset paging.

Values compare by the property's type: numbers numerically, date/datetime as epoch
milliseconds (filters may give epoch-ms strings, ISO instants or dates), everything else
as case-insensitive strings. A record without a value matches only NEQ, NOT_IN and
NOT_HAS_PROPERTY.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from mock_hubspot.store.clock import parse_instant
from mock_hubspot.store.collection import ObjectCollection
from mock_hubspot.store.errors import InvalidRequest
from mock_hubspot.store.properties import PropertyDef

MAX_LIMIT = 200
MAX_RESULTS = 10_000
MAX_GROUPS = 5
MAX_FILTERS_PER_GROUP = 6
MAX_FILTERS = 18
ID_PROPERTY = "hs_object_id"
RANGE_OPERATORS = {"EQ", "GT", "GTE", "LT", "LTE", "BETWEEN"}
VALUE_OPERATORS = {"EQ", "NEQ", "LT", "LTE", "GT", "GTE", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"}
LIST_OPERATORS = {"IN", "NOT_IN"}
PRESENCE_OPERATORS = {"HAS_PROPERTY", "NOT_HAS_PROPERTY"}
OPERATORS = VALUE_OPERATORS | LIST_OPERATORS | PRESENCE_OPERATORS | {"BETWEEN"}
Key = float | int | str


@dataclass(frozen=True)
class Filter:
    property_name: str
    operator: str
    value: str | None = None
    high_value: str | None = None
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sort:
    property_name: str
    descending: bool


@dataclass(frozen=True)
class SearchRequest:
    filter_groups: tuple[tuple[Filter, ...], ...]
    sorts: tuple[Sort, ...]
    query: str | None
    properties: tuple[str, ...] | None
    limit: int
    after: int

    @property
    def cache_key(self) -> tuple[object, ...]:
        return (self.filter_groups, self.sorts, self.query)


def _text(value: Any, what: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InvalidRequest(f"{what} must be a string")
    return str(value)


def _parse_filter(raw: Any, catalog: dict[str, PropertyDef]) -> Filter:
    if not isinstance(raw, dict):
        raise InvalidRequest("Each filter must be an object")
    name, operator = raw.get("propertyName"), raw.get("operator", "EQ")
    if not isinstance(name, str) or name not in catalog:
        raise InvalidRequest(f"Property {name!r} does not exist")
    if operator not in OPERATORS:
        raise InvalidRequest(f"Unknown filter operator {operator!r}")
    if operator in VALUE_OPERATORS | {"BETWEEN"} and raw.get("value") is None:
        raise InvalidRequest(f"Operator {operator} requires a value")
    if operator == "BETWEEN" and raw.get("highValue") is None:
        raise InvalidRequest("Operator BETWEEN requires a highValue")
    values = raw.get("values")
    if operator in LIST_OPERATORS and not isinstance(values, list):
        raise InvalidRequest(f"Operator {operator} requires values")
    return Filter(
        property_name=name,
        operator=operator,
        value=None if raw.get("value") is None else _text(raw["value"], "value"),
        high_value=None if raw.get("highValue") is None else _text(raw["highValue"], "highValue"),
        values=tuple(_text(v, "values") for v in values or ()),
    )


def _parse_sort(raw: Any, catalog: dict[str, PropertyDef]) -> Sort:
    if isinstance(raw, str):
        name, descending = raw.lstrip("-"), raw.startswith("-")
    elif isinstance(raw, dict):
        name = raw.get("propertyName")
        descending = raw.get("direction", "ASCENDING") == "DESCENDING"
    else:
        raise InvalidRequest("Each sort must be an object")
    if not isinstance(name, str) or name not in catalog:
        raise InvalidRequest(f"Cannot sort on unknown property {name!r}")
    return Sort(name, descending)


def _int(raw: Any, what: str, default: int) -> int:
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise InvalidRequest(f"{what} must be an integer") from None


def parse_search(body: Any, catalog: dict[str, PropertyDef]) -> SearchRequest:
    if not isinstance(body, dict):
        raise InvalidRequest("Request body must be a JSON object")
    groups = body.get("filterGroups") or []
    if not isinstance(groups, list) or len(groups) > MAX_GROUPS:
        raise InvalidRequest(f"filterGroups must be a list of at most {MAX_GROUPS} groups")
    parsed_groups = []
    for group in groups:
        filters = group.get("filters") if isinstance(group, dict) else None
        if not isinstance(filters, list):
            raise InvalidRequest("Each filter group must have a filters list")
        if len(filters) > MAX_FILTERS_PER_GROUP:
            raise InvalidRequest(
                f"A filter group may have at most {MAX_FILTERS_PER_GROUP} filters, "
                f"got {len(filters)}"
            )
        parsed_groups.append(tuple(_parse_filter(f, catalog) for f in filters))
    if sum(len(g) for g in parsed_groups) > MAX_FILTERS:
        raise InvalidRequest(f"At most {MAX_FILTERS} filters are allowed")
    sorts = body.get("sorts") or []
    if not isinstance(sorts, list):
        raise InvalidRequest("sorts must be a list")
    properties = body.get("properties")
    if properties is not None and not isinstance(properties, list):
        raise InvalidRequest("properties must be a list")
    limit = _int(body.get("limit"), "limit", 10)
    if not 0 <= limit <= MAX_LIMIT:
        raise InvalidRequest(f"limit must be between 0 and {MAX_LIMIT}")
    after = _int(body.get("after"), "after", 0)
    if after < 0:
        raise InvalidRequest("after must not be negative")
    if after >= MAX_RESULTS:
        raise InvalidRequest(
            f"Search results are limited to {MAX_RESULTS} records; 'after' is {after}"
        )
    query = body.get("query")
    return SearchRequest(
        filter_groups=tuple(g for g in parsed_groups if g),
        sorts=tuple(_parse_sort(s, catalog) for s in sorts),
        query=query if isinstance(query, str) and query else None,
        properties=tuple(str(p) for p in properties or ()) or None,
        limit=limit,
        after=after,
    )


def _converter(prop: PropertyDef) -> Callable[[str], Key]:
    if prop.type == "number":
        return float
    if prop.type in ("date", "datetime"):
        return parse_instant
    return str.lower


def _convert(prop: PropertyDef, value: str) -> Key:
    try:
        return _converter(prop)(value)
    except ValueError:
        raise InvalidRequest(f"{value!r} is not a valid {prop.type} for {prop.name}") from None


def _matches(flt: Filter, prop: PropertyDef, raw: str | None) -> bool:
    op = flt.operator
    if op in PRESENCE_OPERATORS:
        return (raw not in (None, "")) == (op == "HAS_PROPERTY")
    if raw in (None, ""):
        return op in ("NEQ", "NOT_IN")
    if op in ("CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"):
        token = (flt.value or "").lower().strip("*")
        return (token in raw.lower()) == (op == "CONTAINS_TOKEN")
    value = _convert(prop, raw)
    if op in LIST_OPERATORS:
        return any(value == _convert(prop, v) for v in flt.values) == (op == "IN")
    target = _convert(prop, flt.value or "")
    if op == "BETWEEN":
        return target <= value <= _convert(prop, flt.high_value or "")  # type: ignore[operator]
    return {
        "EQ": value == target,
        "NEQ": value != target,
        "LT": value < target,  # type: ignore[operator]
        "LTE": value <= target,  # type: ignore[operator]
        "GT": value > target,  # type: ignore[operator]
        "GTE": value >= target,  # type: ignore[operator]
    }[op]


Bounds = tuple[float, float]
EVERYTHING: Bounds = (-math.inf, math.inf)


def _integer_bounds(flt: Filter, prop: PropertyDef) -> Bounds | None:
    """The integers a range filter admits, inclusive (epoch ms or record ids); None when
    a bound is no finite number, which the full scan then answers."""
    value = float(_convert(prop, flt.value or ""))
    high_value = float(_convert(prop, flt.high_value or "")) if flt.operator == "BETWEEN" else 0.0
    if not (math.isfinite(value) and math.isfinite(high_value)):
        return None
    low, high = EVERYTHING
    if flt.operator == "GT":
        low = math.floor(value) + 1
    if flt.operator in ("EQ", "GTE", "BETWEEN"):
        low = math.ceil(value)
    if flt.operator == "LT":
        high = math.ceil(value) - 1
    if flt.operator in ("EQ", "LTE"):
        high = math.floor(value)
    if flt.operator == "BETWEEN":
        high = math.floor(high_value)
    return low, high


def _indexed(request: SearchRequest, collection: ObjectCollection) -> Sequence[int] | None:
    """The taps' query shapes answered from the collection's indexes instead of a scan: a
    range on the last-modified date, optionally narrowed by a range on `hs_object_id` (the
    keyset pass that gets past the 10,000-result cap when many records share one date),
    sorted by the date or by the id. The order is the full scan's: by id without a sort,
    by date then id (the scan's sort is stable over id order) with the date sort."""
    modified = collection.otype.modified_property
    if request.query or len(request.filter_groups) > 1:
        return None
    by_date, by_id_sort = (modified, False), (ID_PROPERTY, False)
    order = tuple((s.property_name, s.descending) for s in request.sorts)
    if order not in ((), (by_date,), (by_date, by_id_sort), (by_id_sort,)):
        return None
    if not request.sorts and not request.filter_groups:
        return None
    dates, ids = EVERYTHING, EVERYTHING
    for flt in request.filter_groups[0] if request.filter_groups else ():
        if flt.property_name not in (modified, ID_PROPERTY) or flt.operator not in RANGE_OPERATORS:
            return None
        bounds = _integer_bounds(flt, collection.catalog[flt.property_name])
        if bounds is None:
            return None
        if flt.property_name == modified:
            dates = (max(dates[0], bounds[0]), min(dates[1], bounds[1]))
        else:
            ids = (max(ids[0], bounds[0]), min(ids[1], bounds[1]))
    # Record ids are first_id + index, so an id range is an index range.
    first, last = (bound - collection.otype.first_id for bound in ids)
    by_id = order in ((), (by_id_sort,))
    if dates == EVERYTHING and by_id:
        live = collection.live_indices
        return live[bisect_left(live, first) : bisect_right(live, last)]
    low, high = (int(max(-(2**62), dates[0])), int(min(2**62, dates[1])))
    indices = collection.modified_between(low, high)
    if ids != EVERYTHING:
        indices = [i for i in indices if first <= i <= last]
    return sorted(indices) if by_id else indices


def _full_scan(request: SearchRequest, collection: ObjectCollection) -> list[int]:
    catalog = collection.catalog
    searchable = collection.otype.search_properties
    needle = request.query.lower() if request.query else None
    rows: list[tuple[int, dict[str, str | None]]] = []
    for index in collection.live_indices:
        values = collection.values(index)
        if needle and not any(needle in (values.get(p) or "").lower() for p in searchable):
            continue
        if request.filter_groups and not any(
            all(_matches(f, catalog[f.property_name], values.get(f.property_name)) for f in group)
            for group in request.filter_groups
        ):
            continue
        rows.append((index, values))
    for sort in reversed(request.sorts):
        prop = catalog[sort.property_name]
        present = [r for r in rows if r[1].get(sort.property_name) not in (None, "")]
        missing = [r for r in rows if r[1].get(sort.property_name) in (None, "")]
        present.sort(
            key=lambda r: _convert(prop, r[1][sort.property_name] or ""),
            reverse=sort.descending,
        )
        rows = present + missing
    return [index for index, _ in rows]


class SearchEngine:
    """Runs searches, remembering recent result orderings so paging does not rescan."""

    def __init__(self, capacity: int = 32) -> None:
        self._cache: OrderedDict[tuple[object, ...], list[int]] = OrderedDict()
        self._capacity = capacity

    def run(self, collection: ObjectCollection, request: SearchRequest) -> Sequence[int]:
        fast = _indexed(request, collection)
        if fast is not None:
            return fast
        key = (collection.otype.name, collection.version, len(collection), request.cache_key)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        result = _full_scan(request, collection)
        self._cache[key] = result
        if len(self._cache) > self._capacity:
            self._cache.popitem(last=False)
        return result
