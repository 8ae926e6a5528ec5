"""Names the Dagster instance's concurrency limits key on (dagster.yaml sets the limits).

Every pool has the instance's default limit of one: one HubSpot pipeline per portal at a
time (its tasks share one API budget), one run of any EL task, one dbt build on the
warehouse. A second portal would get a code location of its own, with its own pool name.
"""

from __future__ import annotations

HUBSPOT_PORTAL_POOL = "hubspot_portal"
DBT_POOL = "dbt_warehouse"
# Runs of one job queue behind each other (dagster.yaml: a limit of 1 per value).
MELTANO_JOB_TAG = "paracelsus/meltano_job"


def el_pool(schema: str) -> str:
    """The pool of the EL asset that loads `schema` (HubSpot's is the portal's)."""
    return HUBSPOT_PORTAL_POOL if schema == "raw_hubspot" else f"meltano_el_{schema}"
