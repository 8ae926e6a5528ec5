"""The CRM's change over time, end to end: SCD2 snapshots of our syncs, HubSpot's own
stage-timing properties in the history marts, and merged contacts."""

from __future__ import annotations

from datetime import datetime

import psycopg
import requests
from psycopg import sql

from paracelsus_stack.mock_admin import merge_contacts
from paracelsus_stack.reconcile.run import local_hubspot
from paracelsus_stack.settings import StackSettings

from .helpers import assert_reconciled, meltano, mock_admin

# Each snapshot (dbt/snapshots/_hubspot__snapshots.yml): the mock's object type, its key.
SNAPSHOTS = {
    "deals": ("snap_hubspot__deals", "deal_id"),
    "tickets": ("snap_hubspot__tickets", "ticket_id"),
    "contacts": ("snap_hubspot__contacts", "contact_id"),
    "companies": ("snap_hubspot__companies", "company_id"),
}
UPDATED_PER_TYPE = 8
# Stage moves to look for: the change simulation redraws each updated record's stage.
STAGE_UPDATES = {"deals": 30, "contacts": 40, "tickets": 12}

Version = tuple[datetime, datetime | None, datetime]  # valid from, valid to, modified at


def versions(warehouse: psycopg.Connection, object_type: str) -> dict[str, list[Version]]:
    """Every snapshot version of every record, oldest first."""
    snapshot, key = SNAPSHOTS[object_type]
    rows = warehouse.execute(
        sql.SQL(
            "select {key}, dbt_valid_from, dbt_valid_to, modified_at from snapshots.{snapshot} "
            "order by {key}, dbt_valid_from"
        ).format(key=sql.Identifier(key), snapshot=sql.Identifier(snapshot))
    ).fetchall()
    by_record: dict[str, list[Version]] = {}
    for record_id, valid_from, valid_to, modified_at in rows:
        by_record.setdefault(record_id, []).append((valid_from, valid_to, modified_at))
    return by_record


def test_a_second_elt_all_versions_each_changed_record_in_the_snapshots(
    warehouse: psycopg.Connection, elt_all: StackSettings
) -> None:
    first = {object_type: versions(warehouse, object_type) for object_type in SNAPSHOTS}
    for object_type, records in first.items():
        assert records, f"the first elt-all snapshotted no {object_type}"
        assert all(len(v) == 1 and v[0][1] is None for v in records.values()), object_type
    changed = {
        object_type: set(
            mock_admin(
                elt_all,
                "POST",
                "changes",
                {"object_type": object_type, "update": UPDATED_PER_TYPE, "seed": 21},
            )["updated"]
        )
        for object_type in SNAPSHOTS
    }
    meltano(elt_all, "run", "elt-all")

    for object_type, records in first.items():
        second = versions(warehouse, object_type)
        assert set(second) == set(records), f"{object_type}: no record came or went"
        for record_id, history in second.items():
            if record_id not in changed[object_type]:
                assert history == records[record_id], f"{object_type} {record_id} did not change"
                continue
            assert len(history) == 2, f"{object_type} {record_id}: {history}"
            (old_from, old_to, old_modified), (new_from, new_to, new_modified) = history
            assert records[record_id][0][0] == old_from, "the first version keeps its start"
            assert old_modified < new_modified
            assert old_to == new_from == new_modified, "versions meet at the change's instant"
            assert new_to is None, "the new version is current"
    assert_reconciled(elt_all)


