"""The operations plane: `make orchestrate`'s webserver and daemon on the shared stack, driven
through Dagster's GraphQL job API and seen in headless Chromium.

One Dagster instance serves the module (its storage is the warehouse's `dagster` schema, so
the stack is put back only after Dagster stops). Each scenario judges only the runs it
launched, and puts back any fault it set.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import psycopg
import pytest

from paracelsus_stack import orchestration, stack
from paracelsus_stack.dagster_api import FINISHED, DagsterApi
from paracelsus_stack.environment import warehouse_dsn
from paracelsus_stack.ports import free_port
from paracelsus_stack.settings import REPO_ROOT, Port, StackSettings

from .baseline import Baseline, restore, running_records
from .browser import rendered_dom, screenshot
from .helpers import mock_admin

pytestmark = pytest.mark.e2e

SOURCES = ("raw_oltp", "raw_s3", "raw_hubspot")
AUTOMATION_SENSOR = "scoring_rebuild"
SCORING_MART = "marts/fct_owner_lifecycle_scores"
# Automation runs one update may take: staging, then the mart (see the scoring scenario).
MAX_REBUILDS = 3
POLLS = 1200


@dataclasses.dataclass(frozen=True)
class Orchestrator:
    settings: StackSettings
    api: DagsterApi


@pytest.fixture(scope="module")
def dagster(stack_settings: StackSettings, baseline: Baseline) -> Iterator[Orchestrator]:
    port = Port(free_port(), "PARACELSUS_DAGSTER_PORT")
    settings = dataclasses.replace(stack_settings, dagster_port=port)
    orchestration.start(settings)
    try:
        yield Orchestrator(settings, DagsterApi(orchestration.ui_url(settings)))
    finally:
        orchestration.stop(settings)
        shutil.rmtree(orchestration.dagster_home(settings), ignore_errors=True)
        restore(stack_settings, baseline)


def _steps(run: dict) -> dict[str, dict]:
    return {step["stepKey"]: step for step in run["stepStats"]}


def _poll_until_started(api: DagsterApi, run_id: str) -> dict:
    for _ in range(POLLS):
        run = api.run(run_id)
        if run["status"] not in {"QUEUED", "NOT_STARTED", "STARTING"}:
            return run
        time.sleep(0.5)
    raise AssertionError(f"run {run_id} never started")


def _automation_runs(api: DagsterApi) -> list[dict]:
    return api.runs(tags=[{"key": "dagster/sensor_name", "value": AUTOMATION_SENSOR}])


def _next_automation_run(api: DagsterApi, known: set[str]) -> dict:
    """The first rebuild the automation launches that is not in `known`, once finished."""
    for _ in range(POLLS):
        new = [run for run in _automation_runs(api) if run["runId"] not in known]
        if new:
            return api.wait(new[-1]["runId"])
        time.sleep(0.5)
    raise AssertionError("the automation launched no rebuild")


def _ticks_ended_after(api: DagsterApi, moment: float) -> list[dict]:
    """The automation's evaluations that began after `moment` and have ended: a tick still
    STARTED has requested nothing yet, but may."""
    return [
        tick
        for tick in api.sensor_ticks(AUTOMATION_SENSOR)
        if tick["timestamp"] > moment and tick["status"] != "STARTED"
    ]


def _wait_until_the_automation_is_quiet(api: DagsterApi) -> None:
    """Until every run has ended and a later evaluation of the automation requested nothing:
    a rebuild an earlier scenario's loads set off (it can take two runs, staging then the
    mart) must not be taken for the next scenario's."""
    settled_at: float | None = None
    for _ in range(POLLS):
        if any(run["status"] not in FINISHED for run in api.runs()):
            settled_at = None
        elif settled_at is None:
            settled_at = time.time()  # a mark to compare tick times with, not a wait
        else:
            ticks = _ticks_ended_after(api, settled_at)
            if any(t["runIds"] for t in ticks):
                settled_at = None
            elif ticks:
                return
        time.sleep(0.5)
    raise AssertionError("the automation kept launching rebuilds")


def _table_rows(settings: StackSettings, schema: str, table: str) -> int:
    with psycopg.connect(warehouse_dsn(settings)) as connection:
        return connection.execute(f'select count(*) from {schema}."{table}"').fetchone()[0]


