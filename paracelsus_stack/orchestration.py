"""`make orchestrate`: the Dagster webserver and daemon against the embedded stack.

Both are tracked like the stack's services (pid files in the state folder), so `make status`
lists them and `make down` stops exactly them. The instance (paracelsus_orchestration/
dagster.yaml) keeps runs, event logs and schedules in the warehouse, schema `dagster`.
"""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import requests

from paracelsus_orchestration.dbt_manifest import ensure_manifest
from paracelsus_stack import processes
from paracelsus_stack.environment import warehouse_dsn, with_stack_environment
from paracelsus_stack.errors import StackError
from paracelsus_stack.ports import ensure_free
from paracelsus_stack.settings import LOOPBACK, REPO_ROOT, StackSettings

CODE_LOCATION_DIR = REPO_ROOT / "paracelsus_orchestration"
INSTANCE_CONFIG = CODE_LOCATION_DIR / "dagster.yaml"
WORKSPACE = CODE_LOCATION_DIR / "workspace.yaml"
DAGSTER_SCHEMA = "dagster"
LOCATION_NAME = "paracelsus"
# Bounds on polls for observable conditions (each poll is one HTTP request).
READY_POLLS = 1200
POLL_PAUSE_S = 0.25


@dataclass(frozen=True)
class OrchestrationProcess:
    name: str
    command: list[str]
    address: str


def dagster_home(settings: StackSettings) -> Path:
    return settings.state_dir / "dagster"


def ui_url(settings: StackSettings) -> str:
    return f"http://{LOOPBACK}:{settings.dagster_port.number}"


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def orchestration_processes(settings: StackSettings) -> list[OrchestrationProcess]:
    port = str(settings.dagster_port.number)
    return [
        OrchestrationProcess(
            "dagster-webserver",
            [_bin("dagster-webserver"), "-h", LOOPBACK, "-p", port, "-w", str(WORKSPACE)],
            f"{ui_url(settings)} (GraphQL at /graphql)",
        ),
        OrchestrationProcess(
            "dagster-daemon",
            [_bin("dagster-daemon"), "run", "-w", str(WORKSPACE)],
            "schedules, sensors, run queue",
        ),
    ]


def orchestration_environment(settings: StackSettings) -> dict[str, str]:
    env = with_stack_environment(settings)
    env["DAGSTER_HOME"] = str(dagster_home(settings))
    env["PARACELSUS_STATE_DIR"] = str(settings.state_dir)
    return env


def _prepare_instance(settings: StackSettings) -> None:
    home = dagster_home(settings)
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(INSTANCE_CONFIG, home / "dagster.yaml")
    with psycopg.connect(warehouse_dsn(settings), autocommit=True) as connection:
        connection.execute(f"create schema if not exists {DAGSTER_SCHEMA}")


def _location_loaded(settings: StackSettings) -> bool:
    """Whether the UI answers and has loaded the code location (or failed to: then the
    error is raised, as waiting longer will not help)."""
    query = (
        "{ workspaceOrError { ... on Workspace { locationEntries { name "
        "loadStatus locationOrLoadError { __typename ... on PythonError { message } } } } } }"
    )
    try:
        answer = requests.post(f"{ui_url(settings)}/graphql", json={"query": query}, timeout=10)
    except requests.ConnectionError:
        return False
    if answer.status_code != 200:
        return False
    entries = answer.json()["data"]["workspaceOrError"].get("locationEntries", [])
    for entry in entries:
        if entry["name"] == LOCATION_NAME and entry["loadStatus"] == "LOADED":
            error = entry["locationOrLoadError"] or {}
            if error.get("__typename") == "PythonError":
                raise StackError(f"the code location failed to load: {error['message']}")
            return True
    return False


def wait_ready(settings: StackSettings, webserver: processes.ProcessRecord) -> None:
    for _ in range(READY_POLLS):
        if _location_loaded(settings):
            return
        if not webserver.is_running():
            log = processes.log_tail(webserver.log_file)
            raise StackError(f"dagster-webserver exited before answering\n{log}")
        time.sleep(POLL_PAUSE_S)
    raise StackError(
        f"the Dagster UI did not load the code location after {READY_POLLS} polls; "
        f"see {webserver.log_file}"
    )


def start(settings: StackSettings) -> None:
    run_dir = settings.state_dir / "run"
    specs = orchestration_processes(settings)
    records = {spec.name: processes.read_record(run_dir, spec.name) for spec in specs}
    running = {name for name, record in records.items() if record and record.is_running()}
    if "dagster-webserver" not in running:
        ensure_free(settings.dagster_port, "the Dagster webserver")
    _prepare_instance(settings)
    env = orchestration_environment(settings)
    ensure_manifest(env)  # once, before the processes that load it start
    for spec in specs:
        if spec.name in running:
            print(f"==> {spec.name} already running ({spec.address})", flush=True)
            continue
        records[spec.name] = processes.spawn(run_dir, spec.name, spec.command, spec.address, env)
    webserver = records["dagster-webserver"]
    assert webserver is not None
    wait_ready(settings, webserver)
    print(f"==> Dagster UI at {ui_url(settings)} (daemon running; `make down` stops both)")


def stop(settings: StackSettings) -> list[str]:
    run_dir = settings.state_dir / "run"
    stopped = []
    for spec in reversed(orchestration_processes(settings)):
        record = processes.read_record(run_dir, spec.name)
        if record is None:
            continue
        if record.is_running():
            processes.terminate(record)
            stopped.append(f"stopped {spec.name} (pid {record.pid})")
        processes.forget(run_dir, spec.name)
    return stopped


def status(settings: StackSettings) -> list[tuple[str, bool, str]]:
    run_dir = settings.state_dir / "run"
    result = []
    for spec in orchestration_processes(settings):
        record = processes.read_record(run_dir, spec.name)
        result.append((spec.name, bool(record and record.is_running()), spec.address))
    return result