def test_the_stage_history_marts_follow_the_stages_hubspot_recorded(
    warehouse: psycopg.Connection, elt_all: StackSettings
) -> None:
    """After deals and tickets move stage, the marts built from HubSpot's stage-timing
    properties agree with what our own snapshots saw: the new stage is current since the
    change's instant, and the old one was left then."""
    moved = {
        object_type: mock_admin(
            elt_all, "POST", "changes", {"object_type": object_type, "update": count, "seed": 5}
        )["updated"]
        for object_type, count in STAGE_UPDATES.items()
    }
    meltano(elt_all, "run", "elt-all")

    deal_moves = warehouse.execute(
        "select old.deal_id, old.deal_stage_id, new.deal_stage_id, new.modified_at "
        "from snapshots.snap_hubspot__deals as old "
        "join snapshots.snap_hubspot__deals as new "
        "on old.deal_id = new.deal_id and old.dbt_valid_to = new.dbt_valid_from "
        "where old.deal_id = any(%s) and old.deal_stage_id <> new.deal_stage_id",
        (moved["deals"],),
    ).fetchall()
    assert len(deal_moves) >= 5, f"30 updates moved only {len(deal_moves)} deals' stage"
    for deal_id, old_stage, new_stage, changed_at in deal_moves:
        stays = dict(
            (stage, (entered, exited, current))
            for stage, entered, exited, current in warehouse.execute(
                "select stage_id, entered_at, exited_at, is_current_stage "
                "from marts.fct_deal_stage_history where deal_id = %s",
                (deal_id,),
            ).fetchall()
        )
        assert stays[new_stage] == (changed_at, None, True), (deal_id, stays)
        assert stays[old_stage][1] == changed_at, (deal_id, old_stage, stays)
        assert sum(current for _, _, current in stays.values()) == 1

    lifecycle_moves = warehouse.execute(
        "select old.contact_id, new.lifecycle_stage, new.modified_at "
        "from snapshots.snap_hubspot__contacts as old "
        "join snapshots.snap_hubspot__contacts as new "
        "on old.contact_id = new.contact_id and old.dbt_valid_to = new.dbt_valid_from "
        "where old.contact_id = any(%s) and old.lifecycle_stage <> new.lifecycle_stage",
        (moved["contacts"],),
    ).fetchall()
    assert lifecycle_moves, "the contact updates moved no lifecycle stage"
    for contact_id, stage, changed_at in lifecycle_moves:
        current = warehouse.execute(
            "select lifecycle_stage, entered_at, lifecycle_stage_label "
            "from marts.fct_contact_lifecycle_history "
            "where contact_id = %s and is_current_stage",
            (contact_id,),
        ).fetchall()
        assert len(current) == 1 and current[0][:2] == (stage, changed_at), current
        assert current[0][2] != stage, "labelled from the portal's property definition"

    velocity = warehouse.execute(
        "select sum(deals_entered), count(*) filter (where median_days_in_stage is not null) "
        "from marts.fct_deal_pipeline_velocity"
    ).fetchone()
    entered = warehouse.execute("select count(*) from marts.fct_deal_stage_history").fetchone()
    assert velocity[0] == entered[0] and velocity[1] > 0
    ticket_moves = warehouse.execute(
        "select new.ticket_id, new.ticket_stage_id, new.owner_id, cast(new.modified_at as date) "
        "from snapshots.snap_hubspot__tickets as old "
        "join snapshots.snap_hubspot__tickets as new "
        "on old.ticket_id = new.ticket_id and old.dbt_valid_to = new.dbt_valid_from "
        "where old.ticket_id = any(%s) and old.ticket_stage_id <> new.ticket_stage_id",
        (moved["tickets"],),
    ).fetchall()
    assert ticket_moves, "the ticket updates moved no ticket's stage"
    for ticket_id, stage, owner, changed_on in ticket_moves:
        last_day = warehouse.execute(
            "select date_day, ticket_stage_id, owner_id, is_stage_from_timing, "
            "is_synced_version_day from marts.fct_daily_ticket_history "
            "where ticket_id = %s order by date_day desc limit 1",
            (ticket_id,),
        ).fetchone()
        assert last_day == (changed_on, stage, owner, True, True), (ticket_id, last_day)


def engagements_of(warehouse: psycopg.Connection, contact_ids: list[str]) -> set[tuple[str, str]]:
    """The (type, id) of every engagement the raw association tables link to the contacts."""
    linked: set[tuple[str, str]] = set()
    for engagement_type in ("call", "email", "meeting", "note", "task", "communication"):
        table = sql.Identifier("raw_hubspot", f"{engagement_type}_contact_associations")
        rows = warehouse.execute(
            sql.SQL(
                "select distinct from_id from {} where to_id = any(%s) and _sdc_deleted_at is null"
            ).format(table),
            (contact_ids,),
        ).fetchall()
        linked |= {(engagement_type, row[0]) for row in rows}
    return linked


