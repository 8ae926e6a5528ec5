"""A small client of Dagster's GraphQL API (the job API): launch a job, read a run's status
and steps, list runs, read an asset's latest materialization. The README shows the same
calls with curl."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import requests

LOCATION = "paracelsus"
REPOSITORY = "__repository__"
FINISHED = {"SUCCESS", "FAILURE", "CANCELED"}
IN_PROGRESS = ["STARTING", "STARTED", "CANCELING"]
POLL_PAUSE_S = 1.0

LAUNCH = """
mutation Launch($params: ExecutionParams!) {
  launchRun(executionParams: $params) {
    __typename
    ... on LaunchRunSuccess { run { runId status } }
    ... on PythonError { message }
    ... on RunConfigValidationInvalid { errors { message } }
    ... on InvalidStepError { invalidStepKey }
    ... on InvalidOutputError { stepKey invalidOutputName }
  }
}
"""
RUN = """
query Run($runId: ID!) {
  runOrError(runId: $runId) {
    __typename
    ... on Run {
      runId jobName status startTime endTime creationTime
      tags { key value }
      assetSelection { path }
      stepStats { stepKey status startTime endTime }
    }
  }
}
"""
RUNS = """
query Runs($filter: RunsFilter, $limit: Int) {
  runsOrError(filter: $filter, limit: $limit) {
    ... on Runs { results { runId jobName status creationTime tags { key value } } }
  }
}
"""
# The metadata values this project records (ints, floats and texts), for both queries below.
METADATA = """
fragment Metadata on MaterializationEvent {
  metadataEntries {
    label
    ... on IntMetadataEntry { intValue }
    ... on FloatMetadataEntry { floatValue }
    ... on TextMetadataEntry { text }
  }
}
"""
MATERIALIZATION = (
    METADATA
    + """
query Materialization($path: [String!]!) {
  assetOrError(assetKey: {path: $path}) {
    ... on Asset {
      assetMaterializations(limit: 1) {
        runId
        ...Metadata
      }
    }
  }
}
"""
)
RUN_MATERIALIZATIONS = (
    METADATA
    + """
