"""A table's identity for reconciliation: its live keys with their modified timestamps."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

MAX_LISTED_DIFFERENCES = 5


def normalize_timestamp(value: object) -> str:
    """One spelling for a moment, whatever the side stored (aware, naive UTC, ISO text)."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return ""
        if text.isdigit():  # epoch milliseconds, as HubSpot sends some dates
            value = datetime.fromtimestamp(int(text) / 1000, tz=UTC)
        else:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(timespec="milliseconds")
    return str(value)


@dataclass(frozen=True)
class Fingerprint:
    rows: dict[str, str]  # key -> normalized modified timestamp ("" when the table has none)

    @classmethod
    def of(cls, pairs: Iterable[tuple[object, object]]) -> Fingerprint:
        return cls({str(key): normalize_timestamp(modified) for key, modified in pairs})

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def checksum(self) -> str:
        digest = hashlib.md5()
        for key in sorted(self.rows):
            digest.update(f"{key}|{self.rows[key]}\n".encode())
        return digest.hexdigest()


@dataclass(frozen=True)
class TableComparison:
    name: str
    source: Fingerprint
    warehouse: Fingerprint

    @property
    def matches(self) -> bool:
        return self.source.checksum == self.warehouse.checksum

    def differences(self) -> list[str]:
        src, wh = self.source.rows, self.warehouse.rows
        missing = sorted(src.keys() - wh.keys())
        extra = sorted(wh.keys() - src.keys())
        stale = sorted(k for k in src.keys() & wh.keys() if src[k] != wh[k])
        lines = []
        for label, keys in (
            ("missing in warehouse", missing),
            ("not in source", extra),
            ("modified differs", stale),
        ):
            if keys:
                shown = ", ".join(keys[:MAX_LISTED_DIFFERENCES])
                more = (
                    f" (+{len(keys) - MAX_LISTED_DIFFERENCES} more)"
                    if len(keys) > MAX_LISTED_DIFFERENCES
                    else ""
                )
                lines.append(f"{label}: {len(keys)} [{shown}{more}]")
        return lines

    def render(self) -> str:
        status = "OK  " if self.matches else "DIFF"
        line = (
            f"{status} {self.name:<36} source {self.source.count:>8} {self.source.checksum[:12]}"
            f"  warehouse {self.warehouse.count:>8} {self.warehouse.checksum[:12]}"
        )
        return "\n".join([line, *(f"       {d}" for d in self.differences())])
