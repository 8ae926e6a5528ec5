"""Which process owns a Meltano run record, and closing the records whose process is gone.

Meltano marks each pipeline of a `meltano run` RUNNING in its system database and only
treats a record as stale after 5 minutes without a heartbeat; until then the same job
refuses to start (`--force` starts it but leaves the dead record to block the next run).
A hard kill (SIGKILL, the OOM killer) never closes the record. Silence decides nothing on a
busy machine, so liveness is read from a fact instead: every `meltano run` this project
starts gets a run id of its own (`--run-id`), and an owner file records the process that
runs it (pid, start time, host). A RUNNING record whose owner process is gone is dead and
is closed as FAIL at once; one whose process lives keeps blocking, as Meltano intends.
Records this project did not start (no owner file) are left to Meltano's own check.
"""

from __future__ import annotations

import json
import socket
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil
import psycopg

from paracelsus_stack.environment import warehouse_dsn
from paracelsus_stack.processes import is_alive
from paracelsus_stack.settings import MELTANO_SYSTEM_SCHEMA, StackSettings

CLOSED_BY = "closed by paracelsus"


@dataclass(frozen=True)
class RunOwner:
    """The process that runs one `meltano run`: enough to tell whether it still lives."""

    run_id: str
    pid: int
    create_time: float
    host: str
    command: str

    @classmethod
    def of_process(cls, run_id: str, pid: int, command: str) -> RunOwner:
        return cls(run_id, pid, psutil.Process(pid).create_time(), socket.gethostname(), command)

    def is_local(self) -> bool:
        return self.host == socket.gethostname()

    def is_alive(self) -> bool:
        return is_alive(self.pid, self.create_time)


@dataclass(frozen=True)
class ClosedRun:
    job_name: str
    reason: str


def new_run_id() -> str:
    return str(uuid.uuid4())


def owners_dir(settings: StackSettings) -> Path:
    return Path(settings.state_dir) / "meltano-runs"


def record_owner(settings: StackSettings, owner: RunOwner) -> None:
    directory = owners_dir(settings)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{owner.run_id}.json").write_text(json.dumps(asdict(owner)))


def forget_owner(settings: StackSettings, run_id: str) -> None:
    (owners_dir(settings) / f"{run_id}.json").unlink(missing_ok=True)


def read_owners(settings: StackSettings) -> dict[str, RunOwner]:
    owners = {}
    for path in sorted(owners_dir(settings).glob("*.json")):
        owner = RunOwner(**json.loads(path.read_text()))
        owners[owner.run_id] = owner
    return owners


def _running_records(connection: psycopg.Connection) -> list[tuple[int, str, str, str | None]]:
    exists = connection.execute(
        "select to_regclass(%s)", (f"{MELTANO_SYSTEM_SCHEMA}.runs",)
    ).fetchone()
    if exists is None or exists[0] is None:
        return []
    return connection.execute(
        f"select id, job_name, run_id::text, payload from {MELTANO_SYSTEM_SCHEMA}.runs "
        "where state = 'RUNNING' order by id for update"
    ).fetchall()


def _close(connection: psycopg.Connection, record_id: int, payload: str | None, why: str) -> None:
    body = json.loads(payload) if payload else {}
    body["error"] = f"{why} ({CLOSED_BY})"
    connection.execute(
        f"update {MELTANO_SYSTEM_SCHEMA}.runs set state = 'FAIL', "
        "ended_at = now() at time zone 'utc', payload = %s where id = %s",
        (json.dumps(body), record_id),
    )


def close_run(settings: StackSettings, run_id: str, why: str) -> list[ClosedRun]:
    """Close the records of one run its owner saw end without closing them."""
    closed = []
    with psycopg.connect(warehouse_dsn(settings)) as connection:
        for record_id, job_name, record_run_id, payload in _running_records(connection):
            if record_run_id == run_id:
                _close(connection, record_id, payload, why)
                closed.append(ClosedRun(job_name, why))
    return closed


def fail_dead_runs(settings: StackSettings) -> list[ClosedRun]:
    """Mark RUNNING records whose owner process is gone as FAIL; forget finished owners."""
    owners = read_owners(settings)
    closed = []
    with psycopg.connect(warehouse_dsn(settings)) as connection:
        for record_id, job_name, run_id, payload in _running_records(connection):
            owner = owners.get(run_id)
            if owner is None or not owner.is_local() or owner.is_alive():
                continue
            why = (
                f"killed: its meltano process (pid {owner.pid}) is gone without closing the "
                "run (SIGKILL, the OOM killer or a crash)"
            )
            _close(connection, record_id, payload, why)
            closed.append(ClosedRun(job_name, why))
    for owner in owners.values():
        if owner.is_local() and not owner.is_alive():
            forget_owner(settings, owner.run_id)
    return closed
