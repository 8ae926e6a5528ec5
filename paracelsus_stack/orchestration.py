"""`make orchestrate`: the Dagster webserver and daemon against the embedded stack.

Both are tracked like the stack's services (pid files in the state folder), so `make status`
lists them and `make down` stops exactly them. The instance (paracelsus_orchestration/
dagster.yaml) keeps runs, event logs and schedules in the warehouse, schema `dagster`.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil
import requests

from paracelsus_orchestration.dbt_manifest import ensure_manifest
from paracelsus_orchestration.prepare import ensure_dagster_schema
from paracelsus_stack import processes
from paracelsus_stack.dagster_api import IN_PROGRESS, LOCATION, DagsterApi, DagsterApiError
from paracelsus_stack.environment import warehouse_dsn, with_stack_environment
from paracelsus_stack.errors import StackError
from paracelsus_stack.ports import ensure_free
from paracelsus_stack.settings import LOOPBACK, REPO_ROOT, StackSettings

CODE_LOCATION_DIR = REPO_ROOT / "paracelsus_orchestration"
INSTANCE_CONFIG = CODE_LOCATION_DIR / "dagster.yaml"
WORKSPACE = CODE_LOCATION_DIR / "workspace.yaml"
# Bounds on polls for observable conditions (each poll is one HTTP request).
READY_POLLS = 1200
POLL_PAUSE_S = 0.25
# Each poll is one second (DagsterApi.POLL_PAUSE_S): a step's Meltano gets its grace period.
STOP_POLLS = 120


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
    ensure_dagster_schema(warehouse_dsn(settings))


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
        if entry["name"] == LOCATION and entry["loadStatus"] == "LOADED":
            error = entry["locationOrLoadError"] or {}
            if error.get("__typename") == "PythonError":
                raise StackError(f"the code location failed to load: {error['message']}")
            return True
    return False


def _api(settings: StackSettings) -> DagsterApi:
    return DagsterApi(ui_url(settings))


def _poll(
    ready: Callable[[], bool], alive: dict[str, processes.ProcessRecord], waiting_for: str
) -> None:
    for _ in range(READY_POLLS):
        if ready():
            return
        for name, record in alive.items():
            if not record.is_running():
                log = processes.log_tail(record.log_file)
                raise StackError(f"{name} exited while waiting for {waiting_for}\n{log}")
        time.sleep(POLL_PAUSE_S)
    logs = ", ".join(record.log_file for record in alive.values())
    raise StackError(f"Dagster: no {waiting_for} after {READY_POLLS} polls; see {logs}")


def _cancel_orphans(settings: StackSettings) -> list[str]:
    """Runs left in progress by a Dagster that died (or was killed) with them: their worker
    is gone, and they would hold their job's queue slot and their pools forever."""
    api = _api(settings)
    orphans = [run["runId"] for run in api.runs(limit=100, statuses=IN_PROGRESS)]
    for run_id in orphans:
        api.terminate(run_id, immediately=True)
    return orphans


def _stop_runs(settings: StackSettings) -> None:
    """Terminate the runs in progress through the API, so that their steps stop Meltano
    (which closes its run record) before the processes go; bounded."""
    api = _api(settings)
    try:
        running = [run["runId"] for run in api.runs(limit=100, statuses=IN_PROGRESS)]
        for run_id in running:
            print(f"==> terminating Dagster run {run_id}", flush=True)
            api.terminate(run_id)
        for run_id in running:
            api.wait(run_id, polls=STOP_POLLS)
    except (requests.RequestException, DagsterApiError) as error:
        print(f"==> could not stop the runs in progress cleanly: {error}", flush=True)


def start(settings: StackSettings) -> None:
    """The webserver first; runs a dead Dagster left in progress are canceled before the
    daemon starts (it could otherwise dequeue a new run that would look the same); then
    the daemon."""
    run_dir = settings.state_dir / "run"
    specs = orchestration_processes(settings)
    records = {spec.name: processes.read_record(run_dir, spec.name) for spec in specs}
    running = {name for name, record in records.items() if record and record.is_running()}
    if "dagster-webserver" not in running:
        ensure_free(settings.dagster_port, "the Dagster webserver")
    _prepare_instance(settings)
    env = orchestration_environment(settings)
    ensure_manifest(env)  # once, before the processes that load it start
    alive: dict[str, processes.ProcessRecord] = {}
    for spec in specs:
        record = records[spec.name]
        if spec.name in running and record is not None:
            print(f"==> {spec.name} already running ({spec.address})", flush=True)
        else:
            record = processes.spawn(run_dir, spec.name, spec.command, spec.address, env)
        alive[spec.name] = record
        if spec.name == "dagster-webserver":
            _poll(lambda: _location_loaded(settings), alive, "code location in the UI")
            if not running:
                for run_id in _cancel_orphans(settings):
                    print(f"==> canceled run {run_id}, left in progress by a Dagster that died")
    _poll(lambda: not _api(settings).unhealthy_daemons(), alive, "healthy daemon")
    print(f"==> Dagster UI at {ui_url(settings)} (daemon running; `make down` stops both)")


def stop(settings: StackSettings) -> list[str]:
    run_dir = settings.state_dir / "run"
    webserver = processes.read_record(run_dir, "dagster-webserver")
    if webserver is not None and webserver.is_running():
        _stop_runs(settings)
    stopped = []
    for spec in reversed(orchestration_processes(settings)):
        record = processes.read_record(run_dir, spec.name)
        if record is None:
            continue
        if record.is_running():
            # Its code servers and run workers may lead process groups of their own.
            descendants = psutil.Process(record.pid).children(recursive=True)
            processes.terminate(record)
            _stop_all(descendants)
            stopped.append(f"stopped {spec.name} (pid {record.pid})")
        processes.forget(run_dir, spec.name)
    return stopped


def _stop_all(group: list[psutil.Process], grace_s: float = 10.0) -> None:
    alive = [p for p in group if p.is_running()]
    for process in alive:
        with contextlib.suppress(psutil.Error):
            process.terminate()
    _, left = psutil.wait_procs(alive, timeout=grace_s)
    for process in left:
        with contextlib.suppress(psutil.Error):
            process.kill()


def status(settings: StackSettings) -> list[tuple[str, bool, str]]:
    run_dir = settings.state_dir / "run"
    result = []
    for spec in orchestration_processes(settings):
        record = processes.read_record(run_dir, spec.name)
        result.append((spec.name, bool(record and record.is_running()), spec.address))
    return result
