"""The HubSpot loader (target-postgres--hubspot: target-postgres-batch with compiled
validation and streams loaded while the tap reads the next), fed Singer messages directly:
every row of interleaved streams lands, STATE comes only after them, a record that breaks
its schema fails the load naming the field, and ACTIVATE_VERSION flags what a FULL_TABLE
pass did not send, whether or not this run created the table."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime

import psycopg
from psycopg import sql

from paracelsus_stack.environment import with_stack_environment
from paracelsus_stack.meltano_runner import meltano_executable
from paracelsus_stack.settings import MELTANO_PROJECT_DIR, StackSettings

SCHEMA = "loader_probe"
WIDE = {f"properties__p{i}": {"type": ["string", "null"]} for i in range(300)}


def schema(stream: str) -> dict:
    properties = {
        "id": {"type": "string"},
        "count": {"type": ["integer", "null"]},
        "updated": {"type": ["string", "null"], "format": "date-time"},
        **WIDE,
    }
    return {"type": "SCHEMA", "stream": stream, "schema": {"properties": properties},
            "key_properties": ["id"]}  # fmt: skip


def record(stream: str, record_id: int, count: object = 1) -> dict:
    row = {"id": str(record_id), "count": count, "updated": "2026-12-02T10:00:00Z"}
    return {"type": "RECORD", "stream": stream, "record": {**row, "properties__p7": "x"}}


def load(settings: StackSettings, messages: list[dict]) -> subprocess.CompletedProcess[str]:
    env = with_stack_environment(settings)
    env["TARGET_POSTGRES__HUBSPOT_DEFAULT_TARGET_SCHEMA"] = SCHEMA
    return subprocess.run(
        [meltano_executable(), "invoke", "target-postgres--hubspot"],
        input="".join(json.dumps(m) + "\n" for m in messages),
        capture_output=True,
        text=True,
        cwd=MELTANO_PROJECT_DIR,
        env=env,
        timeout=300,
    )


def rows(warehouse: psycopg.Connection, table: str) -> list[str]:
    query = sql.SQL("select id from {} order by id::int").format(sql.Identifier(SCHEMA, table))
    return [r[0] for r in warehouse.execute(query).fetchall()]


def test_interleaved_streams_all_land_before_the_state(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    state = {"type": "STATE", "value": {"bookmarks": {"probe_a": {"done": True}}}}
    messages = [
        schema("probe_a"),
        *(record("probe_a", i) for i in range(1, 4)),
        schema("probe_b"),
        *(record("probe_b", i) for i in range(1, 3)),
        # probe_a again, while its first rows may still be loading in the background.
        record("probe_a", 4),
        schema("probe_c"),
        record("probe_c", 1),
        state,
    ]
    done = load(elt_all, messages)
    assert done.returncode == 0, done.stderr[-3000:]
    warehouse.commit()
    assert rows(warehouse, "probe_a") == ["1", "2", "3", "4"]
    assert rows(warehouse, "probe_b") == ["1", "2"]
    assert rows(warehouse, "probe_c") == ["1"]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == state["value"]
    warehouse.execute(sql.SQL("drop schema {} cascade").format(sql.Identifier(SCHEMA)))
    warehouse.commit()


def test_a_record_that_breaks_its_schema_fails_the_load_naming_the_field(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    messages = [
        schema("probe_a"),
        record("probe_a", 1),
        schema("probe_b"),
        record("probe_b", 1, count="twelve"),
        {"type": "STATE", "value": {"bookmarks": {"probe_b": {"done": True}}}},
    ]
    failed = load(elt_all, messages)
    assert failed.returncode != 0
    assert "data.count must be integer or null" in failed.stderr, failed.stderr[-3000:]
    assert "bookmarks" not in failed.stdout, "no state past a record that was not loaded"
    warehouse.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(SCHEMA)))
    warehouse.commit()


def test_timestamps_load_as_instants_with_or_without_fields_outside_the_schema(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    # The loader parses only the date-like columns it found in the schema; a record with a
    # field the schema lacks takes singer-sdk's whole path. Both must give the same rows.
    on_the_fast_path = record("probe_a", 1)
    with_an_extra_field = record("probe_a", 2)
    with_an_extra_field["record"].update(updated="2026-12-02T12:30:00Z", extra="x")
    without_a_time = record("probe_a", 3)
    without_a_time["record"]["updated"] = None
    messages = [schema("probe_a"), on_the_fast_path, with_an_extra_field, without_a_time]
    done = load(elt_all, messages)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "No schema for record field 'extra'" in done.stderr
    warehouse.commit()
    query = sql.SQL("select id, updated from {} order by id").format(
        sql.Identifier(SCHEMA, "probe_a")
    )
    loaded = warehouse.execute(query).fetchall()
    # target-postgres keeps date-times in `timestamp` columns (without the zone).
    at = [datetime(2026, 12, 2, 10, 0), datetime(2026, 12, 2, 12, 30)]
    assert loaded == [("1", at[0]), ("2", at[1]), ("3", None)]
    warehouse.execute(sql.SQL("drop schema {} cascade").format(sql.Identifier(SCHEMA)))
    warehouse.commit()


def activate(stream: str, version: int) -> dict:
    return {"type": "ACTIVATE_VERSION", "stream": stream, "version": version}


def versioned(stream: str, record_id: int, version: int) -> dict:
    return {**record(stream, record_id), "version": version}


def flagged(warehouse: psycopg.Connection, table: str) -> dict[str, bool]:
    query = sql.SQL("select id, _sdc_deleted_at is not null from {} order by id::int").format(
        sql.Identifier(SCHEMA, table)
    )
    return dict(warehouse.execute(query).fetchall())


def test_activate_version_flags_rows_of_older_versions_on_new_and_existing_tables(
    elt_all: StackSettings, warehouse: psycopg.Connection
) -> None:
    # A FULL_TABLE pass opens with ACTIVATE_VERSION. On the table this run has just created
    # there is nothing to flag (the loader skips the update, and says so); once it holds
    # rows, in the table or still in memory, a newer version flags the ones it did not send,
    # in this run or the next.
    first = load(
        elt_all,
        [
            schema("probe_a"),
            activate("probe_a", 1),
            versioned("probe_a", 1, 1),
            versioned("probe_a", 2, 1),
            # probe_a's rows load in the background once probe_b's first row arrives.
            schema("probe_b"),
            activate("probe_b", 1),
            versioned("probe_b", 1, 1),
            versioned("probe_b", 2, 1),
            # probe_b's rows are still in the loader's memory at its next version.
            activate("probe_b", 2),
            versioned("probe_b", 3, 2),
            activate("probe_a", 2),
            versioned("probe_a", 3, 2),
        ],
    )
    assert first.returncode == 0, first.stderr[-3000:]
    for stream in ("probe_a", "probe_b"):
        assert f"{stream}: table version 1 activated on a table this run created empty" in (
            first.stderr
        )
        assert f"{stream}: table version 2 activated on a table this run" not in first.stderr
    warehouse.commit()
    assert flagged(warehouse, "probe_a") == {"1": True, "2": True, "3": False}
    assert flagged(warehouse, "probe_b") == {"1": True, "2": True, "3": False}

    # The next run finds the table: a pass that sends row 3 only flags nothing new, and
    # one that sends nothing flags row 3 too.
    second = load(elt_all, [schema("probe_a"), activate("probe_a", 3), versioned("probe_a", 3, 3)])
    assert second.returncode == 0, second.stderr[-3000:]
    assert "created empty" not in second.stderr
    warehouse.commit()
    assert flagged(warehouse, "probe_a") == {"1": True, "2": True, "3": False}
    third = load(elt_all, [schema("probe_a"), activate("probe_a", 4)])
    assert third.returncode == 0, third.stderr[-3000:]
    warehouse.commit()
    assert flagged(warehouse, "probe_a") == {"1": True, "2": True, "3": True}
    warehouse.execute(sql.SQL("drop schema {} cascade").format(sql.Identifier(SCHEMA)))
    warehouse.commit()
