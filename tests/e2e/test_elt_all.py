"""`meltano run elt-all` on a real stack loads exactly what the generators and the mock made."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from localstack.csv_generator import landing_files, normalize_email
from localstack.landing import CONTACTS_KEY, DEALS_KEY
from mock_hubspot.store.portal import Portal
from oltp_seed.generator import COLUMNS, TABLES, generate_supervision
from paracelsus_stack.environment import with_stack_environment
from paracelsus_stack.meltano_project import hubspot_association_streams
from paracelsus_stack.meltano_runner import meltano_executable
from paracelsus_stack.mock_admin import mock_admin
from paracelsus_stack.settings import MELTANO_PROJECT_DIR, StackSettings
from paracelsus_stack.summary import render_summary


def count(warehouse: psycopg.Connection, schema: str, table: str, where: str = "true") -> int:
    query = sql.SQL("select count(*) from {} where {}").format(
        sql.Identifier(schema, table), sql.SQL(where)
    )
    row = warehouse.execute(query).fetchone()
    assert row is not None
    return int(row[0])


def test_elt_all_loads_every_oltp_row(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    generated = generate_supervision(elt_all.seed, elt_all.scale)
    for table in TABLES:
        key = COLUMNS[table][0]
        expected = {row[0] for row in generated.rows[table]}
        loaded = {
            r[0]
            for r in warehouse.execute(
                sql.SQL("select {} from {}").format(
                    sql.Identifier(key), sql.Identifier("raw_oltp", table)
                )
            )
        }
        assert loaded == expected, table


def test_elt_all_loads_every_s3_csv_row(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    files = landing_files(elt_all.seed, elt_all.scale)
    for key, table, id_column in (
        (CONTACTS_KEY, "contacts_csv", "contact_id"),
        (DEALS_KEY, "deals_csv", "deal_id"),
    ):
        expected = {row[id_column] for row in csv.DictReader(io.StringIO(files[key].decode()))}
        loaded = {
            r[0]
            for r in warehouse.execute(
                sql.SQL("select {} from {}").format(
                    sql.Identifier(id_column), sql.Identifier("raw_s3", table)
                )
            )
        }
        assert loaded == expected, table


def test_every_hubspot_stream_matches_the_mock_count_for_count(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    # The mock serves both directions of every association; the tap reads each edge once.
    read = hubspot_association_streams()
    expected = {
        stream: rows
        for stream, rows in mock_admin(elt_all, "GET", "counts").items()
        if not stream.endswith("_associations") or stream in read
    }
    # 24 standard streams, the custom object's (supervision_agreement), the associations.
    assert len(expected) == 25 + len(read) == 56
    loaded = {stream: count(warehouse, "raw_hubspot", stream) for stream in expected}
    assert loaded == expected
    for stream in (
        "contacts",
        "companies",
        "deals",
        "owners",
        "deal_pipelines",
        "contact_company_associations",
        "deal_contact_associations",
    ):
        assert loaded[stream] > 0, stream


def test_physicians_and_providers_are_hubspot_contacts_with_the_same_email(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    people = warehouse.execute(
        "select lower(email) from raw_oltp.physicians union select lower(email) "
        "from raw_oltp.providers"
    ).fetchall()
    contacts = warehouse.execute(
        "select lower(properties__email) from raw_hubspot.contacts"
    ).fetchall()
    assert {p[0] for p in people} <= {c[0] for c in contacts}


def test_hubspot_properties_arrive_as_typed_strings_and_archived_records_are_absent(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    archived = mock_admin(elt_all, "GET", "object-counts")["contacts"]["archived"]
    assert archived > 0
    assert count(warehouse, "raw_hubspot", "contacts", "archived") == 0
    amounts = warehouse.execute(
        "select properties__amount from raw_hubspot.deals where properties__amount is not null"
    ).fetchall()
    assert amounts and all(float(a[0]) >= 0 for a in amounts)


def _reviews_by_physician(settings: StackSettings) -> dict[str, list[tuple]]:
    generated = generate_supervision(settings.seed, settings.scale)
    columns = COLUMNS["case_reviews"]
    reviews: dict[str, list[tuple]] = {}
    for row in generated.rows["case_reviews"]:
        record = dict(zip(columns, row, strict=True))
        reviews.setdefault(record["physician_id"], []).append(
            (record["requested_at"], record["due_at"], record["reviewed_at"])
        )
    return reviews


def _expected_day(reviews: list[tuple[datetime, datetime, datetime | None]], day: date) -> dict:
    """The case-load definitions of fct_provider_case_load, recomputed from the generator."""

    def open_at_end_of(r: tuple) -> bool:
        return r[2] is None or r[2].date() > day

    return {
        "reviews_requested": sum(r[0].date() == day for r in reviews),
        "reviews_completed": sum(r[2] is not None and r[2].date() == day for r in reviews),
        "reviews_pending": sum(r[0].date() <= day and open_at_end_of(r) for r in reviews),
        "reviews_overdue": sum(r[1].date() <= day and open_at_end_of(r) for r in reviews),
    }


def test_case_load_fact_matches_the_generator_for_the_busiest_physician(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    reviews = _reviews_by_physician(elt_all)
    every_review = [r for rs in reviews.values() for r in rs]
    last_day = max(max(r[0], r[2] or r[0]).date() for r in every_review)  # the spine's end
    physician_id, physician_reviews = max(reviews.items(), key=lambda item: len(item[1]))
    candidate_days = {r[1].date() for r in physician_reviews if r[1].date() <= last_day}
    # The day with the most overdue reviews exercises every counter at once.
    day = max(
        sorted(candidate_days),
        key=lambda d: _expected_day(physician_reviews, d)["reviews_overdue"],
    )
    expected = _expected_day(physician_reviews, day)
    assert expected["reviews_overdue"] > 0
    row = warehouse.execute(
        "select reviews_requested, reviews_completed, reviews_pending, reviews_overdue "
        "from marts.fct_provider_case_load where physician_id = %s and activity_date = %s",
        (physician_id, day),
    ).fetchone()
    assert row is not None, f"no case-load row for {physician_id} on {day}"
    assert dict(zip(expected, row, strict=True)) == expected


def test_dimensions_hold_one_row_per_generated_entity(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    counts = generate_supervision(elt_all.seed, elt_all.scale).counts
    assert count(warehouse, "marts", "dim_physician") == counts["physicians"]
    assert count(warehouse, "marts", "dim_provider") == counts["providers"]
    assert count(warehouse, "marts", "dim_state") == counts["states"]


def test_the_s3_export_and_hubspot_unify_into_one_contact_per_email(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    files = landing_files(elt_all.seed, elt_all.scale)
    csv_emails = {
        normalize_email(row["email"])
        for row in csv.DictReader(io.StringIO(files[CONTACTS_KEY].decode()))
    }
    hubspot_emails = {
        normalize_email(r[0])
        for r in warehouse.execute(
            "select properties__email from raw_hubspot.contacts where properties__email is not null"
        )
    }
    assert count(warehouse, "marts", "dim_contacts") == len(csv_emails | hubspot_emails)


@pytest.mark.parametrize("schema", ["raw_oltp", "raw_s3", "raw_hubspot", "marts"])
def test_the_run_summary_lists_every_table(
    elt_all: StackSettings, warehouse: psycopg.Connection, schema: str
) -> None:
    summary = render_summary(elt_all, None)
    tables = warehouse.execute(
        "select table_name from information_schema.tables where table_schema = %s", (schema,)
    ).fetchall()
    assert tables
    for (table,) in tables:
        assert f"{schema}.{table}" in summary


def test_one_owners_pipeline_amount_matches_the_mock_fixtures(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    deals = Portal(seed=elt_all.seed, scale=elt_all.scale).collection("deals")
    amounts: dict[str, Decimal] = {}
    for index in deals.live_indices:
        values = deals.values(index)
        if values.get("hubspot_owner_id") and values.get("amount"):
            owner = values["hubspot_owner_id"]
            amounts[owner] = amounts.get(owner, Decimal(0)) + Decimal(values["amount"])
    owner, expected = max(amounts.items(), key=lambda item: item[1])
    row = warehouse.execute(
        "select sum(amount) from marts.fct_deals where deal_source = 'hubspot' and owner_id = %s",
        (owner,),
    ).fetchone()
    assert row is not None and row[0] == expected


def test_incremental_state_lives_in_the_warehouse_for_a_fresh_clone(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    rows = warehouse.execute("select state_id, completed_state from meltano.state").fetchall()
    states = {state_id: state for state_id, state in rows}
    for state_id in (
        "local:tap-postgres-to-target-postgres--oltp",
        "local:tap-s3-csv-to-target-postgres--s3",
        "local:tap-hubspot-to-target-postgres--hubspot",
    ):
        assert state_id in states
        assert "bookmarks" in str(states[state_id])


def test_a_fresh_checkout_pointed_at_the_warehouse_sees_the_same_state(
    elt_all: StackSettings, tmp_path: Path
) -> None:
    clone = tmp_path / "meltano"
    shutil.copytree(MELTANO_PROJECT_DIR, clone, ignore=shutil.ignore_patterns(".meltano", "output"))
    result = subprocess.run(
        [meltano_executable(), "state", "list"],
        cwd=clone,
        env=with_stack_environment(elt_all),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "local:tap-hubspot-to-target-postgres--hubspot" in result.stdout
    assert "local:tap-postgres-to-target-postgres--oltp" in result.stdout
    assert not (clone / ".meltano" / "meltano.db").exists()
