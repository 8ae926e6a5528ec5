"""The warehouse stays an exact copy of the sources across runs, changes, deletes, faults
and full refreshes. Each scenario starts from the stack as the first `elt-all` left it and
ends with a reconciliation of every table (killed runs: test_killed_runs.py)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from localstack.csv_generator import CONTACT_COLUMNS
from oltp_seed.changes import next_change_time, simulate_changes
from oltp_seed.tables import COLUMNS, TABLES
from paracelsus_stack.environment import oltp_dsn, warehouse_dsn
from paracelsus_stack.progress.watched_run import run_with_progress
from paracelsus_stack.settings import MELTANO_PROJECT_DIR, StackSettings
from paracelsus_stack.summary import render_summary

from .helpers import (
    assert_reconciled,
    loaded_since,
    meltano,
    mock_admin,
    now,
    repeated_warnings,
    upload_csv,
    upload_raw,
)

CONTACT_HEADER = list(CONTACT_COLUMNS)


def hubspot_bookmarked_streams(settings: StackSettings) -> set[str]:
    """Streams tap-hubspot reads incrementally: those with a replication key in its state."""
    with psycopg.connect(warehouse_dsn(settings)) as connection:
        row = connection.execute(
            "select completed_state from meltano.state where state_id like %s",
            ("%tap-hubspot-to-%",),
        ).fetchone()
    assert row is not None, "no tap-hubspot state saved"
    state = row[0] if isinstance(row[0], dict) else json.loads(row[0])
    bookmarks = state["singer_state"]["bookmarks"]
    return {name for name, mark in bookmarks.items() if mark.get("replication_key")}


def oltp_rows_at_or_after_bookmark(settings: StackSettings) -> dict[str, int]:
    """Per table, the rows an incremental read (updated_at >= last max) must return."""
    counts = {}
    with psycopg.connect(oltp_dsn(settings)) as connection:
        for table in TABLES:
            query = sql.SQL(
                "select count(*) from {t} where updated_at >= (select max(updated_at) from {t})"
            ).format(t=sql.Identifier(table))
            counts[table] = connection.execute(query).fetchone()[0]
    return counts


def test_a_second_run_without_changes_extracts_almost_nothing(elt_all: StackSettings) -> None:
    boundary = oltp_rows_at_or_after_bookmark(elt_all)
    since = now(elt_all)
    meltano(elt_all, "run", "el-all")
    loaded = loaded_since(elt_all, since)
    for table in TABLES:  # GTE on the bookmark re-reads only the rows at the last updated_at
        assert loaded[f"raw_oltp.{table}"] == boundary[table], table
    assert loaded["raw_s3.contacts_csv"] == loaded["raw_s3.deals_csv"] == 0
    for stream in hubspot_bookmarked_streams(elt_all):
        assert loaded[f"raw_hubspot.{stream}"] <= 1, stream
    assert_reconciled(elt_all)


def test_after_updates_and_inserts_only_the_changes_are_extracted(elt_all: StackSettings) -> None:
    with psycopg.connect(oltp_dsn(elt_all)) as connection:
        before = {
            t: connection.execute(
                sql.SQL("select max(updated_at) from {}").format(sql.Identifier(t))
            ).fetchone()[0]
            for t in TABLES
        }
        change = simulate_changes(
            connection, seed=11, inserts=4, updates=5, deletes=0, at=next_change_time(connection)
        )
        expected_oltp = {
            t: connection.execute(
                sql.SQL("select count(*) from {} where updated_at >= %s").format(sql.Identifier(t)),
                (before[t],),
            ).fetchone()[0]
            for t in TABLES
        }
    contacts = mock_admin(
        elt_all,
        "POST",
        "changes",
        {"object_type": "contacts", "create": 3, "update": 4, "archive": 0, "seed": 11},
    )
    deals = mock_admin(
        elt_all,
        "POST",
        "changes",
        {"object_type": "deals", "create": 2, "update": 2, "archive": 0, "seed": 11},
    )
    upload_csv(
        elt_all,
        "hubspot/contacts_2026-01-02.csv",
        CONTACT_HEADER,
        [
            [
                "legacy-new-1",
                "new.one@legacy.example",
                "New",
                "One",
                "",
                "Acme",
                "lead",
                "2026-01-02",
                "2026-01-02T08:00:00Z",
            ],
            [
                "legacy-new-2",
                "new.two@legacy.example",
                "New",
                "Two",
                "",
                "Acme",
                "customer",
                "2026-01-02",
                "2026-01-02T08:00:00Z",
            ],
        ],
    )
    since = now(elt_all)
    meltano(elt_all, "run", "elt-all")
    loaded = loaded_since(elt_all, since)

    assert len(change.inserted_reviews) == 4 and len(change.updated_reviews) == 5
    for table in TABLES:
        assert loaded[f"raw_oltp.{table}"] == expected_oltp[table], table
    assert loaded["raw_s3.contacts_csv"] == 2 and loaded["raw_s3.deals_csv"] == 0
    for stream, result in (("contacts", contacts), ("deals", deals)):
        changed = len(result["created"]) + len(result["updated"])
        assert changed <= loaded[f"raw_hubspot.{stream}"] <= changed + 1, stream
    with psycopg.connect(warehouse_dsn(elt_all)) as warehouse:
        reviewed = warehouse.execute(
            "select count(*) from staging.stg_oltp__case_reviews "
            "where review_id = any(%s) and status = 'completed'",
            (change.updated_reviews,),
        ).fetchone()[0]
    assert reviewed == 5
    assert_reconciled(elt_all)


def test_deleted_rows_and_archived_records_are_flagged_and_left_out_of_marts(
    elt_all: StackSettings,
) -> None:
    with psycopg.connect(oltp_dsn(elt_all)) as connection:
        change = simulate_changes(
            connection, seed=12, inserts=0, updates=0, deletes=3, at=next_change_time(connection)
        )
    archived = mock_admin(
        elt_all,
        "POST",
        "changes",
        {"object_type": "deals", "create": 0, "update": 0, "archive": 2, "seed": 12},
    )["archived"]
    meltano(elt_all, "run", "el-all")
    deletes = meltano(elt_all, "run", "elt-deletes")
    # tap-hubspot-archived and the full association pass log each warning once too.
    assert repeated_warnings(deletes) == []

    with psycopg.connect(warehouse_dsn(elt_all)) as warehouse:
        flagged_reviews = warehouse.execute(
            "select review_id from raw_oltp.case_reviews where _sdc_deleted_at is not null"
        ).fetchall()
        assert {r[0] for r in flagged_reviews} == set(change.deleted_reviews)
        flagged_deals = warehouse.execute(
            "select id from raw_hubspot.deals where archived and _sdc_deleted_at is not null"
        ).fetchall()
        assert set(archived) <= {r[0] for r in flagged_deals}
        visible = warehouse.execute(
            "select count(*) from staging.stg_oltp__case_reviews where is_deleted "
            "and review_id = any(%s)",
            (change.deleted_reviews,),
        ).fetchone()[0]
        assert visible == 3  # staging keeps them, flagged
        in_marts = warehouse.execute(
            "select count(*) from marts.fct_deals where deal_key = any(%s)",
            ([f"hubspot:{deal_id}" for deal_id in archived],),
        ).fetchone()[0]
        assert in_marts == 0
        # The SCD2 snapshot closes an archived deal's current version (hard_deletes:
        # invalidate): it keeps its history, and no version of it is current.
        snapshot = warehouse.execute(
            "select count(*), count(*) filter (where dbt_valid_to is null) "
            "from snapshots.snap_hubspot__deals where deal_id = any(%s)",
            (archived,),
        ).fetchone()
        assert snapshot == (len(archived), 0), snapshot
    assert_reconciled(elt_all)


def batch_files() -> set[Path]:
    """The OLTP BATCH files waiting in the project (meltano/extract/tap-postgres.meltano.yml)."""
    return set((MELTANO_PROJECT_DIR / ".meltano" / "batches").glob("oltp-*"))


def test_the_copy_path_keeps_metadata_and_delete_semantics(elt_all: StackSettings) -> None:
    """The deletes job's OLTP pass (COPY-written BATCH files, loaded by COPY) leaves raw_oltp
    as the RECORD path would: every live row stamped with this sync's `_sdc_*` metadata
    and table version, deleted source rows flagged, nothing else, no batch file left."""
    with psycopg.connect(oltp_dsn(elt_all)) as connection:
        change = simulate_changes(
            connection, seed=13, inserts=2, updates=2, deletes=2, at=next_change_time(connection)
        )
        source_reviews = {
            str(r[0]) for r in connection.execute("select review_id from case_reviews")
        }
    started = now(elt_all)
    files_before = batch_files()
    output = meltano(elt_all, "run", "tap-postgres--full", "target-postgres--oltp")
    for table in TABLES:
        assert re.search(rf"public-{table}: \d+ rows written by COPY", output), table
    assert "record path" not in output and "record-by-record" not in output

    with psycopg.connect(warehouse_dsn(elt_all)) as warehouse:
        live, versions, unstamped, stale = warehouse.execute(
            "select count(*), count(distinct _sdc_table_version), "
            "count(*) filter (where _sdc_extracted_at is null or _sdc_batched_at is null "
            "or _sdc_received_at is null or _sdc_table_version is null "
            "or _sdc_sequence is null or _sdc_sync_started_at is null), "
            "count(*) filter (where _sdc_batched_at < %s) "
            "from raw_oltp.case_reviews where _sdc_deleted_at is null",
            (started,),
        ).fetchone()
        assert (live, versions, unstamped, stale) == (len(source_reviews), 1, 0, 0)
        flagged = {
            r[0]
            for r in warehouse.execute(
                "select review_id from raw_oltp.case_reviews where _sdc_deleted_at is not null"
            )
        }
        assert set(change.deleted_reviews) <= flagged
        assert not flagged & source_reviews, "a row still in the source was flagged deleted"
        loaded = {r[0] for r in warehouse.execute("select review_id from raw_oltp.case_reviews")}
        assert set(change.inserted_reviews) <= loaded
    assert batch_files() <= files_before, "the loader removes each batch file once loaded"
    assert_reconciled(elt_all)


def test_a_deletes_pass_that_fails_midway_flags_no_row_of_a_table_it_did_not_finish(
    elt_all: StackSettings,
) -> None:
    """The OLTP FULL_TABLE pass flags a table's missing rows only when the tap closes that
    table's ACTIVATE_VERSION (activate_version_at_end). A warehouse constraint makes the
    load of `cases` fail after `case_reviews` is done and `cases` was opened: the deleted
    reviews are flagged and not one case is (stock target-postgres would flag every case
    at the opening message and leave them flagged)."""
    with psycopg.connect(oltp_dsn(elt_all)) as connection:
        change = simulate_changes(
            connection, seed=21, inserts=0, updates=0, deletes=2, at=next_change_time(connection)
        )

    def flagged(table: str) -> set[str]:
        key = sql.Identifier(COLUMNS[table][0])
        query = sql.SQL("select {k} from raw_oltp.{t} where _sdc_deleted_at is not null")
        with psycopg.connect(warehouse_dsn(elt_all)) as warehouse:
            rows = warehouse.execute(query.format(k=key, t=sql.Identifier(table))).fetchall()
        return {r[0] for r in rows}

    files_before = batch_files()
    with psycopg.connect(warehouse_dsn(elt_all)) as warehouse:
        warehouse.execute(
            "alter table raw_oltp.cases add constraint fail_the_next_load "
            "check (_sdc_batched_at is null) not valid"
        )
    try:
        output = meltano(
            elt_all, "run", "tap-postgres--full", "target-postgres--oltp", expect_success=False
        )
        assert "fail_the_next_load" in output
        assert flagged("cases") == set(), "a case still in the source was flagged deleted"
        assert flagged("case_reviews") == set(change.deleted_reviews)
    finally:
        with psycopg.connect(warehouse_dsn(elt_all)) as warehouse:
            warehouse.execute("alter table raw_oltp.cases drop constraint fail_the_next_load")
        # A failed load keeps its files (for a look); the next scenario must not see them.
        for path in batch_files() - files_before:
            path.unlink()
    meltano(elt_all, "run", "tap-postgres--full", "target-postgres--oltp")
    assert flagged("cases") == set()
    assert_reconciled(elt_all)


def _business_checksums(warehouse: psycopg.Connection, schema: str) -> dict[str, tuple]:
    checksums = {}
    for table in TABLES:
        columns = sql.SQL(", ").join(sql.Identifier(c) for c in COLUMNS[table])
        query = sql.SQL(
            "select count(*), md5(string_agg(row({c})::text, '|' order by {k})) from {s}.{t}"
        ).format(
            c=columns,
            k=sql.Identifier(COLUMNS[table][0]),
            s=sql.Identifier(schema),
            t=sql.Identifier(table),
        )
        checksums[table] = warehouse.execute(query).fetchone()
    return checksums


def test_the_copy_path_loads_the_same_values_as_stock_tap_postgres(
    elt_all: StackSettings,
) -> None:
    """Stock tap-postgres → stock target-postgres (RECORD messages) and the COPY path load
    every business column of every OLTP table to the same values, column types included."""
    try:
        meltano(elt_all, "run", "--full-refresh", "bench-oltp-stock")
        with psycopg.connect(warehouse_dsn(elt_all)) as warehouse:
            stock = _business_checksums(warehouse, "bench_stock_oltp")
            fast = _business_checksums(warehouse, "raw_oltp")
            type_query = (
                "select table_name, column_name, data_type from information_schema.columns "
                "where table_schema = %s order by 1, 2"
            )
            stock_types = warehouse.execute(type_query, ("bench_stock_oltp",)).fetchall()
            fast_types = warehouse.execute(type_query, ("raw_oltp",)).fetchall()
        assert all(count > 0 for count, _ in stock.values())
        assert fast == stock
        assert fast_types == stock_types
    finally:
        with psycopg.connect(warehouse_dsn(elt_all)) as warehouse:
            warehouse.execute("drop schema if exists bench_stock_oltp cascade")
            warehouse.execute(
                "delete from meltano.state where state_id like %s", ("%bench-stock%",)
            )


def test_rate_limits_and_server_errors_are_absorbed_by_retries(elt_all: StackSettings) -> None:
    mock_admin(
        elt_all, "PUT", "faults", {"error_rate": 0.04, "error_seed": 3, "rate_limit_secondly": 20}
    )
    try:
        output = meltano(elt_all, "run", "--full-refresh", "el-hubspot")
    finally:
        mock_admin(elt_all, "PUT", "faults", {"error_rate": 0, "rate_limit_secondly": 0})
    assert "Backing off" in output  # the faults really happened
    assert_reconciled(elt_all)
    expected = mock_admin(elt_all, "GET", "counts")
    with psycopg.connect(warehouse_dsn(elt_all)) as warehouse:
        for stream in ("contacts", "deals", "owners", "deal_contact_associations"):
            live = warehouse.execute(
                sql.SQL("select count(*) from {} where _sdc_deleted_at is null").format(
                    sql.Identifier("raw_hubspot", stream)
                )
            ).fetchone()[0]
            assert live == expected[stream], stream


def business_checksums(settings: StackSettings) -> dict[str, str]:
    """An md5 per raw table over every non-metadata column of its live rows."""
    sums = {}
    with psycopg.connect(warehouse_dsn(settings)) as warehouse:
        tables = [("raw_oltp", t, COLUMNS[t][0]) for t in TABLES] + [
            ("raw_s3", "contacts_csv", "contact_id"),
            ("raw_s3", "deals_csv", "deal_id"),
            ("raw_hubspot", "contacts", "id"),
            ("raw_hubspot", "deals", "id"),
            ("raw_hubspot", "companies", "id"),
        ]
        for schema, table, key in tables:
            columns = [
                r[0]
                for r in warehouse.execute(
                    "select column_name from information_schema.columns where table_schema = %s "
                    "and table_name = %s and column_name not like '\\_sdc\\_%%' order by 1",
                    (schema, table),
                )
            ]
            row_text = sql.SQL("concat_ws('|', {})").format(
                sql.SQL(", ").join(sql.Identifier(c) for c in columns)
            )
            query = sql.SQL(
                "select md5(coalesce(string_agg({row}, E'\\n' order by {key}), '')) "
                "from {table} where _sdc_deleted_at is null"
            ).format(row=row_text, key=sql.Identifier(key), table=sql.Identifier(schema, table))
            sums[f"{schema}.{table}"] = warehouse.execute(query).fetchone()[0]
    return sums


def test_a_full_refresh_reproduces_the_same_warehouse(elt_all: StackSettings) -> None:
    before = business_checksums(elt_all)
    since = now(elt_all)
    meltano(elt_all, "run", "--full-refresh", "el-all")
    loaded = loaded_since(elt_all, since)
    assert loaded["raw_oltp.case_reviews"] > 0 and loaded["raw_hubspot.contacts"] > 0
    assert business_checksums(elt_all) == before
    assert_reconciled(elt_all)


def test_new_columns_at_every_source_arrive_as_new_raw_columns(
    elt_all: StackSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The baseline dropped the tap's cached property definitions; a run reads them again.
    meltano(elt_all, "run", "el-hubspot")
    with psycopg.connect(oltp_dsn(elt_all)) as connection:
        connection.execute("alter table cases add column if not exists triage_note text")
        connection.execute(
            "update cases set triage_note = 'second opinion' where case_id in "
            "(select case_id from cases order by case_id limit 2)"
        )
    mock_admin(
        elt_all,
        "POST",
        "properties/contacts",
        {
            "name": "paracelsus_referral_source",
            "type": "string",
            "fieldType": "text",
            "value": "partner-portal",
            "apply_to": 3,
        },
    )
    upload_csv(
        elt_all,
        "hubspot/contacts_2026-01-03.csv",
        [*CONTACT_HEADER, "referral_code"],
        [
            [
                "legacy-new-3",
                "new.three@legacy.example",
                "New",
                "Three",
                "",
                "Acme",
                "lead",
                "2026-01-03",
                "2026-01-03T08:00:00Z",
                "R-100",
            ],
        ],
    )
    meltano(elt_all, "run", "el-all")
    with psycopg.connect(warehouse_dsn(elt_all)) as warehouse:

        def non_null(table: str, column: str) -> int:
            query = sql.SQL("select count({c}) from {t}").format(
                c=sql.Identifier(column), t=sql.SQL(table)
            )
            return warehouse.execute(query).fetchone()[0]

        assert non_null("raw_oltp.cases", "triage_note") == 2
        assert non_null("raw_s3.contacts_csv", "referral_code") == 1
        # HubSpot's definitions are reused for property_cache_max_age_s (6 h): the three
        # contacts given a value were read (their modified date moved), without it.
        assert not warehouse.execute(
            "select 1 from information_schema.columns where table_schema = 'raw_hubspot' "
            "and column_name = 'properties__paracelsus_referral_source'"
        ).fetchall()
    # The definitions come due (as 6 h later): the new property is a column, and the
    # contacts given a value before are read again to fill it.
    monkeypatch.setenv("TAP_HUBSPOT_PROPERTY_CACHE_MAX_AGE_S", "0")
    output = meltano(elt_all, "run", "el-hubspot")
    assert "contacts: its property list changed; re-reading the records modified since" in output
    with psycopg.connect(warehouse_dsn(elt_all)) as warehouse:
        column = sql.Identifier("properties__paracelsus_referral_source")
        filled = warehouse.execute(
            sql.SQL("select count({c}) from raw_hubspot.contacts").format(c=column)
        ).fetchone()[0]
        assert filled == 3
    assert_reconciled(elt_all)


def test_a_malformed_csv_row_fails_the_run_by_file_and_line_and_keeps_good_rows(
    elt_all: StackSettings,
) -> None:
    key = "hubspot/contacts_2026-01-04.csv"
    upload_raw(
        elt_all,
        key,
        (
            ",".join(CONTACT_HEADER) + "\n"
            "legacy-new-4,new.four@legacy.example,New,Four,,Acme,lead,2026-01-04,2026-01-04T08:00:00Z\n"
            "legacy-bad-1,bad@legacy.example,Bad,Row,,Acme,lead,2026-01-04,2026-01-04T08:00:00Z,x,y\n"
            "legacy-new-5,new.five@legacy.example,New,Five,,Acme,lead,2026-01-04,2026-01-04T08:00:00Z\n"
        ),
    )
    out = io.StringIO()
    watched = run_with_progress(elt_all, ["run", "elt-all"], out=out)
    report = out.getvalue()
    assert watched.code != 0
    failure = report[report.index("✗ dbt build failed") :]  # the step, then why
    assert "assert_no_malformed_csv_rows" in failure and "full log:" in failure, report
    assert "✓ tap-s3-csv → raw_s3" in report  # the good rows were loaded first
    summary = render_summary(elt_all, None)
    assert f"{key}:3" in summary  # line 3: header is line 1
    with psycopg.connect(warehouse_dsn(elt_all)) as warehouse:
        good = warehouse.execute(
            "select count(*) from staging.stg_s3__contacts where contact_id = any(%s)",
            (["legacy-new-4", "legacy-new-5", "legacy-bad-1"],),
        ).fetchone()[0]
    assert good == 2
