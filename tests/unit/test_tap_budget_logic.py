"""The pure parts of tap-hubspot-budgeted (meltano/extract/tap-hubspot-budgeted): the shared
rate window, the keyset cursor past the search cap, the property cache. The tap itself runs
against the mock in tests/e2e/test_hubspot_api_budget.py."""

from __future__ import annotations

import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

from bench.hubspot_economy import BURST_TIERS, DAILY_CAPS, SEARCH_PER_SECOND
from mock_hubspot.settings import HUBSPOT_DAILY_LIMIT, HUBSPOT_TEN_SECONDLY_LIMIT
from paracelsus_stack.settings import REPO_ROOT

# The tap is a Meltano plugin, not a dependency of this project: import its modules from
# the source folder Meltano installs it from (these ones need only the standard library).
sys.path.insert(0, str(REPO_ROOT / "meltano" / "extract" / "tap-hubspot-budgeted"))

from tap_hubspot_budgeted import tiers
from tap_hubspot_budgeted.discovery_ledger import DiscoveryLedger
from tap_hubspot_budgeted.property_cache import PropertyCache, cache_key
from tap_hubspot_budgeted.rate_window import SharedRateWindow
from tap_hubspot_budgeted.search_cursor import (
    RANGE,
    TIE,
    Cursor,
    filters,
    next_cursor,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_two_processes_sharing_a_window_never_exceed_its_limit(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "burst.json"
    first, second = (
        SharedRateWindow(path, 10, 10.0, clock=clock, sleep=clock.sleep) for _ in range(2)
    )
    sent: list[float] = []
    for _ in range(15):
        for window in (first, second):
            window.acquire()
            sent.append(clock.now)
            clock.now += 0.01
    # In every 10-second span at most 10 requests, across both "processes".
    for start in sent:
        assert sum(start <= t < start + 10.0 for t in sent) <= 10
    assert len(sent) == 30 and clock.slept, "the 11th request waited"
    assert sent[-1] - sent[0] < 30.0, "and no longer than the window needs"


def test_a_slot_frees_one_interval_after_the_answer_not_the_send(tmp_path: Path) -> None:
    """A slow request (a new connection, a busy server) may reach HubSpot late: counting
    from the send would let the server see two requests inside one interval."""
    clock = FakeClock()
    window = SharedRateWindow(tmp_path / "w.json", 1, 1.0, clock=clock, sleep=clock.sleep)
    stamp = window.acquire()
    clock.now += 0.4  # the request's round trip
    window.done(stamp)
    answered = clock.now
    window.acquire()
    assert clock.now >= answered + 1.0


def test_a_full_server_window_makes_the_next_request_wait_an_interval(tmp_path: Path) -> None:
    clock = FakeClock()
    window = SharedRateWindow(tmp_path / "w.json", 5, 2.0, clock=clock, sleep=clock.sleep)
    window.acquire()
    window.fill(window.limit)
    window.acquire()
    assert sum(clock.slept) >= 2.0


def test_a_torn_window_file_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text("[1.0, 2.")
    clock = FakeClock()
    SharedRateWindow(path, 1, 1.0, clock=clock, sleep=clock.sleep).acquire()
    assert clock.slept == []


def page(stamps_ms: list[int], first_id: int, after: int | None, key: str = "hs_lm") -> dict:
    results = [
        {"id": str(first_id + n), "properties": {key: f"{_iso(ms)}"}}
        for n, ms in enumerate(stamps_ms)
    ]
    body: dict = {"results": results}
    if after is not None:
        body["paging"] = {"next": {"after": str(after)}}
    return body


def _iso(ms: int) -> str:

    return datetime.fromtimestamp(ms / 1000, UTC).isoformat().replace("+00:00", "Z")


def test_the_cursor_pages_on_until_the_search_cap() -> None:
    cursor = Cursor(RANGE, 1_000)
    assert next_cursor(cursor, page([1_000, 2_000], 1, 200), "hs_lm") == Cursor(
        RANGE, 1_000, after=200
    )
    assert next_cursor(cursor, page([1_000], 1, None), "hs_lm") is None


def test_at_the_cap_the_floor_moves_to_the_last_timestamp() -> None:
    cursor = Cursor(RANGE, 1_000, after=9_800)
    moved = next_cursor(cursor, page([5_000, 7_000], 1, 10_000), "hs_lm")
    assert moved == Cursor(RANGE, 7_000)
    assert filters(moved, "hs_lm") == [
        {"propertyName": "hs_lm", "operator": "GTE", "value": "7000"}
    ]


def test_a_whole_window_on_one_timestamp_pages_by_id_then_past_it() -> None:
    cursor = Cursor(RANGE, 7_000, after=9_800)
    tie = next_cursor(cursor, page([7_000, 7_000], 50, 10_000), "hs_lm")
    assert tie == Cursor(TIE, 7_000)
    assert filters(tie, "hs_lm") == [
        {"propertyName": "hs_lm", "operator": "EQ", "value": "7000"},
        {"propertyName": "hs_object_id", "operator": "GT", "value": "0"},
    ]
    capped = next_cursor(Cursor(TIE, 7_000, after=9_800), page([7_000] * 2, 900, 10_000), "hs_lm")
    assert capped == Cursor(TIE, 7_000, last_id="901")
    done = next_cursor(capped, page([7_000], 902, None), "hs_lm")
    assert done == Cursor(RANGE, 7_000, inclusive=False)
    assert filters(done, "hs_lm")[0]["operator"] == "GT"


def test_property_definitions_are_shared_across_spellings_and_expire(tmp_path: Path) -> None:
    clock = FakeClock()
    assert cache_key("/properties/company") == cache_key("/properties/companies") == "companies"
    writer = PropertyCache(tmp_path, 900, clock=clock)
    writer.save("/properties/companies", [{"name": "domain"}])
    reader = PropertyCache(tmp_path, 900, clock=clock)
    assert reader.load("/properties/company") == [{"name": "domain"}]
    clock.now += 901
    assert PropertyCache(tmp_path, 900, clock=clock).load("/properties/company") is None
    assert PropertyCache(tmp_path, 0, clock=clock).load("/properties/companies") is None


def test_hubspot_limits_have_one_owner_and_the_copies_agree() -> None:

    assert BURST_TIERS == tiers.BURST_PER_10S
    assert DAILY_CAPS == tiers.DAILY_CAPS
    assert SEARCH_PER_SECOND == tiers.SEARCH_PER_SECOND
    defaults = tiers.RateLimits()
    assert (defaults.max_requests, defaults.daily_cap) == (
        HUBSPOT_TEN_SECONDLY_LIMIT,
        HUBSPOT_DAILY_LIMIT,
    )


def test_parallel_discoveries_writing_one_type_never_collide(tmp_path: Path) -> None:
    errors: list[BaseException] = []

    def discover(n: int) -> None:
        try:
            for _ in range(50):
                PropertyCache(tmp_path, 900).save("/properties/contacts", [{"name": str(n)}])
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=discover, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert PropertyCache(tmp_path, 900).load("/properties/contacts") in (
        [{"name": str(n)}] for n in range(4)
    )
    assert not list(tmp_path.glob("*.tmp"))


def test_the_sync_counts_its_discovery_once_and_only_a_recent_one(tmp_path: Path) -> None:
    now = [1000.0]
    ledger = DiscoveryLedger(tmp_path / "discovery.json", 900, clock=lambda: now[0])
    assert ledger.take() == (0, 0), "no discovery ran"
    ledger.record(13, 1)
    now[0] += 5
    assert ledger.take() == (13, 1)
    assert ledger.take() == (0, 0), "a second sync without its own discovery counts none"
    ledger.record(13, 0)
    now[0] += 901
    assert ledger.take() == (0, 0), "a discovery older than the cache age is not this run's"
