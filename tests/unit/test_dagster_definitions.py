"""The code location mirrors the Meltano project: its jobs, its schedules, its raw tables
as the dbt sources' assets, and the concurrency pools on the EL and dbt steps."""

from __future__ import annotations

import pytest
import yaml

from paracelsus_stack.meltano_project import meltano_jobs, meltano_schedules, raw_schema

# dbt reads its profile while parsing the manifest; parsing connects to nothing.
PROFILE = {
    "WAREHOUSE_HOST": "127.0.0.1",
    "WAREHOUSE_PORT": "5432",
    "WAREHOUSE_USER": "u",
    "WAREHOUSE_PASSWORD": "p",
    "WAREHOUSE_DATABASE": "analytics",
}


@pytest.fixture(scope="module")
def repository():
    with pytest.MonkeyPatch.context() as patch:
        for name, value in PROFILE.items():
            patch.setenv(name, value)
        from paracelsus_orchestration.definitions import defs

        yield defs.get_repository_def()


def test_every_meltano_job_and_schedule_has_its_dagster_twin(repository) -> None:
    jobs = {job.name for job in repository.get_all_jobs() if not job.name.startswith("__")}
    assert jobs == {name.replace("-", "_") for name in meltano_jobs()}
    schedules = {s.name: s for s in repository.schedule_defs}
    for schedule in meltano_schedules():
        twin = schedules[schedule["name"].replace("-", "_")]
        assert twin.job_name == schedule["job"].replace("-", "_")
        assert twin.cron_schedule == {"@hourly": "0 * * * *", "@daily": "0 0 * * *"}.get(
            schedule["interval"], schedule["interval"]
        )


def test_every_dbt_source_is_a_raw_asset_made_by_its_schemas_el_step(repository) -> None:
    graph = repository.asset_graph
    dbt_node = next(
        node for node in graph.asset_nodes if node.key.path[-1] == "stg_hubspot__contacts"
    )
    sources = {key for key in dbt_node.parent_keys}
    assert sources == {("raw_hubspot", "contacts")} or {k.path[0] for k in sources} == {
        "raw_hubspot"
    }
    for node in graph.asset_nodes:
        if node.key.path[0].startswith("raw_"):
            assert node.is_materializable, f"{node.key} has no EL step"
            assert node.assets_def.op.name == node.key.path[0]
    loaders = {
        task.split()[1] for tasks in meltano_jobs().values() for task in tasks if " " in task
    }
    schemas = {raw_schema(loader) for loader in loaders}
    assert schemas == {
        key.path[0] for key in graph.get_all_asset_keys() if key.path[0].startswith("raw_")
    }


def test_el_and_dbt_steps_hold_a_pool_each(repository) -> None:
    ops = {
        node.assets_def.op.name: node.assets_def.op.pool
        for node in repository.asset_graph.asset_nodes
        if node.assets_def.is_executable
    }
    assert ops == {
        "raw_hubspot": "hubspot_portal",
        "raw_oltp": "meltano_el_raw_oltp",
        "raw_s3": "meltano_el_raw_s3",
        "dbt_models": "dbt_warehouse",
    }


def test_the_instance_config_and_workspace_name_what_the_code_uses() -> None:
    """dagster.yaml and workspace.yaml are YAML (they cannot import): their copies of the
    job tag, the storage schema and the location name must match the code's."""
    from paracelsus_orchestration.pools import MELTANO_JOB_TAG
    from paracelsus_orchestration.prepare import DAGSTER_SCHEMA
    from paracelsus_stack.dagster_api import LOCATION
    from paracelsus_stack.orchestration import INSTANCE_CONFIG, WORKSPACE

    instance = yaml.safe_load(INSTANCE_CONFIG.read_text())
    limits = instance["concurrency"]["runs"]["tag_concurrency_limits"]
    assert [limit["key"] for limit in limits] == [MELTANO_JOB_TAG]
    params = instance["storage"]["postgres"]["postgres_db"]["params"]
    assert params["options"] == f"-csearch_path={DAGSTER_SCHEMA}"
    location = yaml.safe_load(WORKSPACE.read_text())["load_from"][0]["python_module"]
    assert location["location_name"] == LOCATION


def test_every_dbt_source_is_the_key_of_a_raw_asset(repository) -> None:
    from paracelsus_orchestration.dbt_manifest import manifest

    raw = {
        tuple(key.path)
        for key in repository.asset_graph.get_all_asset_keys()
        if key.path[0].startswith("raw_")
    }
    sources = {(s["schema"], s["name"]) for s in manifest()["sources"].values()}
    assert sources == raw
