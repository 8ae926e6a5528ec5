"""The legacy CRM exports: deterministic, sized by scale, overlapping the OLTP people."""

import csv
import io

import pytest

from localstack.csv_generator import (
    CONTACT_COLUMNS,
    DEAL_COLUMNS,
    DEAL_STAGES,
    LIFECYCLE_STAGES,
    contacts_csv,
    deals_csv,
    landing_files,
    normalize_email,
)
from localstack.landing import CONTACTS_KEY, DEALS_KEY
from oltp_seed.generator import generate_people


def parse(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))


@pytest.fixture(scope="module")
def contacts() -> list[dict[str, str]]:
    return parse(contacts_csv(42, 1))


@pytest.fixture(scope="module")
def deals() -> list[dict[str, str]]:
    return parse(deals_csv(42, 1))


def test_same_seed_gives_byte_identical_files():
    assert contacts_csv(42, 1) == contacts_csv(42, 1)
    assert deals_csv(42, 1) == deals_csv(42, 1)
    assert landing_files(42, 1) == {CONTACTS_KEY: contacts_csv(42, 1), DEALS_KEY: deals_csv(42, 1)}


def test_different_seed_gives_different_files():
    assert contacts_csv(7, 1) != contacts_csv(42, 1)
    assert deals_csv(7, 1) != deals_csv(42, 1)


@pytest.mark.parametrize(("scale", "rows"), [(1, 40), (3, 120)])
def test_row_counts_follow_scale(scale, rows):
    files = landing_files(42, scale)
    assert len(parse(files[CONTACTS_KEY])) == rows
    assert len(parse(files[DEALS_KEY])) == rows


def test_headers(contacts, deals):
    assert tuple(contacts[0]) == CONTACT_COLUMNS
    assert tuple(deals[0]) == DEAL_COLUMNS


def test_ids_and_normalized_emails_are_unique(contacts, deals):
    assert len({c["contact_id"] for c in contacts}) == len(contacts)
    assert len({d["deal_id"] for d in deals}) == len(deals)
    emails = [normalize_email(c["email"]) for c in contacts]
    assert len(set(emails)) == len(emails)


def test_enums_are_hubspot_values(contacts, deals):
    assert {c["lifecycle_stage"] for c in contacts} <= set(LIFECYCLE_STAGES)
    assert {d["deal_stage"] for d in deals} <= set(DEAL_STAGES)


def test_dates_are_iso_and_anchored(contacts, deals):
    for contact in contacts:
        assert len(contact["created_date"]) == 10 and contact["created_date"] < "2026-01-01"
        assert contact["updated_at"].endswith("Z") and contact["updated_at"] < "2026-01-01"
        assert contact["updated_at"][:10] >= contact["created_date"]
    for deal in deals:
        assert deal["created_date"] <= deal["close_date"]
        if deal["deal_stage"].startswith("closed"):
            assert deal["close_date"] <= "2026-01-01"


def test_deals_point_at_contacts(contacts, deals):
    emails = {normalize_email(c["email"]) for c in contacts}
    assert {d["contact_email"] for d in deals} <= emails


def test_about_half_the_contacts_are_oltp_people(contacts):
    people = {p.email for p in generate_people(42, 1)}
    matched = [c for c in contacts if normalize_email(c["email"]) in people]
    assert len(matched) == len(contacts) // 2
    messy = [c for c in matched if c["email"] != normalize_email(c["email"])]
    assert messy, "some matched emails differ in case or spacing, to exercise normalization"


def test_matched_contacts_keep_the_persons_name(contacts):
    by_email = {p.email: p for p in generate_people(42, 1)}
    for contact in contacts:
        person = by_email.get(normalize_email(contact["email"]))
        if person:
            assert (contact["first_name"], contact["last_name"]) == (
                person.first_name,
                person.last_name,
            )


def test_commas_in_company_names_are_quoted():
    body = contacts_csv(42, 3)
    rows = parse(body)
    assert any("," in r["company_name"] for r in rows)
    assert all(len(r) == len(CONTACT_COLUMNS) and None not in r for r in rows)
