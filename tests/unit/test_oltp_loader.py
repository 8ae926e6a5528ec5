"""schema.sql and the loader against a real PostgreSQL (a throwaway embedded server)."""

from collections.abc import Iterator
from datetime import timedelta

import psycopg
import pytest

from oltp_seed.changes import next_change_time, simulate_changes
from oltp_seed.cli import main
from oltp_seed.generator import ANCHOR, generate_supervision
from oltp_seed.loader import load, row_counts, schema_sql
from tests.pg_fixture import running_postgres


@pytest.fixture(scope="module")
def dsn() -> Iterator[str]:
    with running_postgres("supervision") as url:
        yield url


@pytest.fixture
def conn(dsn: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(dsn, autocommit=True) as connection:
        load(connection, reset=True)
        yield connection


def test_load_copies_every_generated_row(conn):
    assert row_counts(conn) == dict(generate_supervision().counts)


def test_loaded_rows_equal_generated_rows(conn):
    data = generate_supervision()
    stored = conn.execute(
        "select review_id::text, case_id::text, physician_id::text, status, requested_at, "
        "due_at, reviewed_at, outcome, created_at, updated_at from case_reviews"
    ).fetchall()
    assert sorted(stored) == sorted(data.rows["case_reviews"])


def test_a_second_load_leaves_a_seeded_database_alone(conn):
    result = load(conn)
    assert result.loaded == {}
    assert result.existing_rows == sum(generate_supervision().counts.values())


def test_schema_applies_twice(conn):
    conn.execute(schema_sql())
    conn.execute(schema_sql())


def test_an_ordinary_update_moves_updated_at(conn):
    before = conn.execute("select max(updated_at) from states").fetchone()[0]
    conn.execute("update states set name = name || '' where code = (select min(code) from states)")
    after = conn.execute("select max(updated_at) from states").fetchone()[0]
    assert after > before > ANCHOR - timedelta(days=3650)


def test_an_explicit_updated_at_is_kept(conn):
    at = ANCHOR + timedelta(days=2)
    conn.execute(
        "update cases set priority = 'urgent', updated_at = %s "
        "where case_id = (select case_id from cases order by case_id limit 1)",
        (at,),
    )
    assert conn.execute("select max(updated_at) from cases").fetchone()[0] == at


def test_check_constraints_reject_half_completed_reviews(conn):
    with pytest.raises(psycopg.errors.CheckViolation):
        conn.execute(
            "update case_reviews set status = 'completed' "
            "where review_id = "
            "(select review_id from case_reviews where status = 'pending' limit 1)"
        )


def test_changes_are_deterministic_and_stamped(dsn):
    summaries = []
    for _ in range(2):
        with psycopg.connect(dsn, autocommit=True) as conn:
            load(conn, reset=True)
            at = next_change_time(conn)
            summaries.append(simulate_changes(conn, 42, inserts=3, updates=4, deletes=2, at=at))
            counts = row_counts(conn)
            moved = conn.execute(
                "select count(*) from case_reviews where updated_at = %s", (at,)
            ).fetchone()[0]
    first, second = summaries
    assert first == second
    assert first.at == ANCHOR + timedelta(hours=1)
    assert (len(first.inserted_cases), len(first.updated_reviews), len(first.deleted_reviews)) == (
        3,
        4,
        2,
    )
    expected = generate_supervision().counts
    assert counts["cases"] == expected["cases"] + 3
    assert counts["case_reviews"] == expected["case_reviews"] + 3 - 2
    assert moved == 3 + 4


def test_cli_load_reports_rows_then_already_seeded(dsn, capsys):
    assert main(["load", "--dsn", dsn, "--reset"]) == 0
    assert "case_reviews: 600 rows" in capsys.readouterr().out
    assert main(["load", "--dsn", dsn]) == 0
    assert "already seeded: 990 rows" in capsys.readouterr().out


def test_cli_names_the_unreachable_database(capsys):
    assert main(["load", "--dsn", "postgresql://nobody@127.0.0.1:9/supervision"]) == 2
    assert "127.0.0.1:9" in capsys.readouterr().err
