"""The OLTP generator: deterministic, sized by scale, and consistent with schema.sql."""

import random
import uuid
from collections import Counter
from datetime import timedelta

import pytest

from oltp_seed.generator import (
    ANCHOR,
    COLUMNS,
    TABLES,
    generate_people,
    generate_supervision,
)
from oltp_seed.ids import new_uuid
from oltp_seed.tables import (
    CASE_PRIORITIES,
    CASE_STATUSES,
    CASE_TYPES,
    PERSON_STATUSES,
    PROVIDER_TYPES,
    REVIEW_OUTCOMES,
    REVIEW_STATUSES,
    SPECIALTIES,
)


def materialize(seed: int = 42, scale: float = 1.0) -> dict[str, list[tuple]]:
    data = generate_supervision(seed, scale)
    return {table: list(data.rows[table]) for table in TABLES}


def as_dicts(rows: dict[str, list[tuple]], table: str) -> list[dict]:
    return [dict(zip(COLUMNS[table], row, strict=True)) for row in rows[table]]


@pytest.fixture(scope="module")
def rows() -> dict[str, list[tuple]]:
    return materialize()


def test_same_seed_gives_identical_rows(rows):
    assert materialize() == rows


def test_different_seed_gives_different_rows(rows):
    other = materialize(seed=7)
    for table in TABLES:
        assert other[table] != rows[table]


def test_rows_can_be_iterated_twice():
    data = generate_supervision(42, 1)
    assert list(data.rows["case_reviews"]) == list(data.rows["case_reviews"])


@pytest.mark.parametrize(
    ("scale", "expected"),
    [
        (1, {"states": 10, "physicians": 20, "providers": 60, "cases": 300, "case_reviews": 600}),
        (3, {"states": 30, "physicians": 60, "providers": 180, "cases": 900, "case_reviews": 1800}),
    ],
)
def test_counts_follow_scale(scale, expected):
    data = generate_supervision(42, scale)
    assert dict(data.counts) == expected
    assert {table: sum(1 for _ in data.rows[table]) for table in TABLES} == expected


def test_tiny_scale_still_makes_every_table():
    data = generate_supervision(42, 0.01)
    assert all(sum(1 for _ in data.rows[t]) == n >= 1 for t, n in data.counts.items())


def test_rows_match_column_order(rows):
    for table in TABLES:
        assert {len(row) for row in rows[table]} == {len(COLUMNS[table])}


def test_foreign_keys_hold(rows):
    states = {r["state_id"] for r in as_dicts(rows, "states")}
    physicians = {r["physician_id"]: r for r in as_dicts(rows, "physicians")}
    providers = {r["provider_id"]: r for r in as_dicts(rows, "providers")}
    cases = {r["case_id"] for r in as_dicts(rows, "cases")}
    assert {p["state_id"] for p in physicians.values()} <= states
    for provider in providers.values():
        assert provider["supervising_physician_id"] in physicians
        assert provider["state_id"] in states
    for case in as_dicts(rows, "cases"):
        assert case["provider_id"] in providers
        assert case["state_id"] == providers[case["provider_id"]]["state_id"]
    for review in as_dicts(rows, "case_reviews"):
        assert review["case_id"] in cases
        assert review["physician_id"] in physicians


def test_primary_keys_are_unique_v4_uuids(rows):
    for table in TABLES:
        ids = [row[0] for row in rows[table]]
        assert len(set(ids)) == len(ids)
        assert all(uuid.UUID(i).version == 4 for i in ids)


def test_fast_uuid_matches_the_uuid_module():
    fast, reference = random.Random(3), random.Random(3)
    for _ in range(1000):
        assert new_uuid(fast) == str(uuid.UUID(int=reference.getrandbits(128), version=4))


def test_enums_stay_within_check_lists(rows):
    assert {r["specialty"] for r in as_dicts(rows, "physicians")} <= set(SPECIALTIES)
    assert {r["status"] for r in as_dicts(rows, "physicians")} <= set(PERSON_STATUSES)
    assert {r["provider_type"] for r in as_dicts(rows, "providers")} == set(PROVIDER_TYPES)
    assert {r["status"] for r in as_dicts(rows, "providers")} <= set(PERSON_STATUSES)
    cases = as_dicts(rows, "cases")
    assert {r["case_type"] for r in cases} == set(CASE_TYPES)
    assert {r["priority"] for r in cases} == set(CASE_PRIORITIES)
    assert {r["status"] for r in cases} == set(CASE_STATUSES)
    reviews = as_dicts(rows, "case_reviews")
    assert {r["status"] for r in reviews} == set(REVIEW_STATUSES)
    assert {r["outcome"] for r in reviews} == {*REVIEW_OUTCOMES, None}


