"""Fixture time: everything is anchored to a fixed instant, never to the wall clock."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

ANCHOR = datetime(2026, 1, 1, tzinfo=UTC)
ANCHOR_MS = int(ANCHOR.timestamp() * 1000)
DAY_MS = 86_400_000
HISTORY_MS = 180 * DAY_MS
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def iso_ms(ms: int) -> str:
    if ms < 0:
        moment = _EPOCH + timedelta(milliseconds=ms)
        return f"{moment:%Y-%m-%dT%H:%M:%S}.{ms % 1000:03d}Z"
    return f"{time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(ms // 1000))}.{ms % 1000:03d}Z"


def iso_date(ms: int) -> str:
    return f"{_EPOCH + timedelta(milliseconds=ms):%Y-%m-%d}"


def parse_instant(value: str) -> int:
    """Epoch milliseconds from an epoch-ms string, an ISO-8601 instant or a date."""
    text = value.strip()
    if text.lstrip("-").isdigit():
        return int(text)
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)
