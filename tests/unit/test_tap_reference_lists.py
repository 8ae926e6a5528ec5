"""When tap-hubspot-budgeted reads a reference list (owners, pipelines, ...) again, and from
where a stream whose property list changed reads (the pure parts; the tap runs against the
mock in tests/e2e/test_hubspot_api_budget.py)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from paracelsus_stack.settings import REPO_ROOT

# The tap is a Meltano plugin: its pure modules are imported from the source folder.
sys.path.insert(0, str(REPO_ROOT / "meltano" / "extract" / "tap-hubspot-budgeted"))

from tap_hubspot_budgeted import definition_changes
from tap_hubspot_budgeted.property_cache import PropertyCache
from tap_hubspot_budgeted.references import KNOWN_IDS, READ_AT, NamedIds, ids_of, is_due

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC).timestamp()
HOUR = 3600.0


def read(hours_ago: float, known: list[str] | None = None) -> dict:
    state = {READ_AT: datetime.fromtimestamp(NOW - hours_ago * HOUR, tz=UTC).isoformat()}
    return state if known is None else {**state, KNOWN_IDS: known}


def test_a_list_never_read_or_past_its_max_age_is_read() -> None:
    assert is_due("owners", {}, set(), 6 * HOUR, NOW).due
    assert is_due("teams", read(6), set(), 6 * HOUR, NOW).due
    assert not is_due("teams", read(5.9), set(), 6 * HOUR, NOW).due
    assert is_due("teams", read(0.1), set(), 0, NOW).due, "a max age of 0 reads every run"


def test_a_changed_record_naming_an_unknown_owner_makes_the_owners_due() -> None:
    named = NamedIds()
    named.note("deals", {"hubspot_owner_id": "51000001", "dealstage": "appointmentscheduled"})
    known = read(1, ["51000001"])
    assert not is_due("owners", known, named.named("owners"), 6 * HOUR, NOW).due
    named.note("calls", {"hubspot_owner_id": "51009999"})
    due = is_due("owners", known, named.named("owners"), 6 * HOUR, NOW)
    assert due.due and "1 id" in due.why


def test_pipelines_are_named_by_their_own_object_only() -> None:
    named = NamedIds()
    # A lead's pipeline is a lead pipeline, not a ticket pipeline.
    named.note("leads", {"hs_pipeline": "lead-pipeline", "hs_pipeline_stage": "new-lead"})
    named.note("deals", {"pipeline": "default", "dealstage": "closedwon"})
    assert named.named("ticket_pipelines") == set()
    assert named.named("deal_pipelines") == {"default", "closedwon"}
    pipeline = {"pipelineId": "default", "stages": [{"stageId": "closedwon"}, {"stageId": "x"}]}
    known = read(1, sorted(ids_of("deal_pipelines", pipeline)))
    assert not is_due("deal_pipelines", known, named.named("deal_pipelines"), 6 * HOUR, NOW).due
    named.note("deals", {"pipeline": "default", "dealstage": "new-stage"})
    assert is_due("deal_pipelines", known, named.named("deal_pipelines"), 6 * HOUR, NOW).due


def test_lists_without_named_ids_follow_their_age_only() -> None:
    named = NamedIds()
    named.note("contacts", {"hubspot_owner_id": "1"})
    assert not is_due("users", read(1), named.named("users"), 6 * HOUR, NOW).due
    assert ids_of("teams", {"id": "7"}) == set()
    assert ids_of("owners", {"id": 51000001}) == {"51000001"}


def used(
    names: list[str], read: str, start: str | None, end: str | None = None
) -> definition_changes.SyncUsed:
    return definition_changes.SyncUsed(
        fingerprint=definition_changes.fingerprint(names),
        read=read,
        start_bookmark=start,
        end_bookmark=end,
        duration_s=600,
        max_age_s=6 * HOUR,
    )


def test_an_unchanged_property_list_keeps_the_bookmark() -> None:
    state = {"replication_key_value": "2026-12-02T10:00:00+00:00"}
    current = definition_changes.fingerprint(["email", "firstname"])
    assert definition_changes.rewound_bookmark(state, current) is None, "no earlier list"
    definition_changes.remember(state, used(["email", "firstname"], "r1", "2026-12-02T10:00Z"))
    same = definition_changes.fingerprint(["firstname", "email"])
    assert definition_changes.rewound_bookmark(state, same) is None


def test_a_changed_list_reads_from_the_first_use_of_the_previous_read_less_its_max_age() -> None:
    state: dict = {}
    definition_changes.remember(state, used(["email"], "r1", "2026-12-02T10:00:00Z"))
    # Later syncs with the same read keep the moment of its first use.
    definition_changes.remember(state, used(["email"], "r1", "2026-12-02T14:00:00Z"))
    state["replication_key_value"] = "2026-12-02T15:00:00Z"
    grown = definition_changes.fingerprint(["email", "referral_source"])
    assert definition_changes.rewound_bookmark(state, grown) == "2026-12-02T04:00:00+00:00"
    # A refresh that finds the same list moves that moment to its own first use.
    definition_changes.remember(state, used(["email"], "r2", "2026-12-02T16:00:00Z"))
    assert definition_changes.rewound_bookmark(state, grown) == "2026-12-02T10:00:00+00:00"
    # A bookmark older than that stays where it is.
    state["replication_key_value"] = "2026-12-01T00:00:00Z"
    assert definition_changes.rewound_bookmark(state, grown) == "2026-12-01T00:00:00+00:00"


def test_after_a_first_sync_the_moment_is_its_end_bookmark_less_its_duration() -> None:
    state: dict = {}
    definition_changes.remember(state, used(["email"], "r1", None, "2026-12-02T10:10:00Z"))
    state["replication_key_value"] = "2026-12-02T11:00:00Z"
    grown = definition_changes.fingerprint(["email", "x"])
    # 10:10 less the sync's 10 minutes, less the 6 h max age.
    assert definition_changes.rewound_bookmark(state, grown) == "2026-12-02T04:00:00+00:00"


def test_the_cache_tells_when_definitions_were_read(tmp_path: Path) -> None:
    cache = PropertyCache(tmp_path, 6 * HOUR, clock=lambda: NOW)
    assert cache.fetched_at("/properties/contacts") is None
    cache.save("/properties/contacts", [{"name": "email"}])
    assert cache.fetched_at("/properties/contact") == NOW
    later = PropertyCache(tmp_path, 6 * HOUR, clock=lambda: NOW + 5 * HOUR)
    assert later.load("/properties/contacts") == [{"name": "email"}], "reused within max age"
    expired = PropertyCache(tmp_path, 6 * HOUR, clock=lambda: NOW + 6 * HOUR + 1)
    assert expired.load("/properties/contacts") is None