def test_completed_iff_reviewed(rows):
    for review in as_dicts(rows, "case_reviews"):
        completed = review["status"] == "completed"
        assert completed == (review["reviewed_at"] is not None)
        assert completed == (review["outcome"] is not None)


def test_reviews_follow_the_state_sla(rows):
    sla = {r["state_id"]: r["review_sla_days"] for r in as_dicts(rows, "states")}
    assert all(2 <= days <= 7 for days in sla.values())
    case_state = {r["case_id"]: r["state_id"] for r in as_dicts(rows, "cases")}
    for review in as_dicts(rows, "case_reviews"):
        days = sla[case_state[review["case_id"]]]
        assert review["due_at"] - review["requested_at"] == timedelta(days=days)


def test_review_mix_is_realistic(rows):
    reviews = as_dicts(rows, "case_reviews")
    per_case = Counter(r["case_id"] for r in reviews)
    assert set(per_case.values()) == {1, 2, 3}
    pending = [r for r in reviews if r["status"] == "pending"]
    assert any(r["due_at"] < ANCHOR for r in pending), "some pending reviews are overdue"
    assert any(r["due_at"] >= ANCHOR for r in pending), "some pending reviews are not yet due"
    completed = [r for r in reviews if r["status"] == "completed"]
    assert any(r["reviewed_at"] > r["due_at"] for r in completed), "some reviews are late"
    assert any(r["reviewed_at"] <= r["due_at"] for r in completed)
    supervisor = {
        r["provider_id"]: r["supervising_physician_id"] for r in as_dicts(rows, "providers")
    }
    provider = {r["case_id"]: r["provider_id"] for r in as_dicts(rows, "cases")}
    by_supervisor = sum(r["physician_id"] == supervisor[provider[r["case_id"]]] for r in reviews)
    assert 0.7 < by_supervisor / len(reviews) < 1


def test_case_status_agrees_with_its_reviews(rows):
    reviews_of = Counter()
    done_of = Counter()
    for review in as_dicts(rows, "case_reviews"):
        reviews_of[review["case_id"]] += 1
        done_of[review["case_id"]] += review["status"] == "completed"
    for case in as_dicts(rows, "cases"):
        done, total = done_of[case["case_id"]], reviews_of[case["case_id"]]
        expected = "closed" if done == total else "in_review" if done else "open"
        assert case["status"] == expected
        assert (case["closed_at"] is not None) == (expected == "closed")


def test_timestamps_are_anchored_before_2026(rows):
    window_start = ANCHOR - timedelta(days=90)
    for table in TABLES:
        for row in as_dicts(rows, table):
            assert row["created_at"] <= row["updated_at"] < ANCHOR
            assert row["created_at"].tzinfo is not None
    for case in as_dicts(rows, "cases"):
        assert window_start <= case["opened_at"] < ANCHOR


def test_emails_are_unique_lowercase_across_people(rows):
    emails = [r["email"] for r in as_dicts(rows, "physicians") + as_dicts(rows, "providers")]
    assert len(set(emails)) == len(emails)
    assert all(e == e.lower() and e.endswith(".example") for e in emails)


def test_npis_are_unique_ten_digits(rows):
    npis = [r["npi"] for r in as_dicts(rows, "physicians")]
    assert len(set(npis)) == len(npis)
    assert all(len(n) == 10 and n.isdigit() for n in npis)


def test_people_are_the_physicians_then_providers(rows):
    people = generate_people(42, 1)
    physician_ids = [r[0] for r in rows["physicians"]]
    provider_ids = [r[0] for r in rows["providers"]]
    assert [p.person_id for p in people] == physician_ids + provider_ids
    assert {p.role for p in people[: len(physician_ids)]} == {"physician"}
    codes = {r[0]: r[1] for r in rows["states"]}
    by_id = {r[0]: r for r in rows["physicians"]}
    first = people[0]
    assert (first.first_name, first.last_name, first.email) == by_id[first.person_id][2:5]
    assert first.state_code == codes[by_id[first.person_id][1]]
