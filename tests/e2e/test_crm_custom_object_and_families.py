"""The portal's custom object end to end (the mock's schema and records, the tap's
`custom_object_types`, staging, the marts that set it against the OLTP data), and the dbt
project built with each HubSpot model family switched off."""

from __future__ import annotations

import json
import re
from datetime import date

import psycopg
import pytest
import requests

from paracelsus_stack.environment import oltp_dsn
from paracelsus_stack.reconcile.run import local_hubspot
from paracelsus_stack.settings import StackSettings

from .helpers import meltano

AGREEMENT_PROPERTIES = (
    "physician_email",
    "provider_email",
    "start_date",
    "end_date",
    "agreement_status",
    "hs_lastmodifieddate",
)
# The models each family switch leaves out, and the marts mixing families that must still
# build without it (dbt/dbt_project.yml, vars hubspot_*_enabled).
FAMILIES = {
    "hubspot_sales_enabled": (
        ("fct_deal_stage_history", "fct_deal_pipeline_velocity", "stg_hubspot__deals"),
        ("fct_deals", "fct_owner_lifecycle_scores", "dim_clinician_crm_contacts"),
    ),
    "hubspot_service_enabled": (
        ("fct_tickets", "fct_daily_ticket_history", "snap_hubspot__tickets"),
        ("dim_clinician_crm_contacts", "fct_contact_engagement_activity"),
    ),
    "hubspot_custom_objects_enabled": (
        ("stg_hubspot__supervision_agreements", "fct_reviews_without_current_agreement"),
        ("fct_provider_case_load", "dim_contacts"),
    ),
}
# dbt's line for a model or snapshot it built: "OK created sql view model staging.stg_x".
BUILT_NODE = re.compile(r"\bOK (?:created \w+ \w+ model|snapshotted) \w+\.(\w+)")


def agreements_in_portal(settings: StackSettings) -> dict[str, dict[str, str | None]]:
    """Every supervision agreement the portal serves, read through HubSpot's own API."""
    connection = local_hubspot(settings)
    found: dict[str, dict[str, str | None]] = {}
    params: dict[str, object] = {"limit": 100, "properties": ",".join(AGREEMENT_PROPERTIES)}
    with requests.Session() as session:
        while True:
            page = connection.request(
                session, "GET", "/crm/v3/objects/supervision_agreement", params
            )
            found.update({record["id"]: record["properties"] for record in page["results"]})
            after = page.get("paging", {}).get("next", {}).get("after")
            if after is None:
                return found
            params = {**params, "after": after}


def covers(agreement: dict[str, str | None], day: date) -> bool:
    """The agreement's period holds the day: start to end, open-ended without an end, and a
    terminated one without an end up to its last modification (when it was terminated)."""
    starts = date.fromisoformat(str(agreement["start_date"]))
    if agreement["end_date"]:
        ends = date.fromisoformat(agreement["end_date"])
    elif agreement["agreement_status"] == "terminated":
        ends = date.fromisoformat(str(agreement["hs_lastmodifieddate"])[:10])
    else:
        ends = date.max
    return starts <= day <= ends


def test_supervision_agreements_are_synced_and_set_against_the_reviews(
    warehouse: psycopg.Connection, elt_all: StackSettings
) -> None:
    portal = agreements_in_portal(elt_all)
    assert len(portal) > 10
    loaded = warehouse.execute(
        "select count(*) from staging.stg_hubspot__supervision_agreements where not is_deleted"
    ).fetchone()[0]
    assert loaded == len(portal)
    with psycopg.connect(oltp_dsn(elt_all)) as oltp:
        reviews = oltp.execute(
            "select r.review_id::text, lower(ph.email), lower(pr.email), r.requested_at::date "
            "from case_reviews r join cases c using (case_id) "
            "join physicians ph on ph.physician_id = r.physician_id "
            "join providers pr on pr.provider_id = c.provider_id"
        ).fetchall()
    by_pair: dict[tuple[str, str], list[tuple[str, dict]]] = {}
    for agreement_id, agreement in portal.items():
        pair = (str(agreement["physician_email"]).lower(), str(agreement["provider_email"]).lower())
        by_pair.setdefault(pair, []).append((agreement_id, agreement))

    expected_gaps = {
        review_id
        for review_id, physician, provider, requested_on in reviews
        if not any(covers(a, requested_on) for _, a in by_pair.get((physician, provider), []))
    }
    used = {
        agreement_id
        for _, physician, provider, requested_on in reviews
        for agreement_id, agreement in by_pair.get((physician, provider), [])
        if covers(agreement, requested_on)
    }
    expected_unused = set(portal) - used
    gaps = warehouse.execute(
        "select review_id from marts.fct_reviews_without_current_agreement"
    ).fetchall()
    unused = warehouse.execute(
        "select agreement_id from marts.fct_supervision_agreement_reviews where has_no_reviews"
    ).fetchall()
    assert expected_gaps and expected_unused, "the mock seeds both kinds of gap"
    assert {row[0] for row in gaps} == expected_gaps
    assert {row[0] for row in unused} == expected_unused


def built_nodes(output: str) -> set[str]:
    """The models and snapshots a dbt build reports as built."""
    return set(BUILT_NODE.findall(output))


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_the_project_builds_with_a_model_family_switched_off(
    elt_all: StackSettings, family: str
) -> None:
    left_out, still_built = FAMILIES[family]
    output = meltano(
        elt_all, "invoke", "dbt-postgres", "build", "--vars", json.dumps({family: False})
    )
    built = built_nodes(output)
    assert not set(left_out) & built, f"{family} off still built {set(left_out) & built}"
    assert set(still_built) <= built, f"{family} off did not build {set(still_built) - built}"
