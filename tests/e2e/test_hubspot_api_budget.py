"""tap-hubspot-budgeted against the mock: an incremental run costs what changed, the
associations of changed records arrive with it, the full pass catches the rest, the
search cap is paged past, and the budget is paced, never tripped, and never overspent."""

from __future__ import annotations

import json
import re
import sys
import typing as t
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
import requests

from paracelsus_stack.meltano_project import hubspot_associations, plugin_config
from paracelsus_stack.reconcile.run import local_hubspot
from paracelsus_stack.settings import REPO_ROOT, StackSettings

from .helpers import assert_reconciled, meltano, mock_admin
from .run_polling import end_of_call, wait_until_held

# The tap's own spelling of stream names (a pure module of the plugin's source folder).
sys.path.insert(0, str(REPO_ROOT / "meltano" / "extract" / "tap-hubspot-budgeted"))
from tap_hubspot_budgeted.object_names import plural

FULL_PASS = ("run", "tap-hubspot--associations-full", "target-postgres--hubspot")
# The object types searched when due (deferred_objects.py), as the project configures them.
DEFERRED = frozenset(plugin_config("tap-hubspot")["deferred_object_types"])
# The tap's closing line (tap_hubspot_budgeted/tap.py): its requests, 429s, time paced.
PACED = re.compile(r"HubSpot API budget: \d+ requests, 0 answered 429, ([\d.]+) s paced")
INCREMENTAL = re.compile(r"Beginning sync of '(\w+)' in incremental mode")
# A stream's turn in a run: it began, or (a deferred type not due) the tap passed it by.
TURN = re.compile(r"Beginning sync of '(\w+)'|\s(\w+): not searched \(deferred_object_types")
REQUEST_METRIC = re.compile(r'"metric":\s*"http_request_count".*?"endpoint":\s*"([^"]+)"')


def endpoints(output: str) -> list[str]:
    """The endpoint of every request the tap reports (singer-sdk's request metric)."""
    return REQUEST_METRIC.findall(output)


def link(warehouse: psycopg.Connection, contact: str, company: str) -> tuple | None:
    return warehouse.execute(
        "select from_id, to_id, _sdc_deleted_at from raw_hubspot.contact_company_associations "
        "where from_id = %s and to_id = %s",
        (contact, company),
    ).fetchone()


def unlinked_company(warehouse: psycopg.Connection, contact: str) -> str:
    row = warehouse.execute(
        "select id from raw_hubspot.companies where not coalesce(archived, false) and id not in "
        "(select to_id from raw_hubspot.contact_company_associations where from_id = %s) "
        "order by id limit 1",
        (contact,),
    ).fetchone()
    assert row is not None
    return row[0]


def associate(settings: StackSettings, contact: str, company: str) -> None:
    mock_admin_v4(settings, "PUT", f"contact/{contact}/associations/default/company/{company}")


def dissociate(settings: StackSettings, contact: str, company: str) -> None:
    mock_admin_v4(settings, "DELETE", f"contact/{contact}/associations/company/{company}")


def mock_admin_v4(settings: StackSettings, method: str, path: str) -> None:
    """HubSpot's own v4 record-association endpoints (what a CRM user's change does)."""
    with requests.Session() as session:
        response = local_hubspot(settings).send(session, method, f"/crm/v4/objects/{path}")
    assert response.status_code in (200, 204), response.text


class Traffic(t.NamedTuple):
    """What the mock has served so far: its requests per endpoint ("POST
    /crm/v3/objects/contacts/search"), and how many of them it answered 429."""

    by_endpoint: Counter[str]
    throttled: int

    def since(self, earlier: Traffic) -> Traffic:
        return Traffic(self.by_endpoint - earlier.by_endpoint, self.throttled - earlier.throttled)


def traffic(settings: StackSettings) -> Traffic:
    tally = mock_admin(settings, "GET", "requests")
    return Traffic(Counter(tally["by_endpoint"]), tally["throttled"])


def served(settings: StackSettings) -> Counter[str]:
    """The mock's requests so far, per endpoint."""
    return traffic(settings).by_endpoint


def incremental_streams(output: str) -> set[str]:
    return set(INCREMENTAL.findall(output))


def streams_in_sync_order(output: str) -> list[str]:
    """The streams of a run in the order of their turns (an association stream begins once
    per partition)."""
    return list(dict.fromkeys(began or passed for began, passed in TURN.findall(output)))


