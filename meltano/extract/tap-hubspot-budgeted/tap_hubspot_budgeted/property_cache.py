"""Property definitions (and custom object schemas), kept across runs.

tap-hubspot reads an object type's property definitions in discovery, again for the schema
of each stream in the sync, and again in the `properties` stream: up to three requests per
type and run, 15 in all for a run that finds nothing changed. Here a type's definitions
are read from HubSpot at most once per `property_cache_max_age_s` (6 h by default); in
between, discovery, the streams' property lists and the `properties` stream reuse them.

A property added in the portal therefore becomes a raw column at the next refresh, not
at the next run. Records given a value for it in between are not lost: giving a record a
value moves its modified date, and a stream whose property list changed re-reads from
the time the previous definitions were read (streams.FollowsDefinitionChanges).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tap_hubspot_budgeted.object_names import plural


def cache_key(path: str) -> str:
    object_type = path.rstrip("/").rsplit("/", 1)[-1]
    return plural(object_type)


class PropertyCache:
    def __init__(
        self, directory: Path, max_age_s: float, clock: Callable[[], float] = time.time
    ) -> None:
        self.directory = directory
        self.max_age_s = max_age_s
        self._clock = clock
        self._read_this_run: dict[str, list[dict[str, Any]]] = {}

    def _file(self, path: str) -> Path:
        return self.directory / f"{cache_key(path)}.json"

    def fetched_at(self, path: str) -> float | None:
        """When the cached definitions of the path's object type were read from HubSpot."""
        try:
            return float(json.loads(self._file(path).read_text())["fetched_at"])
        except (OSError, ValueError, KeyError):
            return None

    def load(self, path: str) -> list[dict[str, Any]] | None:
        # Within one process a type's definitions are read from HubSpot at most once.
        key = cache_key(path)
        if key in self._read_this_run:
            return self._read_this_run[key]
        try:
            stored = json.loads(self._file(path).read_text())
        except (OSError, ValueError):
            return None
        if self.max_age_s <= 0 or self._clock() - stored["fetched_at"] > self.max_age_s:
            return None
        return stored["results"]

    def save(self, path: str, results: list[dict[str, Any]]) -> None:
        self._read_this_run[cache_key(path)] = results
        self.directory.mkdir(parents=True, exist_ok=True)
        # Parallel pipelines of one portal discover at the same time: each writes its own
        # temporary file, and the last complete one wins the rename.
        handle, partial = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(handle, "w") as out:
            out.write(json.dumps({"fetched_at": self._clock(), "results": results}))
        os.replace(partial, self._file(path))