def test_elt_all_runs_the_sources_in_parallel_queues_a_second_launch_and_reports_per_asset(
    dagster: Orchestrator,
) -> None:
    settings, api = dagster.settings, dagster.api
    mock_admin(settings, "POST", "changes", {"object_type": "contacts", "update": 5, "seed": 3})
    requests_before = mock_admin(settings, "GET", "requests")["requests"]

    first = api.launch("elt_all")
    second = api.launch("elt_all")
    assert _poll_until_started(api, first)["status"] == "STARTED"
    assert api.run(second)["status"] == "QUEUED", "a second elt_all must wait for the first"
    first_run, second_run = api.wait(first), api.wait(second)
    assert (first_run["status"], second_run["status"]) == ("SUCCESS", "SUCCESS")
    assert second_run["startTime"] >= first_run["endTime"], "the two runs overlapped"

    steps = _steps(first_run)
    sources = [steps[name] for name in SOURCES]
    assert max(s["startTime"] for s in sources) < min(s["endTime"] for s in sources), (
        "the three sources did not run at the same time"
    )
    assert steps["dbt_models"]["startTime"] >= max(s["endTime"] for s in sources)

    runs = [api.materializations(first), api.materializations(second)]
    raw = {key: meta for key, meta in runs[0].items() if key.startswith("raw_")}
    assert {key.split("/")[0] for key in raw} == set(SOURCES)
    for key, meta in raw.items():
        assert isinstance(meta["records_loaded"], int), key
        assert meta["sync_mode"] in {"incremental", "full", "not_due"}, key
        assert meta["duration_s"] > 0, key
        assert ("hubspot_api_requests" in meta) == key.startswith("raw_hubspot/"), key
    modes = {key: runs[0][key]["sync_mode"] for key in (
        "raw_hubspot/contacts", "raw_hubspot/owners", "raw_hubspot/products",
        "raw_hubspot/contact_company_associations", "raw_oltp/case_reviews", "raw_s3/contacts_csv",
    )}  # fmt: skip
    assert modes == {
        "raw_hubspot/contacts": "incremental",
        # Read minutes ago by the stack's first run, so not due: a reference list, and a
        # deferred object type.
        "raw_hubspot/owners": "not_due",
        "raw_hubspot/products": "not_due",
        "raw_hubspot/contact_company_associations": "incremental",  # of changed objects
        "raw_oltp/case_reviews": "incremental",
        "raw_s3/contacts_csv": "incremental",
    }
    contacts = runs[0]["raw_hubspot/contacts"]
    assert contacts["meltano_job"] == "elt-all"
    assert contacts["sync_mode"] == "incremental"
    assert contacts["records_loaded"] >= 5, "the 5 changed contacts were loaded"
    assert contacts["duration_s"] > 0
    # Every request the mock served in these two runs is accounted for in their metadata.
    served = mock_admin(settings, "GET", "requests")["requests"] - requests_before
    reported = sum(run["raw_hubspot/contacts"]["hubspot_api_requests"] for run in runs)
    assert reported == served
    reviews = runs[1]["raw_oltp/case_reviews"]
    assert reviews["dagster/row_count"] == _table_rows(settings, "raw_oltp", "case_reviews")
    assert {"raw_s3/contacts_csv", SCORING_MART} <= set(runs[1])

    # The models elt_all built are not rebuilt by the automation: an evaluation after the
    # second run ended requested nothing.
    for _ in range(POLLS):
        later = _ticks_ended_after(api, second_run["endTime"])
        if later:
            break
        time.sleep(0.5)
    assert later, "the automation sensor did not evaluate"
    assert [t["runIds"] for t in later] == [[]] * len(later)


def test_two_hubspot_pipelines_of_one_portal_never_run_at_once(dagster: Orchestrator) -> None:
    """el_all and el_hubspot are different jobs, so no run-level limit holds either back;
    the hubspot_portal pool holds their HubSpot steps to one at a time (Dagster then keeps
    the run whose only step waits for the pool in its queue)."""
    api = dagster.api
    known = {run["runId"] for run in _automation_runs(api)}
    both = [api.launch("el_all"), api.launch("el_hubspot")]
    runs = [api.wait(run_id) for run_id in both]
    # The CRM update starts a scoring rebuild: let it finish, so no later scenario sees it.
    assert _next_automation_run(api, known)["status"] == "SUCCESS"
    assert [run["status"] for run in runs] == ["SUCCESS", "SUCCESS"]
    first, second = sorted(
        (_steps(run)["raw_hubspot"] for run in runs), key=lambda step: step["startTime"]
    )
    assert second["startTime"] >= first["endTime"], "two HubSpot steps overlapped"


