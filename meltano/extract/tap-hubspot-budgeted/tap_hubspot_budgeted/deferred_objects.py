"""Object types searched when due instead of on every run.

HubSpot has no change feed across object types: finding that nothing changed costs one
search per object type, whatever the portal's size. For a frequent schedule that floor is
most of a quiet run's cost. The types in `deferred_object_types` (by default, in
tap-hubspot.meltano.yml, the ones no shipped mart reads) are searched by the first run
`deferred_check_interval_s` (6 h) after their last search, and skipped until then.

Nothing is lost by a skip: the bookmark stays where the last search left it, so the next
search reads every change made since. A skipped type counts as synced with no changes, so
its association streams read nothing either (their edges come with its next search, or the
full pass). The time of the last search is our clock against our clock (a scheduling
decision), kept in the stream's state.
"""

from __future__ import annotations

import datetime as dt
import time
import typing as t

from tap_hubspot_budgeted.config_number import config_number
from tap_hubspot_budgeted.references import READ_AT, is_due

if t.TYPE_CHECKING:
    from singer_sdk.helpers.types import Context

DEFERRED_CHECK_S = 6 * 3600


def deferred_object_types(config: dict[str, t.Any]) -> frozenset[str]:
    return frozenset(config.get("deferred_object_types") or ())


def deferred_check_interval_s(config: dict[str, t.Any]) -> float:
    """Seconds between two searches of a deferred type; 0 searches it on every run."""
    return config_number(config, "deferred_check_interval_s", DEFERRED_CHECK_S)


class SearchedWhenDue:
    """Mixed in before an incremental object stream."""

    def sync(self, context: Context | None = None) -> None:
        tap = self._tap  # type: ignore[attr-defined]
        name = self.name  # type: ignore[attr-defined]
        if name in tap.deferred_object_types:
            state = self.get_context_state(None)  # type: ignore[attr-defined]
            due = is_due(name, state, set(), tap.deferred_check_interval_s, time.time())
            if not due.due:
                self.logger.info(  # type: ignore[attr-defined]
                    "%s: not searched (deferred_object_types: %s)", name, due.why
                )
                tap.changed.mark_synced(name)
                return
            self.logger.info("%s: searched (deferred_object_types: %s)", name, due.why)  # type: ignore[attr-defined]
        super().sync(context)  # type: ignore[misc]

    def get_records(self, context: Context | None) -> t.Iterable[dict]:
        started = time.time()
        yield from super().get_records(context)  # type: ignore[misc]
        # Every type keeps the time of its last complete search, so one moved into the
        # deferred list later is due from that search, not at once.
        state = self.get_context_state(context)  # type: ignore[attr-defined]
        state[READ_AT] = dt.datetime.fromtimestamp(started, tz=dt.UTC).isoformat()