def assert_associations_follow_their_object_stream(output: str) -> None:
    """sync_order.py, as the tap's run applies it: each association stream syncs in the
    block right after the object stream it reads the changed ids of."""
    reads_from = {
        f"{source}_{target}_associations": plural(source)
        for source, targets in hubspot_associations().items()
        for target in targets
    }
    order = streams_in_sync_order(output)
    assert "contacts" in order and set(reads_from) & set(order), order
    current_object = None
    for stream in order:
        if stream in reads_from:
            assert reads_from[stream] == current_object, f"{stream} after {current_object}: {order}"
        else:
            current_object = stream


def saved_bookmarks(warehouse: psycopg.Connection) -> dict[str, dict]:
    """el-hubspot's stream states as Meltano saved them (a failed run's as partial state)."""
    warehouse.commit()
    state = warehouse.execute(
        "select completed_state, partial_state from meltano.state where state_id like %s",
        ("%tap-hubspot-to-%",),
    ).fetchone()
    bookmarks: dict[str, dict] = {}
    for part in state:
        document = part if isinstance(part, dict) else json.loads(part or "{}")
        bookmarks.update((document.get("singer_state") or {}).get("bookmarks") or {})
    return bookmarks


def test_a_no_change_run_costs_one_search_per_object_stream(elt_all: StackSettings) -> None:
    # The scenario's baseline dropped the tap's cached definitions: this run reads them
    # again (as a run 6 h after the last read would), the next one reuses them.
    meltano(elt_all, "run", "el-hubspot")
    before = served(elt_all)
    output = meltano(elt_all, "run", "el-hubspot")
    spent = served(elt_all) - before
    searched = incremental_streams(output)
    assert {"contacts", "tickets", "supervision_agreement"} <= searched
    # The deferred types were searched by the baseline's run, minutes ago: not due.
    assert DEFERRED and not DEFERRED & searched, searched
    for name in DEFERRED:
        assert f"{name}: not searched (deferred_object_types: read " in output
    assert all(e.endswith("/search") for e in spent), f"only searches when nothing changed: {spent}"
    assert set(spent.values()) == {1} and len(spent) == len(searched), spent
    # Nothing else: no association read, no id listing, no property definitions, and no
    # reference list (owners, pipelines, ...): their last reads are minutes old.
    for reference in ("owners", "deal_pipelines", "users", "teams"):
        assert f"{reference}: not read (read " in output
    assert f"HubSpot API budget: {sum(spent.values())} requests" in output