def test_merged_contacts_leave_the_marts_and_their_engagements_follow_the_survivor(
    warehouse: psycopg.Connection, elt_all: StackSettings
) -> None:
    pairs = merge_contacts(elt_all, count=3, seed=8)
    pairs += merge_contacts(elt_all, count=1, seed=9, include_people=True)
    merged = [pair["merged"] for pair in pairs]
    survivors = [pair["primary"] for pair in pairs]
    absorbed = {
        survivor: [survivor, away] for survivor, away in zip(survivors, merged, strict=True)
    }
    # A chain: the first survivor is merged in turn, through HubSpot's own endpoint, into a
    # contact no merge touched yet; what it absorbed goes along.
    end_of_chain = warehouse.execute(
        "select id from raw_hubspot.contacts where id <> all(%s) and not coalesce(archived, false) "
        "and properties__paracelsus_role = 'other' order by id limit 1",
        (merged + survivors,),
    ).fetchone()[0]
    first = survivors[0]
    with requests.Session() as session:
        local_hubspot(elt_all).request(
            session,
            "POST",
            "/crm/v3/objects/contacts/merge",
            body={"primaryObjectId": end_of_chain, "objectIdToMerge": first},
        )
    absorbed[end_of_chain] = [end_of_chain, *absorbed.pop(first)]
    merged.append(first)
    survivors[0] = end_of_chain
    expected = {survivor: engagements_of(warehouse, ids) for survivor, ids in absorbed.items()}
    assert any(expected.values()), "the merged contacts had engagements"
    meltano(elt_all, "run", "elt-all")

    left_in_raw = warehouse.execute(
        "select count(*) from raw_hubspot.contacts where id = any(%s)", (merged,)
    ).fetchone()[0]
    assert left_in_raw == len(merged), "the incremental sync leaves the merged-away copies"
    listed = warehouse.execute(
        "select properties__hs_merged_object_ids from raw_hubspot.contacts where id = %s",
        (survivors[0],),
    ).fetchone()[0]
    assert merged[0] in listed.split(";")
    for mart, column in (
        ("dim_contacts", "hubspot_contact_id"),
        ("fct_contact_lifecycle_history", "contact_id"),
        ("fct_contact_engagement_activity", "contact_id"),
        ("fct_tickets", "contact_id"),
        ("dim_clinician_crm_contacts", "hubspot_contact_id"),
    ):
        query = sql.SQL("select count(*) from marts.{} where {} = any(%s)").format(
            sql.Identifier(mart), sql.Identifier(column)
        )
        assert warehouse.execute(query, (merged,)).fetchone()[0] == 0, mart
    assert len(expected) == len(pairs)
    for survivor, engagements in expected.items():
        counted = warehouse.execute(
            "select coalesce(sum(engagement_count), 0) from marts.fct_contact_engagement_activity "
            "where contact_id = %s",
            (survivor,),
        ).fetchone()[0]
        assert counted == len(engagements), survivor
    still_current = warehouse.execute(
        "select count(*) from snapshots.snap_hubspot__contacts "
        "where contact_id = any(%s) and dbt_valid_to is null",
        (merged,),
    ).fetchone()[0]
    assert still_current == 0, "a merged-away contact's snapshot version is closed"


# Each mart column of an enumerated HubSpot value, and the column with its portal label.
LABELLED = (
    ("dim_contacts", "lifecycle_stage", "lifecycle_stage_label"),
    ("dim_companies", "industry", "industry_label"),
    ("dim_companies", "company_type", "company_type_label"),
    ("fct_tickets", "priority", "priority_label"),
    ("fct_tickets", "ticket_stage_id", "stage_label"),
    ("fct_deals", "deal_stage_id", "deal_stage_label"),
)


def test_enumerated_values_carry_the_labels_of_the_portal(warehouse: psycopg.Connection) -> None:
    """Every enumerated value in the marts has its label from the synced property
    definitions and pipelines (the mock's labels differ from the values)."""
    for mart, value, label in LABELLED:
        query = sql.SQL(
            "select count(*), count(*) filter (where {label} is null), "
            "count(*) filter (where {label} <> {value}) from marts.{mart} "
            "where {value} is not null"
        ).format(
            mart=sql.Identifier(mart), value=sql.Identifier(value), label=sql.Identifier(label)
        )
        valued, unlabelled, relabelled = warehouse.execute(query).fetchone()
        assert valued > 0, f"{mart}.{value} has values"
        assert unlabelled == 0, f"{mart}.{label}: {unlabelled} of {valued} values unlabelled"
        assert relabelled > 0, f"{mart}.{label} is the portal's label, not the value"
