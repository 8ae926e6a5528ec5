"""The code location: `dagster-webserver -m paracelsus_orchestration.definitions` (see
workspace.yaml). Jobs and schedules mirror the Meltano project's (meltano/orchestrate/)."""

from __future__ import annotations

from dagster import (
    AssetSelection,
    AutomationConditionSensorDefinition,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    Definitions,
    ExecutorDefinition,
    ScheduleDefinition,
    define_asset_job,
    in_process_executor,
    multiprocess_executor,
)
from dagster._core.definitions.unresolved_asset_job_definition import UnresolvedAssetJobDefinition

from paracelsus_orchestration.dbt_assets import dbt_models, dbt_resource
from paracelsus_orchestration.pipeline import PipelineJob, dagster_name, pipeline_jobs
from paracelsus_orchestration.pools import MELTANO_JOB_TAG
from paracelsus_orchestration.raw_assets import raw_assets
from paracelsus_stack.meltano_project import meltano_schedules

# Meltano's interval aliases as cron (Dagster schedules take cron).
CRON_ALIASES = {
    "@hourly": "0 * * * *",
    "@daily": "0 0 * * *",
    "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *",
    "@yearly": "0 0 1 1 *",
}
# Steps of a run at once: the three sources together (then dbt). The default is the CPU
# count, which on 2 cores would hold one source back.
MAX_CONCURRENT_STEPS = 4
# How often the daemon evaluates the scoring automation (Dagster's default is 30 s).
AUTOMATION_INTERVAL_S = 5


def _selection(job: PipelineJob) -> AssetSelection:
    selection = AssetSelection.groups(*job.schemas)
    return selection | AssetSelection.assets(dbt_models) if job.runs_dbt_build else selection


def _executor(job: PipelineJob) -> ExecutorDefinition:
    """Several steps run as processes side by side; a job of one step (el_s3, el_hubspot)
    runs it in the run's own process, which saves starting another Python for it."""
    if len(job.schemas) + job.runs_dbt_build > 1:
        return multiprocess_executor.configured({"max_concurrent": MAX_CONCURRENT_STEPS})
    return in_process_executor


def asset_job(job: PipelineJob) -> UnresolvedAssetJobDefinition:
    return define_asset_job(
        name=dagster_name(job.name),
        selection=_selection(job),
        description=f"Meltano job {job.name}: "
        + ", ".join([t.text for t in job.el_tasks] + list(job.commands)),
        tags={MELTANO_JOB_TAG: job.name},
        executor_def=_executor(job),
    )


def _schedules(jobs: dict[str, UnresolvedAssetJobDefinition]) -> list[ScheduleDefinition]:
    return [
        ScheduleDefinition(
            name=dagster_name(schedule["name"]),
            job=jobs[schedule["job"]],
            cron_schedule=CRON_ALIASES.get(schedule["interval"], schedule["interval"]),
            # Off until switched on in the UI, as `meltano schedule` entries run only when
            # a scheduler runs them: two schedulers must not both run elt-all hourly.
            default_status=DefaultScheduleStatus.STOPPED,
        )
        for schedule in meltano_schedules()
    ]


def build_definitions() -> Definitions:
    jobs = {name: asset_job(job) for name, job in pipeline_jobs().items()}
    automation = AutomationConditionSensorDefinition(
        "scoring_rebuild",
        target=AssetSelection.all(),
        default_status=DefaultSensorStatus.RUNNING,
        minimum_interval_seconds=AUTOMATION_INTERVAL_S,
        description="Rebuilds the scoring mart and its models when the CRM raw assets update",
    )
    return Definitions(
        assets=[*raw_assets(), dbt_models],
        jobs=list(jobs.values()),
        schedules=_schedules(jobs),
        sensors=[automation],
        resources={"dbt": dbt_resource()},
    )


defs = build_definitions()
