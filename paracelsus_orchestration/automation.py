"""Event-driven scoring: when the CRM raw assets are materialized, the scoring mart and the
models between them rebuild, with no schedule (declarative automation)."""

from __future__ import annotations

from dagster import AutomationCondition

from paracelsus_orchestration.dbt_manifest import upstream_models

SCORING_MART = "model.paracelsus.fct_owner_lifecycle_scores"


def scoring_chain() -> set[str]:
    """The scoring mart and every model it reads from (unique ids)."""
    return upstream_models(SCORING_MART)


def rebuild_when_upstream_updates() -> AutomationCondition:
    """`eager()` without its missing-data clauses: raw tables may have been loaded by
    `meltano run` outside Dagster (so Dagster sees them as never materialized), and a model
    Dagster has not built yet should wait for new data rather than build on its first tick.
    Within one run that updates both a raw table and these models (elt-all), the models'
    own update handles the raw update, so nothing rebuilds twice."""
    return (
        AutomationCondition.any_deps_updated().since_last_handled()
        & ~AutomationCondition.any_deps_in_progress()
        & ~AutomationCondition.in_progress()
    ).with_label("rebuild when an upstream updates")
