"""The shared stack as the first `elt-all` left it, set aside once and put back after every
scenario, so no scenario sees what another one changed (data, run records, Meltano state,
faults, stalls, property drift).

Both databases are copied with PostgreSQL's template databases (a file copy: seconds, not
a second `elt-all`); the mock rebuilds its portal from its seed; the landing bucket loses the
objects a scenario added.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import psycopg
from psycopg import sql

from paracelsus_stack.environment import hubspot_budget_dir, warehouse_dsn
from paracelsus_stack.landing_bucket import landing_client
from paracelsus_stack.meltano_runs import read_owners
from paracelsus_stack.postgres import admin_dsn
from paracelsus_stack.settings import (
    MELTANO_SYSTEM_SCHEMA,
    OLTP_DATABASE,
    WAREHOUSE_DATABASE,
    StackSettings,
)

from .helpers import mock_admin

DATABASES = (OLTP_DATABASE, WAREHOUSE_DATABASE)
# Sessions that end on request leave pg_stat_activity within moments; this bounds the poll.
DISCONNECT_POLLS = 10_000


@dataclass(frozen=True)
class Baseline:
    landing_objects: dict[str, str]  # key -> ETag


def _copy_name(database: str) -> str:
    return f"{database}__baseline"


def _landing_objects(settings: StackSettings) -> dict[str, str]:
    client = landing_client(settings)
    objects = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=settings.s3_bucket):
        for item in page.get("Contents", []):
            objects[item["Key"]] = item["ETag"]
    return objects


def _disconnect_everyone(admin: psycopg.Connection, database: str) -> None:
    """A template must have no sessions: end them and wait until they are gone."""
    for _ in range(DISCONNECT_POLLS):
        left = admin.execute(
            "select count(pg_terminate_backend(pid)) from pg_stat_activity "
            "where datname = %s and pid <> pg_backend_pid()",
            (database,),
        ).fetchone()[0]
        if left == 0:
            return
    raise AssertionError(f"sessions on {database} did not end")


def _clone(admin: psycopg.Connection, source: str, target: str) -> None:
    admin.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(target)))
    _disconnect_everyone(admin, source)
    admin.execute(
        sql.SQL("create database {} template {} strategy file_copy").format(
            sql.Identifier(target), sql.Identifier(source)
        )
    )


def _forget_the_portal_budget(settings: StackSettings) -> None:
    """The tap's shared rate window and property cache belong to the portal as it was: no
    scenario starts with them, the first one included (the first `elt-all` left them)."""
    shutil.rmtree(hubspot_budget_dir(settings), ignore_errors=True)


def capture(settings: StackSettings) -> Baseline:
    with psycopg.connect(admin_dsn(settings), autocommit=True) as admin:
        for database in DATABASES:
            _clone(admin, database, _copy_name(database))
    _forget_the_portal_budget(settings)
    return Baseline(_landing_objects(settings))


def running_records(settings: StackSettings) -> list[tuple[str, str]]:
    """Meltano run records still RUNNING: a scenario must end with none."""
    with psycopg.connect(warehouse_dsn(settings)) as warehouse:
        return warehouse.execute(
            f"select job_name, run_id::text from {MELTANO_SYSTEM_SCHEMA}.runs "
            "where state = 'RUNNING'"
        ).fetchall()


def assert_nothing_left_running(settings: StackSettings) -> None:
    assert running_records(settings) == [], "the scenario left a run record RUNNING"
    live = [owner for owner in read_owners(settings).values() if owner.is_alive()]
    assert live == [], "the scenario left a meltano process running"


def restore(settings: StackSettings, baseline: Baseline) -> None:
    mock_admin(settings, "DELETE", "stall")
    mock_admin(settings, "DELETE", "faults")
    mock_admin(settings, "POST", "reset")
    client = landing_client(settings)
    now = _landing_objects(settings)
    changed = {k for k, tag in baseline.landing_objects.items() if now.get(k) != tag}
    assert not changed, f"a scenario changed seeded landing objects {sorted(changed)}"
    for key in set(now) - set(baseline.landing_objects):
        client.delete_object(Bucket=settings.s3_bucket, Key=key)
    with psycopg.connect(admin_dsn(settings), autocommit=True) as admin:
        for database in DATABASES:
            _clone(admin, _copy_name(database), database)
    _forget_the_portal_budget(settings)