def test_a_failing_source_does_not_stop_the_others_and_the_run_names_it(
    dagster: Orchestrator,
) -> None:
    settings, api = dagster.settings, dagster.api
    created = mock_admin(settings, "POST", "changes", {"object_type": "calls", "create": 1})
    new_call = created["created"][0]
    # Changed records whose association reads the run must also make (6 batch reads).
    for object_type in ("contacts", "deals", "tickets"):
        mock_admin(settings, "POST", "changes", {"object_type": object_type, "update": 1})
    # Enough for discovery (15 definitions, or none while they are cached) and the first
    # stream (calls sorts first), not for the run: 12 searches, the new call's 3 association
    # reads and the 6 above, 21 at least.
    mock_admin(settings, "PUT", "faults", {"rate_limit_daily": 16})
    try:
        run = api.wait(api.launch("el_all"))
    finally:
        mock_admin(settings, "DELETE", "faults")
    assert run["status"] == "FAILURE"
    statuses = {key: step["status"] for key, step in _steps(run).items()}
    assert statuses == {"raw_oltp": "SUCCESS", "raw_s3": "SUCCESS", "raw_hubspot": "FAILURE"}
    failures = api.step_failures(run["runId"])
    assert list(failures) == ["raw_hubspot"]
    assert (
        "raw_hubspot: `meltano run tap-hubspot target-postgres--hubspot` failed"
        in (failures["raw_hubspot"])
    )
    with psycopg.connect(warehouse_dsn(settings)) as connection:
        kept = connection.execute("select 1 from raw_hubspot.calls where id = %s", (new_call,))
        assert kept.fetchone(), "the call loaded before the cap was reached is kept"


def test_the_scoring_mart_rebuilds_when_the_crm_raw_assets_update(dagster: Orchestrator) -> None:
    api = dagster.api
    _wait_until_the_automation_is_quiet(api)
    known = {run["runId"] for run in _automation_runs(api)}
    loaded = api.wait(api.launch("el_hubspot"))
    assert loaded["status"] == "SUCCESS"
    assert SCORING_MART not in api.materializations(loaded["runId"]), "el_hubspot runs no dbt"
    loaded_from = _steps(loaded)["raw_hubspot"]["startTime"]
    # A sensor tick can land while the raw assets are still reporting: the staging models
    # then rebuild in one run and the mart in the next, once they have. At most a few.
    rebuilds: list[dict] = []
    selected: set[str] = set()
    while SCORING_MART not in selected and len(rebuilds) < MAX_REBUILDS:
        rebuild = _next_automation_run(api, known | {r["runId"] for r in rebuilds})
        assert rebuild["status"] == "SUCCESS"
        assert rebuild["creationTime"] >= loaded_from, "a rebuild of an earlier update"
        rebuilds.append(rebuild)
        selected |= {"/".join(key["path"]) for key in rebuild["assetSelection"]}
    assert SCORING_MART in selected
    assert "staging/stg_hubspot__contacts" in selected
    assert not any(key.startswith("raw_") for key in selected), "raw assets are not re-read"
    assert api.latest_materialization(*SCORING_MART.split("/"))["runId"] == rebuilds[-1]["runId"]


def _readme_curl_commands() -> list[str]:
    readme = (REPO_ROOT / "README.md").read_text()
    block = readme.split("API=http://127.0.0.1:53000/graphql", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.startswith("curl ")]


