"""Contacts (physicians and providers first, then prospects) and companies."""

from __future__ import annotations

import random

from mock_hubspot.store.blueprints.base import Blueprint, Values, money, owner_select
from mock_hubspot.store.clock import DAY_MS, iso_date, iso_ms
from mock_hubspot.store.context import FixtureContext
from mock_hubspot.store.properties import (
    PropertyDef,
    boolean,
    date,
    datetime_,
    number,
    phone,
    select,
    system_properties,
    text,
)
from mock_hubspot.store.stage_history import StageTrack, route_of

# HubSpot's default lifecycle stages, in order, with their labels.
LABELLED_LIFECYCLE_STAGES = (
    ("subscriber", "Subscriber"),
    ("lead", "Lead"),
    ("marketingqualifiedlead", "Marketing Qualified Lead"),
    ("salesqualifiedlead", "Sales Qualified Lead"),
    ("opportunity", "Opportunity"),
    ("customer", "Customer"),
    ("evangelist", "Evangelist"),
    ("other", "Other"),
)
LIFECYCLE_STAGES = tuple(value for value, _ in LABELLED_LIFECYCLE_STAGES)
LIFECYCLE_ROUTES = (route_of("lifecycle", "Lifecycle Stage Pipeline", LABELLED_LIFECYCLE_STAGES),)
# "Other" fits a record no stage describes: it goes there straight, not through the others.
LIFECYCLE = StageTrack(
    "lifecyclestage",
    lambda ctx: LIFECYCLE_ROUTES,
    off_path=("other",),
    forward_only=True,
    became_dates=True,
)
COMPANY_LIFECYCLE_WEIGHTS = (2, 30, 6, 8, 22, 27, 3, 2)
LEAD_STATUSES = (
    "NEW",
    "OPEN",
    "IN_PROGRESS",
    "OPEN_DEAL",
    "UNQUALIFIED",
    "ATTEMPTED_TO_CONTACT",
    "CONNECTED",
    "BAD_TIMING",
)
ROLES = ("physician", "provider", "other")
PROVIDER_TITLES = ("Nurse Practitioner", "Physician Assistant")
PROSPECT_TITLES = ("Practice Manager", "Medical Director", "Office Administrator", "Recruiter")
STATES = ("AZ", "CA", "CO", "FL", "GA", "IL", "MI", "NC", "NY", "OH", "PA", "TX", "WA")
INDUSTRIES = ("HOSPITAL_HEALTH_CARE", "MEDICAL_PRACTICE", "HEALTH_WELLNESS_AND_FITNESS")
COMPANY_TYPES = ("PROSPECT", "PARTNER", "RESELLER", "VENDOR", "OTHER")
COMPANY_SUFFIXES = ("Medical Group", "Health Partners", "Family Clinic", "Urgent Care", "Health")


def _phone(rng: random.Random) -> str:
    return f"+1 {rng.randrange(201, 989)}-{rng.randrange(200, 999)}-{rng.randrange(10000):04d}"


def contact_properties(ctx: FixtureContext) -> tuple[PropertyDef, ...]:
    group = "contactinformation"
    return (
        *system_properties(group, "createdate", "lastmodifieddate"),
        text("email", group, "Email", has_unique_value=True),
        text("firstname", group, "First Name"),
        text("lastname", group, "Last Name"),
        phone("phone", group, "Phone Number"),
        text("jobtitle", group, "Job Title"),
        text("address", group, "Street Address"),
        text("city", group, "City"),
        text("state", group, "State/Region"),
        text("zip", group, "Postal Code"),
        text("country", group, "Country/Region"),
        select("lifecyclestage", group, LABELLED_LIFECYCLE_STAGES, label="Lifecycle Stage"),
        select("hs_lead_status", "sales_properties", LEAD_STATUSES, label="Lead Status"),
        owner_select(ctx, group),
        boolean("hs_email_optout", "contact_activity", "Unsubscribed from all email"),
        datetime_("notes_last_contacted", "contact_activity", "Last Contacted"),
        number("num_contacted_notes", "contact_activity", "Number of Sales Activities"),
        date("date_of_birth", group, "Date of birth"),
        # Set by a merge (store/merges.py): the ids merged into this contact, `;`-separated.
        PropertyDef(
            "hs_merged_object_ids",
            "Merged Contact IDs",
            "enumeration",
            "checkbox",
            group,
            "The list of Contact record IDs that have been merged into this Contact.",
            calculated=True,
            read_only=True,
        ),
        select(
            "paracelsus_role",
            "paracelsus",
            ROLES,
            label="Paracelsus role",
            description="Whether the contact is a supervising physician or a provider.",
            hubspot_defined=False,
        ),
        *LIFECYCLE.properties(ctx, group),
    )