query RunMaterializations($runId: ID!, $afterCursor: String) {
  logsForRun(runId: $runId, afterCursor: $afterCursor) {
    ... on EventConnection {
      cursor
      hasMore
      events {
        __typename
        ... on MaterializationEvent {
          assetKey { path }
          ...Metadata
        }
      }
    }
  }
}
"""
)
SENSOR_TICKS = """
query Ticks($selector: SensorSelector!) {
  sensorOrError(sensorSelector: $selector) {
    ... on Sensor { sensorState { status ticks(limit: 20) { timestamp status runIds } } }
  }
}
"""
TERMINATE = """
mutation Terminate($runId: String!, $policy: TerminateRunPolicy) {
  terminateRun(runId: $runId, terminatePolicy: $policy) {
    __typename
    ... on TerminateRunFailure { message }
    ... on PythonError { message }
  }
}
"""
DAEMON_HEALTH = """
{ instance { daemonHealth { allDaemonStatuses { daemonType healthy required } } } }
"""
FAILURE_EVENTS = """
query Failures($runId: ID!, $afterCursor: String) {
  logsForRun(runId: $runId, afterCursor: $afterCursor) {
    ... on EventConnection {
      cursor
      hasMore
      events { __typename ... on ExecutionStepFailureEvent { stepKey error { message } } }
    }
  }
}
"""


# A bound on the pages of one run's log (Dagster serves 1,000 events a page by default).
MAX_EVENT_PAGES = 1000


class DagsterApiError(RuntimeError):
    pass


@dataclass(frozen=True)
class DagsterApi:
    url: str  # the webserver, e.g. http://127.0.0.1:53000

    def query(self, document: str, **variables: Any) -> dict[str, Any]:
        answer = requests.post(
            f"{self.url}/graphql", json={"query": document, "variables": variables}, timeout=60
        )
        answer.raise_for_status()
        body = answer.json()
        if body.get("errors"):
            raise DagsterApiError(str(body["errors"]))
        return body["data"]

    def launch(self, job: str, run_config: dict[str, Any] | None = None) -> str:
        params = {
            "selector": {
                "repositoryLocationName": LOCATION,
                "repositoryName": REPOSITORY,
                "jobName": job,
            },
            "runConfigData": run_config or {},
        }
        result = self.query(LAUNCH, params=params)["launchRun"]
        if result["__typename"] != "LaunchRunSuccess":
            raise DagsterApiError(f"launching {job} failed: {result}")
        return result["run"]["runId"]

    def run(self, run_id: str) -> dict[str, Any]:
        return self.query(RUN, runId=run_id)["runOrError"]

    def wait(self, run_id: str, polls: int = 1800) -> dict[str, Any]:
        """Poll until the run finished (at most `polls` times, POLL_PAUSE_S apart)."""
        for _ in range(polls):
            run = self.run(run_id)
            if run["status"] in FINISHED:
                return run
            time.sleep(POLL_PAUSE_S)
        raise DagsterApiError(f"run {run_id} did not finish within {polls} polls")

    def runs(self, limit: int = 50, **run_filter: Any) -> list[dict[str, Any]]:
        data = self.query(RUNS, filter=run_filter or None, limit=limit)
        return data["runsOrError"]["results"]

    def latest_materialization(self, *path: str) -> dict[str, Any] | None:
        asset = self.query(MATERIALIZATION, path=list(path))["assetOrError"]
        found = (asset or {}).get("assetMaterializations") or []
        if not found:
            return None
        return {"runId": found[0]["runId"], "metadata": _metadata(found[0]["metadataEntries"])}

    def _run_events(self, query: str, run_id: str) -> list[dict[str, Any]]:
        """Every event of a run, page after page: Dagster answers a bounded page of a run's
        log (a dbt build with its tests writes more than one)."""
        events: list[dict[str, Any]] = []
        cursor = None
        for _ in range(MAX_EVENT_PAGES):
            page = self.query(query, runId=run_id, afterCursor=cursor)["logsForRun"]
            events += page["events"]
            if not page["hasMore"]:
                return events
            cursor = page["cursor"]
        raise DagsterApiError(f"run {run_id} has more than {MAX_EVENT_PAGES} pages of events")

    def materializations(self, run_id: str) -> dict[str, dict[str, Any]]:
        """The metadata of every asset the run materialized, by asset key ("a/b")."""
        events = self._run_events(RUN_MATERIALIZATIONS, run_id)
        return {
            "/".join(e["assetKey"]["path"]): _metadata(e["metadataEntries"])
            for e in events
            if e["__typename"] == "MaterializationEvent"
        }

    def sensor_ticks(self, sensor: str) -> list[dict[str, Any]]:
        selector = {
            "repositoryLocationName": LOCATION,
            "repositoryName": REPOSITORY,
            "sensorName": sensor,
        }
        found = self.query(SENSOR_TICKS, selector=selector)["sensorOrError"]
        return found["sensorState"]["ticks"]

    def terminate(self, run_id: str, immediately: bool = False) -> None:
        """Stop a run: its steps get SIGTERM (Meltano then closes its run record), or, with
        `immediately`, mark a run whose worker is gone as canceled."""
        policy = "MARK_AS_CANCELED_IMMEDIATELY" if immediately else "SAFE_TERMINATE"
        result = self.query(TERMINATE, runId=run_id, policy=policy)["terminateRun"]
        if result["__typename"] not in {"TerminateRunSuccess", "TerminateRunFailure"}:
            raise DagsterApiError(f"terminating {run_id} failed: {result}")

    def unhealthy_daemons(self) -> list[str]:
        """The required daemons (run queue, scheduler, sensors) that are not healthy yet."""
        statuses = self.query(DAEMON_HEALTH)["instance"]["daemonHealth"]["allDaemonStatuses"]
        return [s["daemonType"] for s in statuses if s["required"] and not s["healthy"]]

    def step_failures(self, run_id: str) -> dict[str, str]:
        events = self._run_events(FAILURE_EVENTS, run_id)
        return {
            e["stepKey"]: e["error"]["message"]
            for e in events
            if e["__typename"] == "ExecutionStepFailureEvent"
        }


def _metadata(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["label"]: e.get("intValue", e.get("floatValue", e.get("text"))) for e in entries}