def test_the_readme_curl_calls_run_a_job_the_ui_then_shows(
    dagster: Orchestrator, tmp_path: Path
) -> None:
    launch, status, recent, materialization = _readme_curl_commands()
    env = {**os.environ, "API": f"{orchestration.ui_url(dagster.settings)}/graphql"}

    def curl(command: str) -> dict:
        done = subprocess.run(
            ["bash", "-c", command], env=env, capture_output=True, text=True, check=True
        )
        return json.loads(done.stdout)["data"]

    # el_s3 instead of elt_all: the same call, a shorter run.
    launched = curl(launch.replace('\\"elt_all\\"', '\\"el_s3\\"'))["launchRun"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    run_id = launched["run"]["runId"]
    assert dagster.api.wait(run_id)["status"] == "SUCCESS"
    run = curl(status.replace("RUN_ID", run_id))["runOrError"]
    assert run["status"] == "SUCCESS" and run["stepStats"][0]["stepKey"] == "raw_s3"
    assert run_id in {r["runId"] for r in curl(recent)["runsOrError"]["results"]}
    # The table this scenario loaded instead of raw_hubspot/contacts.
    csv = materialization.replace(
        '\\"raw_hubspot\\", \\"contacts\\"', '\\"raw_s3\\", \\"contacts_csv\\"'
    )
    assert csv != materialization
    latest = curl(csv)["assetOrError"]["assetMaterializations"][0]
    assert latest["runId"] == run_id
    labels = {entry["label"] for entry in latest["metadataEntries"]}
    assert {"records_loaded", "sync_mode", "duration_s", "dagster/row_count"} <= labels

    # Headless Chromium: the scoring mart's lineage (raw, staging, marts) and the run.
    base = orchestration.ui_url(dagster.settings)
    lineage = f"{base}/assets/{SCORING_MART}?view=lineage&lineageScope=upstream&lineageDepth=2"
    page = rendered_dom(lineage)
    for shown in ("raw_hubspot", "staging", "marts", "fct_owner_lifecycle_scores"):
        assert shown in page, f"the lineage page does not show {shown}"
    assert "stg_hub" in page and "contacts" in page
    run_page = rendered_dom(f"{base}/runs/{run_id}")
    assert "Success" in run_page and "el_s3" in run_page
    shot = screenshot(lineage, tmp_path / "lineage.png", 1400, 900)
    assert shot.stat().st_size > 10_000


MELTANO_PROCESS = ("/bin/meltano", "/bin/tap-", "/bin/target-")


def _stack_processes(settings: StackSettings, *marks: str) -> list[str]:
    """Processes started for this stack (their environment names its state folder) whose
    command line holds one of `marks`."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        try:
            environment = process.environ()
        except (psutil.Error, OSError):
            continue
        if environment.get("PARACELSUS_STATE_DIR") != str(settings.state_dir):
            continue
        command = " ".join(process.info["cmdline"] or [])
        if any(mark in command for mark in marks):
            found.append(command)
    return found


def test_down_stops_a_run_cleanly_and_run_history_survives_a_restart(
    dagster: Orchestrator,
) -> None:
    settings, api = dagster.settings, dagster.api
    finished = api.wait(api.launch("el_s3"))
    assert finished["status"] == "SUCCESS"
    described = stack.describe(settings)
    assert re.search(r"dagster-webserver +running +http://127\.0\.0\.1:\d+", described)
    assert re.search(r"dagster-daemon +running", described)

    interrupted = api.launch("el_hubspot")
    for _ in range(POLLS):
        steps = _steps(api.run(interrupted))
        in_progress = steps.get("raw_hubspot", {}).get("status") == "IN_PROGRESS"
        if in_progress and _stack_processes(settings, *MELTANO_PROCESS):
            break
        time.sleep(0.5)
    else:
        raise AssertionError("the el_hubspot step never started Meltano")
    orchestration.stop(settings)  # what `make down` does first
    after_stop = {s.name: s.running for s in stack.status(settings)}
    assert not after_stop["dagster-webserver"] and not after_stop["dagster-daemon"]
    assert after_stop["postgres"] and after_stop["hubspot-mock"], "only Dagster stopped"
    assert _stack_processes(settings, *MELTANO_PROCESS) == [], "Meltano outlived Dagster"
    assert _stack_processes(settings, "dagster") == [], "a Dagster process outlived `down`"
    assert running_records(settings) == [], "Meltano left its run record RUNNING"

    # A new home: what the restarted Dagster knows comes from the warehouse.
    shutil.rmtree(orchestration.dagster_home(settings))
    orchestration.start(settings)
    assert api.run(finished["runId"])["status"] == "SUCCESS"
    assert api.run(interrupted)["status"] == "CANCELED"
    with psycopg.connect(warehouse_dsn(settings)) as connection:
        stored = connection.execute(
            "select count(*) from dagster.runs where run_id = any(%s)",
            ([finished["runId"], interrupted],),
        ).fetchone()[0]
    assert stored == 2
