"""The mock is a HubSpot sandbox any client can sync from, not only tap-hubspot: Airbyte's
HubSpot source and HubSpot's official SDK, each in a virtualenv of its own, read every CRM
stream they support from it through the same proxy + local CA route, count for count."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import requests

from paracelsus_stack.environment import stack_environment
from paracelsus_stack.reconcile.run import local_hubspot
from paracelsus_stack.settings import TAP_TRUST_DIR, StackSettings

from .helpers import mock_admin
from .hubspot_clients.venvs import client_venv

AIRBYTE = ["airbyte-source-hubspot==5.7.0", str(TAP_TRUST_DIR)]
SDK = ["hubspot-api-client==12.0.0"]
SDK_WALK = Path(__file__).parent / "hubspot_clients" / "sdk_walk.py"
# Airbyte stream -> the mock's count of the same records (GET /_mock/counts).
AIRBYTE_COUNTED = {
    "companies": "companies",
    "contacts": "contacts",
    "deals": "deals",
    "tickets": "tickets",
    "engagements_calls": "calls",
    "engagements_emails": "emails",
    "engagements_meetings": "meetings",
    "engagements_notes": "notes",
    "engagements_tasks": "tasks",
    "leads": "leads",
    "line_items": "line_items",
    "products": "products",
    "goals": "goal_targets",
    "owners": "owners",
    "deal_pipelines": "deal_pipelines",
    "ticket_pipelines": "ticket_pipelines",
}
HISTORY_STREAMS = (
    "contacts_property_history",
    "companies_property_history",
    "deals_property_history",
)
# Where each record links to another type (the fixtures link most of them).
ASSOCIATED = {"contacts": "companies", "deals": "companies", "tickets": "contacts"}


def client_environment(settings: StackSettings) -> dict[str, str]:
    """The sandbox route for any client: HTTPS via the stack's proxy, the local CA trusted
    (requests' env bundle for `Session.request`, the trust hook for `Session.send`)."""
    stack = stack_environment(settings)
    ca = stack["PARACELSUS_HUBSPOT_CA_BUNDLE"]
    return {
        **os.environ,
        **stack,
        "HTTPS_PROXY": stack["PARACELSUS_HUBSPOT_PROXY"],
        "REQUESTS_CA_BUNDLE": ca,
        "SSL_CERT_FILE": ca,
    }


class Airbyte:
    def __init__(self, settings: StackSettings, workdir: Path) -> None:
        self.bin = client_venv("airbyte-source-hubspot", AIRBYTE)
        self.env = client_environment(settings)
        self.workdir = workdir
        self.config = workdir / "config.json"
        credentials = {
            "credentials_title": "Private App Credentials",
            "access_token": self.env["HUBSPOT_ACCESS_TOKEN"],
        }
        config = {
            "credentials": credentials,
            "start_date": "2020-01-01T00:00:00Z",
            # One worker thread: CPython 3.11's AST constructor can fail spuriously when
            # threads compile at once (gh-106905, "recursion depth mismatch"), and the
            # source compiles its templates in its workers.
            "num_worker": 1,
            "num_workers": 1,
        }
        self.config.write_text(json.dumps(config))

    def messages(self, command: str, *args: str) -> list[dict[str, Any]]:
        result = subprocess.run(
            [str(self.bin / "source-hubspot"), command, "--config", str(self.config), *args],
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        messages = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        errors = [m for m in messages if m.get("type") == "TRACE" and m["trace"]["type"] == "ERROR"]
        assert result.returncode == 0 and not errors, (errors or result.stderr)[-1:]
        return messages

    def discovered(self) -> list[dict[str, Any]]:
        (message,) = [m for m in self.messages("discover") if m["type"] == "CATALOG"]
        return message["catalog"]["streams"]

    def catalog(self, streams: list[str], mode: str) -> Path:
        chosen = []
        for stream in self.discovered():
            if stream["name"] in streams:
                chosen.append(
                    {
                        "stream": stream,
                        "sync_mode": mode,
                        "destination_sync_mode": "append",
                        "cursor_field": stream.get("default_cursor_field") or [],
                    }
                )
        assert {c["stream"]["name"] for c in chosen} == set(streams)
        path = self.workdir / f"catalog-{mode}.json"
        path.write_text(json.dumps({"streams": chosen}))
        return path

    def read(self, catalog: Path, state: list[dict[str, Any]] | None = None) -> Sync:
        args = ["--catalog", str(catalog)]
        if state is not None:
            path = self.workdir / "state.json"
            path.write_text(json.dumps(state))
            args += ["--state", str(path)]
        return Sync(self.messages("read", *args))


class Sync:
    def __init__(self, messages: list[dict[str, Any]]) -> None:
        self.records: dict[str, list[dict[str, Any]]] = {}
        latest: dict[str, dict[str, Any]] = {}
        for message in messages:
            if message["type"] == "RECORD":
                record = message["record"]
                self.records.setdefault(record["stream"], []).append(record["data"])
            elif message["type"] == "STATE" and "stream" in message["state"]:
                name = message["state"]["stream"]["stream_descriptor"]["name"]
                latest[name] = message["state"]
        self.state = list(latest.values())

    def count(self, stream: str) -> int:
        return len(self.records.get(stream, []))


@pytest.fixture(scope="module")
def airbyte(stack_settings: StackSettings, tmp_path_factory: pytest.TempPathFactory) -> Airbyte:
    return Airbyte(stack_settings, tmp_path_factory.mktemp("airbyte"))


def test_airbyte_checks_discovers_and_syncs_every_crm_stream_count_for_count(
    elt_all: StackSettings, airbyte: Airbyte
) -> None:
    (status,) = [m for m in airbyte.messages("check") if m["type"] == "CONNECTION_STATUS"]
    assert status["connectionStatus"]["status"] == "SUCCEEDED"
    assert len(airbyte.discovered()) >= 32  # every stream of 5.7.0, CRM or not
    streams = [*AIRBYTE_COUNTED, "deals_archived", *HISTORY_STREAMS]
    sync = airbyte.read(airbyte.catalog(streams, "full_refresh"))
    expected = mock_admin(elt_all, "GET", "counts")
    got = {stream: sync.count(stream) for stream in AIRBYTE_COUNTED}
    assert got == {stream: expected[key] for stream, key in AIRBYTE_COUNTED.items()}
    archived = mock_admin(elt_all, "GET", "object-counts")["deals"]["archived"]
    assert sync.count("deals_archived") == archived
    for stream, linked in ASSOCIATED.items():
        with_links = [r for r in sync.records[stream] if r.get(linked)]
        assert len(with_links) >= 0.5 * sync.count(stream), f"{stream} lack {linked}"
    for stream in HISTORY_STREAMS:
        assert sync.count(stream) >= sync.count(stream.removesuffix("_property_history"))


def test_airbyte_incremental_reads_the_changes_and_their_history(
    elt_all: StackSettings, airbyte: Airbyte
) -> None:
    catalog = airbyte.catalog(["contacts", "deals", "contacts_property_history"], "incremental")
    first = airbyte.read(catalog)
    assert first.count("contacts") == mock_admin(elt_all, "GET", "counts")["contacts"]
    contacts = mock_admin(
        elt_all,
        "POST",
        "changes",
        {"object_type": "contacts", "create": 2, "update": 3, "seed": 21},
    )
    deals = mock_admin(
        elt_all, "POST", "changes", {"object_type": "deals", "update": 2, "seed": 21}
    )
    second = airbyte.read(catalog, first.state)

    changed = set(contacts["created"]) | set(contacts["updated"])
    read = {r["id"] for r in second.records.get("contacts", [])}
    assert changed <= read and len(read - changed) <= 2, "changes plus boundary records only"
    deals_read = {r["id"] for r in second.records.get("deals", [])}
    assert set(deals["updated"]) <= deals_read and len(deals_read) <= len(deals["updated"]) + 2

    # Property history: the incremental read brings the updated contact's history again,
    # now with the versions the change simulation wrote (new to the first read); the
    # newest of each is the current value, and the id never got a new version.
    updated = contacts["updated"][0]

    def versions(sync: Sync) -> dict[tuple[str, Any], Any]:
        rows = sync.records["contacts_property_history"]
        return {
            (v["property"], v["timestamp"]): v["value"] for v in rows if str(v["vid"]) == updated
        }

    before, after = versions(first), versions(second)
    simulated = {key: value for key, value in after.items() if key not in before}
    assert simulated, "the incremental read brings the simulated versions"
    assert "hs_object_id" not in {name for name, _ in simulated}, "ids do not change"
    current = next(r for r in second.records["contacts"] if r["id"] == updated)["properties"]
    for (name, _), value in simulated.items():
        now = current.get(name)
        if isinstance(now, str) and name != "lastmodifieddate":  # Airbyte reformats dates
            assert value == now, (name, value, now)


def test_the_official_sdk_pages_every_object_type_and_reads_the_other_families(
    elt_all: StackSettings,
) -> None:
    bin_dir = client_venv("hubspot-api-client", SDK)
    counts = mock_admin(elt_all, "GET", "object-counts")
    contact_ids, first = all_contacts(elt_all)
    ask = {"object_types": sorted(counts), "contact_id": first["id"], "email": first["email"]}
    result = subprocess.run(
        [str(bin_dir / "python"), str(SDK_WALK), json.dumps(ask)],
        env=client_environment(elt_all),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["objects"] == {name: c["live"] for name, c in counts.items()}
    # Inline v3 associations agree with the v4 batch reads tap-hubspot uses.
    assert report["contacts_with_companies"] == linked_by_v4(elt_all, contact_ids, "companies")
    expected = mock_admin(elt_all, "GET", "counts")
    assert report["contacts_searched"] == expected["contacts"]
    assert report["owners"] == expected["owners"]
    assert all(stages and min(stages) > 0 for stages in report["pipelines"].values())
    assert report["user_by_email"] and report["contact_by_email"]
    assert report["contact_properties"] > 10
    assert report["v4_multi_status"]["results"] + report["v4_multi_status"]["errors"] == 1


def all_contacts(settings: StackSettings) -> tuple[list[str], dict[str, str]]:
    """Every live contact id, and the first contact's id and email."""
    api, ids, first, after = local_hubspot(settings), [], {}, None
    with requests.Session() as session:
        while True:
            query = "limit=100&properties=email" + (f"&after={after}" if after else "")
            page = api.request(session, "GET", f"/crm/v3/objects/contacts?{query}")
            ids += [r["id"] for r in page["results"]]
            first = first or {
                "id": page["results"][0]["id"],
                "email": page["results"][0]["properties"]["email"],
            }
            after = page.get("paging", {}).get("next", {}).get("after")
            if not after:
                return ids, first


def linked_by_v4(settings: StackSettings, ids: list[str], to_type: str) -> int:
    with requests.Session() as session:
        body = local_hubspot(settings).request(
            session,
            "POST",
            f"/crm/v4/associations/contacts/{to_type}/batch/read",
            body={"inputs": [{"id": i} for i in ids]},
        )
    return len(body["results"])