def test_a_deferred_type_is_searched_when_due_and_loses_no_change(
    elt_all: StackSettings, warehouse: psycopg.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = mock_admin(elt_all, "POST", "changes", {"object_type": "products", "update": 2})
    ids = changed["updated"]

    def modified() -> dict[str, object]:
        warehouse.commit()
        rows = warehouse.execute(
            "select id, hs_lastmodifieddate from raw_hubspot.products where id = any(%s)", (ids,)
        ).fetchall()
        return dict(rows)

    loaded = modified()
    before = served(elt_all)
    output = meltano(elt_all, "run", "el-hubspot")
    assert "products: not searched (deferred_object_types: read " in output
    assert "POST /crm/v3/objects/products/search" not in served(elt_all) - before
    assert modified() == loaded, "a deferred type was read before it was due"

    # Due (an interval of 0 makes it due at once): the search reads every change since
    # the last one, and the records are loaded once.
    monkeypatch.setenv("TAP_HUBSPOT_DEFERRED_CHECK_INTERVAL_S", "0")
    before = served(elt_all)
    output = meltano(elt_all, "run", "el-hubspot")
    assert "products: searched (deferred_object_types: last read " in output
    assert (served(elt_all) - before)["POST /crm/v3/objects/products/search"] == 1
    now_loaded = modified()
    assert all(now_loaded[i] > loaded[i] for i in ids), (loaded, now_loaded)
    assert_reconciled(elt_all)


def test_a_new_owner_is_read_with_the_first_record_assigned_to_it(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    hired = mock_admin(elt_all, "POST", "owners", {"object_type": "contacts", "assign": 2})
    before = served(elt_all)
    output = meltano(elt_all, "run", "el-hubspot")
    spent = served(elt_all) - before
    assert "owners: read (changed records name 1 id(s) it lacks)" in output
    assert spent["GET /crm/v3/owners/"] + spent["GET /crm/v3/owners"] == 1, spent
    assert "users: not read" in output, "only the list a changed record names is read"
    warehouse.commit()
    owner = warehouse.execute(
        "select email from raw_hubspot.owners where id = %s", (hired["owner_id"],)
    ).fetchone()
    assert owner is not None, "the new owner reached the warehouse with its records"
    assigned = warehouse.execute(
        "select count(*) from raw_hubspot.contacts "
        "where id = any(%s) and properties__hubspot_owner_id = %s",
        (hired["assigned"], hired["owner_id"]),
    ).fetchone()[0]
    assert assigned == 2
    again = meltano(elt_all, "run", "el-hubspot")
    assert "owners: not read (read " in again, "known now: not read again"


def test_a_new_association_of_a_changed_contact_arrives_with_the_next_frequent_run(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    changed = mock_admin(elt_all, "POST", "changes", {"object_type": "contacts", "update": 1})
    contact = changed["updated"][0]
    company = unlinked_company(warehouse, contact)
    associate(elt_all, contact, company)
    output = meltano(elt_all, "run", "el-hubspot")
    warehouse.commit()
    row = link(warehouse, contact, company)
    assert row is not None and row[2] is None, "the new association of a changed contact"
    # Only the changed records' associations were read: one batch read per pair at most.
    reads = [e for e in endpoints(output) if "batch/read" in e]
    assert "/associations/contact/company/batch/read" in reads
    assert len(reads) == len(set(reads))
    assert_associations_follow_their_object_stream(output)


def test_a_new_association_of_an_unchanged_contact_arrives_with_the_full_pass(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    contact = warehouse.execute(
        "select id from raw_hubspot.contacts where not coalesce(archived, false) "
        "order by id limit 1"
    ).fetchone()[0]
    company = unlinked_company(warehouse, contact)
    associate(elt_all, contact, company)
    meltano(elt_all, "run", "el-hubspot")
    warehouse.commit()
    assert link(warehouse, contact, company) is None, (
        "an association change alone does not make the contact appear as changed"
    )
    meltano(elt_all, *FULL_PASS)
    warehouse.commit()
    row = link(warehouse, contact, company)
    assert row is not None and row[2] is None


def test_a_removed_association_is_flagged_deleted_by_the_full_pass(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    contact, company = warehouse.execute(
        "select from_id, to_id from raw_hubspot.contact_company_associations "
        "where _sdc_deleted_at is null order by from_id, to_id limit 1"
    ).fetchone()
    dissociate(elt_all, contact, company)
    meltano(elt_all, *FULL_PASS)
    warehouse.commit()
    flagged = warehouse.execute(
        "select count(*) filter (where _sdc_deleted_at is not null), count(*) "
        "from raw_hubspot.contact_company_associations where from_id = %s and to_id = %s",
        (contact, company),
    ).fetchone()
    assert flagged[0] == flagged[1] > 0, "every type of the removed association is flagged"
    still_live = warehouse.execute(
        "select count(*) from raw_hubspot.contact_company_associations "
        "where _sdc_deleted_at is null"
    ).fetchone()[0]
    expected = mock_admin(elt_all, "GET", "counts")["contact_company_associations"]
    assert still_live == expected
    # The staging view (and every mart on it) sees it as deleted, in both directions.
    staged = warehouse.execute(
        "select count(*) filter (where is_deleted), count(*) "
        "from staging.stg_hubspot__associations where (from_id, to_id) in ((%s, %s), (%s, %s))",
        (contact, company, company, contact),
    ).fetchone()
    assert staged[0] == staged[1] >= 2


def test_ten_thousand_and_one_contacts_with_one_timestamp_load_exactly_once(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    imported = mock_admin(
        elt_all,
        "POST",
        "changes",
        {"object_type": "contacts", "create": 10_001, "same_instant": True},
    )
    assert len(imported["created"]) == 10_001
    meltano(elt_all, "run", "el-hubspot")
    warehouse.commit()
    rows, distinct = warehouse.execute(
        "select count(*), count(distinct id) from raw_hubspot.contacts where id = any(%s)",
        (imported["created"],),
    ).fetchone()
    assert rows == distinct == 10_001
    assert_reconciled(elt_all)


def test_the_daily_cap_stops_the_run_with_its_reset_and_keeps_the_state(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    created = mock_admin(elt_all, "POST", "changes", {"object_type": "calls", "create": 1})
    new_call = created["created"][0]
    # Enough for discovery and the first streams (calls sorts first), not for the run.
    mock_admin(elt_all, "PUT", "faults", {"rate_limit_daily": 16})
    before = traffic(elt_all)
    output = meltano(elt_all, "run", "el-hubspot", expect_success=False)
    assert "daily API cap is used up" in output and "resets at midnight" in output
    assert "16 requests a day" in output
    # It did not retry and sent nothing more, not even a request read-ahead had queued: the
    # mock admitted the day's 16, answered the 17th with 429 and saw nothing after it.
    sent, refused = traffic(elt_all).since(before)
    assert (sent.total(), refused) == (17, 1), f"{refused} refused of {sent}\n{output}"
    mock_admin(elt_all, "DELETE", "faults")
    bookmarks = saved_bookmarks(warehouse)
    loaded = warehouse.execute(
        "select properties__hs_lastmodifieddate from raw_hubspot.calls where id = %s", (new_call,)
    ).fetchone()
    assert loaded is not None, "the call synced before the cap was reached is kept"
    assert bookmarks["calls"]["replication_key_value"][:19] == str(loaded[0])[:19].replace(" ", "T")


def test_a_run_stopped_before_its_association_reads_leaves_them_to_the_next_run(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    """The run stops after a changed contact's STATE, at its association read (the daily
    cap answers it). The contact and its bookmark are kept, and the next frequent run still
    reads the contact's new association, instead of leaving it to the daily full pass."""
    changed = mock_admin(elt_all, "POST", "changes", {"object_type": "contacts", "update": 1})
    contact = changed["updated"][0]
    company = unlinked_company(warehouse, contact)
    associate(elt_all, contact, company)
    mock_admin(elt_all, "PUT", "stall", {"path_prefix": "/crm/v4/associations/contact/company"})
    with ThreadPoolExecutor(max_workers=1) as pool:
        run = pool.submit(meltano, elt_all, "run", "el-hubspot", expect_success=False)
        wait_until_held(elt_all, end_of_call(run))
        # The day's last request goes to someone else; the held read is refused.
        mock_admin(elt_all, "PUT", "faults", {"rate_limit_daily": 1})
        with requests.Session() as session:
            other_app = local_hubspot(elt_all).send(session, "GET", "/crm/v3/owners")
        assert other_app.status_code == 200
        mock_admin(elt_all, "DELETE", "stall")
        output = run.result()
    mock_admin(elt_all, "DELETE", "faults")
    assert "daily API cap is used up" in output
    modified = warehouse.execute(
        "select properties__lastmodifieddate from raw_hubspot.contacts where id = %s", (contact,)
    ).fetchone()
    bookmark = saved_bookmarks(warehouse)["contacts"]["replication_key_value"]
    assert modified is not None and bookmark[:19] >= str(modified[0])[:19].replace(" ", "T"), (
        "the changed contact was loaded and the saved bookmark is past it"
    )
    assert link(warehouse, contact, company) is None, "the association was never read"

    output = meltano(elt_all, "run", "el-hubspot")
    warehouse.commit()
    assert "contacts: the last run stopped before reading the associations" in output
    row = link(warehouse, contact, company)
    assert row is not None and row[2] is None, "the owed association arrived"
    assert saved_bookmarks(warehouse)["contacts"].get("associations_pending_since") is None
    assert_reconciled(elt_all)


@pytest.mark.parametrize("limit", [5, 10])
def test_a_sync_under_the_burst_limit_is_paced_without_429s(
    elt_all: StackSettings, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    """Two burst tiers (about 100:190), scaled down to a 2 s interval so that the ~40
    requests of an incremental run span several windows and the test stays short:
    the run needs several windows, the mock enforces them, and it never answers 429."""
    mock_admin(
        elt_all,
        "PUT",
        "faults",
        {"rate_limit_max": limit, "rate_limit_interval_ms": 2000, "rate_limit_search_secondly": 5},
    )
    monkeypatch.setenv("HUBSPOT_RATE_LIMIT_MAX_REQUESTS", str(limit))
    monkeypatch.setenv("HUBSPOT_RATE_LIMIT_INTERVAL_MS", "2000")
    # Set from the environment, a number Meltano would have turned into a Decimal it
    # cannot serialise (the setting's kind is string for that reason).
    monkeypatch.setenv("TAP_HUBSPOT_RATE_LIMIT_HEADROOM", "0.05")
    mock_admin(elt_all, "POST", "changes", {"object_type": "contacts", "update": 30})
    before = traffic(elt_all)
    output = meltano(elt_all, "run", "el-all")
    sent, refused = traffic(elt_all).since(before)
    mock_admin(elt_all, "DELETE", "faults")
    assert sent.total() > 2 * limit, "the run spans several windows"
    assert refused == 0, "the mock answered 429"
    paced = PACED.findall(output)
    assert paced and float(paced[-1]) > 0, "the tap waited for the window"
    assert f"limit {limit} per 2000 ms + 5%" in output, "the headroom set reached the tap"
    assert_reconciled(elt_all)
