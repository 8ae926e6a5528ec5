"""The dbt project's models as assets (dagster-dbt). Each dbt source is keyed by its raw
schema and table (`raw_hubspot/contacts`), the key its EL asset materializes, so raw ->
staging -> marts is one graph."""

from collections.abc import Iterator, Mapping
from typing import Any

from dagster import AssetExecutionContext, AssetKey, AutomationCondition, Failure
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from paracelsus_orchestration.automation import rebuild_when_upstream_updates, scoring_chain
from paracelsus_orchestration.dbt_manifest import TARGET_DIR, dbt_executable, ensure_manifest
from paracelsus_orchestration.pipeline import pipeline_jobs
from paracelsus_orchestration.pools import DBT_POOL, MELTANO_JOB_TAG
from paracelsus_stack.meltano_project import utility_command_args
from paracelsus_stack.settings import DBT_PROJECT_DIR

RUN_TARGETS = TARGET_DIR / "runs"


class ParacelsusTranslator(DagsterDbtTranslator):
    def __init__(self) -> None:
        super().__init__()
        self._scoring = scoring_chain()

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "source":
            return dbt_resource_props["schema"]
        # models/<layer>/...: staging, intermediate, marts
        return dbt_resource_props["fqn"][1]

    def get_automation_condition(
        self, dbt_resource_props: Mapping[str, Any]
    ) -> AutomationCondition | None:
        if dbt_resource_props["unique_id"] in self._scoring:
            return rebuild_when_upstream_updates()
        return None


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(
        project_dir=str(DBT_PROJECT_DIR),
        profiles_dir=str(DBT_PROJECT_DIR),
        dbt_executable=dbt_executable(),
    )


def _after_build_commands(job_name: str | None) -> list[list[str]]:
    """The dbt commands other than build the run's Meltano job runs after it (elt-all:
    `source freshness`)."""
    job = pipeline_jobs().get(job_name or "")
    if job is None:
        return []
    return [
        utility_command_args(command)
        for command in job.commands
        if command.startswith("dbt-") and not command.endswith(":build")
    ]


@dbt_assets(
    manifest=ensure_manifest(),
    dagster_dbt_translator=ParacelsusTranslator(),
    name="dbt_models",
    pool=DBT_POOL,
)
def dbt_models(context: AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
    # One target folder per command, reused: dagster-dbt's default is a new folder per
    # invocation (about 10 MB each, every hour). The dbt pool runs one build at a time.
    yield from dbt.cli(["build"], context=context, target_path=RUN_TARGETS / "build").stream()
    for args in _after_build_commands(context.run.tags.get(MELTANO_JOB_TAG)):
        # Without the context: dagster-dbt would add the run's model selection to it.
        invocation = dbt.cli(
            args,
            manifest=ensure_manifest(),
            raise_on_error=False,
            target_path=RUN_TARGETS / "-".join(args),
        )
        for line in invocation.stream_raw_events():
            context.log.info(str(line))
        if not invocation.is_successful():
            raise Failure(f"dbt {' '.join(args)} failed after the build: see the step's log")
