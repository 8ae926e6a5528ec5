"""The operations plane: the Meltano jobs and the dbt project as one Dagster asset graph.

Meltano stays the EL engine (each raw schema's asset runs `meltano run` for its tasks);
dbt models are assets through dagster-dbt; jobs and schedules mirror the Meltano project's.
Named so as not to shadow the `dagster` package.
"""
