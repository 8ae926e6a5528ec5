"""Close Meltano run records left "RUNNING" by a killed process.

Meltano heartbeats a live run every second and only treats one as stale after 5 minutes
without a heartbeat; until then a new run of the same job refuses to start (or needs
`--force`, which leaves the dead record behind to block the next run). A run silent for
much longer than its heartbeat period is dead, so it is marked FAIL the way Meltano would.
"""

from __future__ import annotations

import json

import psycopg

from paracelsus_stack.environment import warehouse_dsn
from paracelsus_stack.settings import MELTANO_SYSTEM_SCHEMA, StackSettings

SILENT_SECONDS_BEFORE_DEAD = 10  # ten missed heartbeats


def fail_dead_runs(settings: StackSettings) -> list[str]:
    """Mark dead RUNNING runs as FAIL; returns the job names it closed."""
    closed = []
    with psycopg.connect(warehouse_dsn(settings)) as connection:
        exists = connection.execute(
            "select to_regclass(%s)", (f"{MELTANO_SYSTEM_SCHEMA}.runs",)
        ).fetchone()
        if exists is None or exists[0] is None:
            return closed
        dead = connection.execute(
            f"select id, job_name, payload from {MELTANO_SYSTEM_SCHEMA}.runs "
            "where state = 'RUNNING' and coalesce(last_heartbeat_at, started_at) "
            "< (now() at time zone 'utc') - make_interval(secs => %s) for update",
            (SILENT_SECONDS_BEFORE_DEAD,),
        ).fetchall()
        for run_id, job_name, payload in dead:
            body = json.loads(payload) if payload else {}
            body["error"] = "No heartbeat: the process was killed. Closed by paracelsus."
            connection.execute(
                f"update {MELTANO_SYSTEM_SCHEMA}.runs set state = 'FAIL', "
                "ended_at = now() at time zone 'utc', payload = %s where id = %s",
                (json.dumps(body), run_id),
            )
            closed.append(job_name)
    return closed
