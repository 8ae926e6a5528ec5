"""What discovery spent, for the run's one budget line.

Meltano runs the tap twice per run: `--discover`, then the sync. Discovery writes what it
sent here; the sync adds it to the "HubSpot API budget" line it logs, so that line (and the
Dagster metadata read from it) counts every request of the run.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path


class DiscoveryLedger:
    def __init__(
        self, path: Path, max_age_s: float, clock: Callable[[], float] = time.time
    ) -> None:
        self.path = path
        self.max_age_s = max_age_s
        self._clock = clock

    def record(self, sent: int, throttled: int) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(
            json.dumps({"sent": sent, "throttled": throttled, "at": self._clock()})
        )

    def take(self) -> tuple[int, int]:
        """The requests and 429s of the discovery that preceded this sync (read once: a
        second sync without a discovery of its own counts none)."""
        try:
            entry = json.loads(self.path.read_text())
            self.path.unlink()
        except (OSError, ValueError):
            return 0, 0
        if self._clock() - float(entry.get("at", 0)) > self.max_age_s:
            return 0, 0
        return int(entry.get("sent", 0)), int(entry.get("throttled", 0))
