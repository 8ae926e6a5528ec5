"""Dagster's view of the Meltano project's jobs: which EL tasks load which raw schema, and
which dbt commands follow. The Meltano YAML owns all of it (paracelsus_stack.meltano_project)."""

from __future__ import annotations

from dataclasses import dataclass, field

from paracelsus_stack.meltano_project import meltano_jobs, raw_schema

# The job whose tasks an EL asset runs when a run names no Meltano job (a materialization
# started from the asset graph, a sensor): the frequent path, as `make run`.
DEFAULT_JOB = "elt-all"


@dataclass(frozen=True)
class ElTask:
    extractor: str
    loader: str

    @property
    def text(self) -> str:
        return f"{self.extractor} {self.loader}"

    @property
    def schema(self) -> str:
        schema = raw_schema(self.loader)
        if schema is None:
            raise ValueError(f"{self.loader} has no default_target_schema in the Meltano project")
        return schema


@dataclass(frozen=True)
class PipelineJob:
    name: str
    el_tasks: tuple[ElTask, ...]
    commands: tuple[str, ...] = field(default=())  # utility commands, e.g. dbt-postgres:build

    @property
    def schemas(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(task.schema for task in self.el_tasks))

    @property
    def runs_dbt_build(self) -> bool:
        return any(command.endswith(":build") for command in self.commands)

    def tasks_for(self, schema: str) -> tuple[ElTask, ...]:
        return tuple(task for task in self.el_tasks if task.schema == schema)


def dagster_name(meltano_name: str) -> str:
    """Dagster names allow only [A-Za-z0-9_]: Meltano's `elt-all` is Dagster's `elt_all`."""
    return meltano_name.replace("-", "_")


def _parse(name: str, tasks: list[str]) -> PipelineJob:
    el_tasks: list[ElTask] = []
    commands: list[str] = []
    for task in tasks:
        words = task.split()
        if len(words) == 2 and ":" not in task:
            el_tasks.append(ElTask(*words))
        elif len(words) == 1 and ":" in task:
            commands.append(task)
        else:
            raise ValueError(f"Meltano job {name}: {task!r} is neither 'tap target' nor a command")
    return PipelineJob(name, tuple(el_tasks), tuple(commands))


def pipeline_jobs() -> dict[str, PipelineJob]:
    return {name: _parse(name, tasks) for name, tasks in meltano_jobs().items()}


def tasks_for(job_name: str | None, schema: str) -> tuple[ElTask, ...]:
    """The EL tasks a run of `job_name` runs for `schema` (the default job's when the run
    names no job, or a job without tasks for that schema)."""
    jobs = pipeline_jobs()
    job = jobs.get(job_name or DEFAULT_JOB) or jobs[DEFAULT_JOB]
    return job.tasks_for(schema) or jobs[DEFAULT_JOB].tasks_for(schema)
