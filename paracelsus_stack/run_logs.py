"""The full output of every run, one timestamped file each under `.stack/logs/`.

The terminal shows compact progress; the whole Meltano and dbt output goes here, and only
the newest `PARACELSUS_KEEP_LOGS` files are kept.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from paracelsus_stack.settings import StackSettings


def logs_dir(settings: StackSettings) -> Path:
    return Path(settings.state_dir) / "logs"


def new_log_path(settings: StackSettings, what: str, now: datetime | None = None) -> Path:
    """A fresh file for one run: `<UTC time>-<what>.log`, older files pruned first."""
    directory = logs_dir(settings)
    directory.mkdir(parents=True, exist_ok=True)
    prune(directory, keep=max(settings.keep_logs - 1, 0))
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S.%fZ")
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", what).strip("-") or "run"
    return directory / f"{stamp}-{slug}.log"


def prune(directory: Path, keep: int) -> list[Path]:
    """Remove all but the `keep` newest logs (names sort by time); returns what it removed."""
    logs = sorted(directory.glob("*.log"))
    removed = logs[: max(len(logs) - keep, 0)]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed
