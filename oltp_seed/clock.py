"""The fixed instant every generated timestamp hangs from, so output never depends on now()."""

from datetime import UTC, datetime, timedelta

ANCHOR = datetime(2026, 1, 1, tzinfo=UTC)
# Cases and reviews fall in this window before ANCHOR.
ACTIVITY_WINDOW = timedelta(days=90)