def generate_contact(ctx: FixtureContext, rng: random.Random, index: int, created: int) -> Values:
    if index < len(ctx.people):
        person = ctx.people[index]
        first, last, email = person.first_name, person.last_name, person.email
        state, role = person.state_code, person.role
        title = "Supervising Physician" if role == "physician" else rng.choice(PROVIDER_TITLES)
        stage = rng.choice(("opportunity", "customer", "customer", "evangelist"))
    else:
        first, last = rng.choice(ctx.pools.first_names), rng.choice(ctx.pools.last_names)
        email = f"{first}.{last}.{index}@prospects.{rng.choice(ctx.pools.company_stems)}.example"
        state, role, title = rng.choice(STATES), "other", rng.choice(PROSPECT_TITLES)
        stage = rng.choice(LIFECYCLE_STAGES[:5])
    contacted = created + rng.randrange(1, 30) * DAY_MS if rng.random() < 0.7 else None
    return {
        "email": email.lower(),
        "firstname": first,
        "lastname": last,
        "phone": _phone(rng) if rng.random() < 0.9 else None,
        "jobtitle": title,
        "address": rng.choice(ctx.pools.streets),
        "city": rng.choice(ctx.pools.cities),
        "state": state,
        "zip": rng.choice(ctx.pools.postcodes),
        "country": "United States",
        "lifecyclestage": stage,
        "hs_lead_status": rng.choice(LEAD_STATUSES),
        "hubspot_owner_id": ctx.pick_owner(rng),
        "hs_email_optout": "true" if rng.random() < 0.1 else "false",
        "notes_last_contacted": iso_ms(contacted) if contacted else None,
        "num_contacted_notes": str(rng.randrange(0, 12)),
        "date_of_birth": iso_date(rng.randrange(-7000, 11000) * DAY_MS)
        if rng.random() < 0.5
        else None,
        "paracelsus_role": role,
        "hs_merged_object_ids": None,
    }


def company_properties(ctx: FixtureContext) -> tuple[PropertyDef, ...]:
    group = "companyinformation"
    return (
        *system_properties(group, "createdate", "hs_lastmodifieddate"),
        text("name", group, "Company name"),
        text("domain", group, "Company Domain Name", has_unique_value=True),
        select("industry", group, INDUSTRIES, label="Industry"),
        select("type", group, COMPANY_TYPES, label="Type"),
        phone("phone", group, "Phone Number"),
        text("city", group, "City"),
        text("state", group, "State/Region"),
        text("country", group, "Country/Region"),
        number("numberofemployees", group, "Number of Employees"),
        number("annualrevenue", group, "Annual Revenue"),
        boolean("is_public", group, "Is Public"),
        date("founded_date", group, "Founded date"),
        owner_select(ctx, group),
        select("lifecyclestage", group, LABELLED_LIFECYCLE_STAGES, label="Lifecycle Stage"),
        *LIFECYCLE.properties(ctx, group),
    )


def generate_company(ctx: FixtureContext, rng: random.Random, index: int, created: int) -> Values:
    stem = rng.choice(ctx.pools.company_stems)
    suffix = rng.choice(COMPANY_SUFFIXES)
    return {
        "name": f"{stem} {suffix}",
        "domain": f"{stem}-{suffix.split()[0]}-{index}.example".lower(),
        "industry": rng.choice(INDUSTRIES),
        "type": rng.choice(COMPANY_TYPES),
        "phone": _phone(rng),
        "city": rng.choice(ctx.pools.cities),
        "state": rng.choice(STATES),
        "country": "United States",
        "numberofemployees": str(rng.choice((5, 12, 25, 60, 150, 400, 1200))),
        "annualrevenue": money(rng.randrange(200, 90_000) * 1000.0),
        "is_public": "true" if rng.random() < 0.1 else "false",
        "founded_date": iso_date(created - rng.randrange(2000, 15000) * DAY_MS),
        "hubspot_owner_id": ctx.pick_owner(rng),
        # Drawn last, so the company's other values stay what they were before it existed.
        "lifecyclestage": rng.choices(LIFECYCLE_STAGES, COMPANY_LIFECYCLE_WEIGHTS)[0],
    }


CONTACTS = Blueprint(
    contact_properties, generate_contact, ("lifecyclestage", "hs_lead_status", "phone"), LIFECYCLE
)
COMPANIES = Blueprint(
    company_properties,
    generate_company,
    ("numberofemployees", "annualrevenue", "type", "lifecyclestage"),
    LIFECYCLE,
)
