"""Deterministic CSV exports of a legacy CRM: contacts.csv and deals.csv, as bytes.

About half of the contacts are the physicians and providers of the OLTP seed (same people,
emails sometimes in other letter case or padded with spaces, as old CRMs keep them), so the
warehouse can match them after normalising. Everything hangs from ANCHOR, never now().
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

from faker import Faker

from localstack.landing import CONTACTS_KEY, DEALS_KEY
from oltp_seed.generator import ANCHOR, generate_people

CONTACT_COLUMNS = (
    "contact_id",
    "email",
    "first_name",
    "last_name",
    "phone",
    "company_name",
    "lifecycle_stage",
    "created_date",
    "updated_at",
)
DEAL_COLUMNS = (
    "deal_id",
    "deal_name",
    "contact_email",
    "amount",
    "deal_stage",
    "close_date",
    "created_date",
)
# HubSpot's internal values.
LIFECYCLE_STAGES = (
    "subscriber",
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
    "evangelist",
    "other",
)
LIFECYCLE_WEIGHTS = (8, 20, 14, 10, 12, 28, 3, 5)
OPEN_DEAL_STAGES = (
    "appointmentscheduled",
    "qualifiedtobuy",
    "presentationscheduled",
    "decisionmakerboughtin",
    "contractsent",
)
DEAL_STAGES = (*OPEN_DEAL_STAGES, "closedwon", "closedlost")
DEAL_STAGE_WEIGHTS = (10, 12, 10, 8, 8, 30, 22)
PRODUCTS = (
    "Supervision plan",
    "Chart review bundle",
    "Collaborative practice agreement",
    "Telehealth add-on",
    "Compliance audit",
)
ROWS_AT_SCALE_1 = 40
NAME_POOL = 1000
MESSY_EMAILS = 0.4  # share of matched people whose CRM email differs in case or spacing

_NOT_A_LETTER = re.compile(r"[^a-z]")


@dataclass(frozen=True)
class Contact:
    contact_id: str
    email: str  # as exported, possibly messy
    first_name: str
    last_name: str
    phone: str
    company_name: str
    lifecycle_stage: str
    created_date: str
    updated_at: str


def row_count(scale: float) -> int:
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    return max(1, round(ROWS_AT_SCALE_1 * scale))


def normalize_email(email: str) -> str:
    """What the warehouse does to CRM emails before matching them."""
    return email.strip().lower()


def messy_email(rng: Random, email: str) -> str:
    variant = rng.randrange(4)
    if variant == 0:
        return email.upper()
    if variant == 1:
        local, _, domain = email.partition("@")
        return f"{local.title()}@{domain.capitalize()}"
    if variant == 2:
        return f"  {email} "
    return f" {email.upper()}"


def generate_contacts(seed: int = 42, scale: float = 1.0) -> list[Contact]:
    rng = Random(f"{seed}:crm-contacts")
    fake = Faker("en_US")
    fake.seed_instance(seed)
    total = row_count(scale)
    people = generate_people(seed, scale)
    matched = rng.sample(people, min(len(people), total // 2))
    # Faker is slow: bounded pools, picked from with rng, keep 100k rows fast.
    pool = min(total, NAME_POOL)
    first_names = [fake.first_name() for _ in range(pool)]
    last_names = [fake.last_name() for _ in range(pool)]
    companies = [fake.company() for _ in range(max(1, pool // 4))]
    domains = [f"{_slug(fake.last_name())}-mail.example" for _ in range(max(1, pool // 20))]

    sources: list[tuple[str, str, str] | None] = [
        (p.first_name, p.last_name, p.email) for p in matched
    ]
    sources += [None] * (total - len(sources))
    rng.shuffle(sources)

    contacts: list[Contact] = []
    for number, source in enumerate(sources, start=1):
        if source is None:
            first = first_names[rng.randrange(pool)]
            last = last_names[rng.randrange(pool)]
            # The underscore keeps these apart from the OLTP people's first.last.N emails.
            email = f"{_slug(first)}_{_slug(last)}{number}@{rng.choice(domains)}"
        else:
            first, last, email = source
            if rng.random() < MESSY_EMAILS:
                email = messy_email(rng, email)
        created = ANCHOR - timedelta(seconds=rng.randrange(86_400, 730 * 86_400))
        updated = created + timedelta(
            seconds=rng.randrange(int((ANCHOR - created).total_seconds()))
        )
        contacts.append(
            Contact(
                contact_id=f"CRM-C-{number:07d}",
                email=email,
                first_name=first,
                last_name=last,
                phone="" if rng.random() < 0.1 else _phone(rng),
                company_name=rng.choice(companies),
                lifecycle_stage=rng.choices(LIFECYCLE_STAGES, LIFECYCLE_WEIGHTS)[0],
                created_date=created.date().isoformat(),
                updated_at=_iso_z(updated),
            )
        )
    return contacts


def deal_rows(seed: int, scale: float, contacts: Sequence[Contact]) -> list[tuple[str, ...]]:
    rng = Random(f"{seed}:crm-deals")
    rows: list[tuple[str, ...]] = []
    for number in range(1, row_count(scale) + 1):
        contact = contacts[rng.randrange(len(contacts))]
        stage = rng.choices(DEAL_STAGES, DEAL_STAGE_WEIGHTS)[0]
        created = ANCHOR.date() - timedelta(days=rng.randrange(30, 540))
        if stage in OPEN_DEAL_STAGES:
            # Open deals carry an expected close date, usually ahead of ANCHOR.
            close = ANCHOR.date() + timedelta(days=rng.randrange(-10, 180))
        else:
            close = min(created + timedelta(days=rng.randrange(5, 150)), ANCHOR.date())
        rows.append(
            (
                f"CRM-D-{number:07d}",
                f"{contact.company_name} - {rng.choice(PRODUCTS)}",
                normalize_email(contact.email),
                f"{rng.randrange(500, 250_000)}.{rng.randrange(100):02d}",
                stage,
                close.isoformat(),
                created.isoformat(),
            )
        )
    return rows


def contacts_csv(seed: int = 42, scale: float = 1.0) -> bytes:
    return _csv(CONTACT_COLUMNS, (_contact_row(c) for c in generate_contacts(seed, scale)))


def deals_csv(seed: int = 42, scale: float = 1.0) -> bytes:
    return _csv(DEAL_COLUMNS, deal_rows(seed, scale, generate_contacts(seed, scale)))


def landing_files(seed: int = 42, scale: float = 1.0) -> dict[str, bytes]:
    """Object key -> CSV bytes, generating the contacts once for both files."""
    contacts = generate_contacts(seed, scale)
    return {
        CONTACTS_KEY: _csv(CONTACT_COLUMNS, (_contact_row(c) for c in contacts)),
        DEALS_KEY: _csv(DEAL_COLUMNS, deal_rows(seed, scale, contacts)),
    }


def _contact_row(contact: Contact) -> tuple[str, ...]:
    return tuple(getattr(contact, column) for column in CONTACT_COLUMNS)


def _csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _phone(rng: Random) -> str:
    return f"+1-{rng.randrange(201, 990)}-555-{rng.randrange(10_000):04d}"


def _iso_z(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _slug(name: str) -> str:
    return _NOT_A_LETTER.sub("", name.lower()) or "x"
