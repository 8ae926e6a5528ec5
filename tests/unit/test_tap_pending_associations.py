"""The mark that keeps a run's association reads owed until they have synced
(tap-hubspot-budgeted's pending_associations.py; the end-to-end case is in
tests/e2e/test_hubspot_api_budget.py)."""

from __future__ import annotations

import sys

from paracelsus_stack.settings import REPO_ROOT

# The tap is a Meltano plugin: its pure modules are imported from the source folder.
sys.path.insert(0, str(REPO_ROOT / "meltano" / "extract" / "tap-hubspot-budgeted"))

from tap_hubspot_budgeted.pending_associations import (
    EPOCH,
    PENDING,
    WaitingReaders,
    mark,
    resume_from,
    settle,
)

MONDAY = "2026-11-30T08:00:00+00:00"
TUESDAY = "2026-12-01T08:00:00Z"


def test_a_run_that_stopped_after_moving_the_bookmark_is_read_again_from_its_mark() -> None:
    state = {"replication_key_value": MONDAY}
    mark(state, MONDAY, "2020-01-01T00:00:00Z")
    assert resume_from(state) is None, "nothing is owed while the bookmark has not moved"
    state["replication_key_value"] = TUESDAY  # the stream ended; its readers never synced
    assert resume_from(state) == MONDAY


def test_a_first_sync_marks_its_start_date_or_the_epoch() -> None:
    with_start: dict = {}
    mark(with_start, None, "2020-01-01T00:00:00Z")
    assert with_start[PENDING] == "2020-01-01T00:00:00Z"
    without: dict = {}
    mark(without, None, None)
    assert without[PENDING] == EPOCH
    without["replication_key_value"] = TUESDAY
    assert resume_from(without) == EPOCH


def test_no_mark_means_nothing_owed() -> None:
    assert resume_from({"replication_key_value": TUESDAY}) is None
    assert resume_from({}) is None


def test_the_mark_goes_with_the_last_reader_of_its_object_stream() -> None:
    waiting = WaitingReaders()
    waiting.open("deals", ["deal_contact_associations", "deal_company_associations"])
    assert not waiting.done("deals", "deal_contact_associations")
    assert not waiting.done("deals", "ticket_deal_associations"), "not a reader of deals"
    assert waiting.done("deals", "deal_company_associations")
    assert not waiting.done("deals", "deal_company_associations"), "already done"
    assert not waiting.done("contacts", "contact_company_associations"), "never opened"


def test_a_settled_mark_stays_as_none_so_merged_partial_states_drop_it() -> None:
    state = {"replication_key_value": TUESDAY}
    mark(state, MONDAY, None)
    settle(state)
    assert PENDING in state and state[PENDING] is None
    assert resume_from(state) is None
    unmarked: dict = {}
    settle(unmarked)
    assert unmarked == {}, "a stream never marked gets no key"
