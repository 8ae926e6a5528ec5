"""tap-hubspot-budgeted builds RECORD messages with its own flattening and type conformance
(record_messages.py), and sends each next request while the current one's records are
processed (read_ahead.py). Against the mock, every message must equal what singer-sdk's own
path builds, waiting for each request as it does: the same messages in the same order, the
same columns in the same order, the same values, from the same requests."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from paracelsus_stack.environment import with_stack_environment
from paracelsus_stack.meltano_runner import meltano_executable
from paracelsus_stack.settings import MELTANO_PROJECT_DIR, StackSettings

from .helpers import mock_admin

# The lines each fast path logs once when it is taken (record_messages.py, read_ahead.py).
FAST_LINES = (
    "RECORD messages built by record_messages.py",
    "Requests are sent ahead by one worker thread",
)
# Deselected in both syncs: contacts then takes the SDK's removal of deselected properties,
# and every other stream, with nothing deselected, the path that skips it.
SELECT = ["*.*", "!contacts.properties.jobtitle"]
DESELECTED_COLUMN = "properties__jobtitle"


@dataclass(frozen=True)
class Sync:
    records: list[tuple[str, list]]
    requests: Counter[str]
    log: str


def first_sync(settings: StackSettings, fast: bool, scratch: Path) -> Sync:
    """Every RECORD message of a first sync, as (stream, [(column, value), ...]) (the
    extraction time and a FULL_TABLE stream's version come from the clock, not the data),
    and the requests the mock answered, per endpoint."""
    env = with_stack_environment(settings)
    flag = "true" if fast else "false"
    env["TAP_HUBSPOT_FAST_RECORD_MESSAGES"] = env["TAP_HUBSPOT_READ_AHEAD"] = flag
    env["TAP_HUBSPOT__SELECT"] = json.dumps(SELECT)
    # Its own budget folder: no shared definitions cache, nothing left for the next test.
    env["HUBSPOT_BUDGET_DIR"] = str(scratch / f"budget-{fast}")
    output = scratch / f"messages-{fast}.jsonl"
    mock_admin(settings, "DELETE", "requests")
    with output.open("wb") as out:
        done = subprocess.run(
            [meltano_executable(), "invoke", "tap-hubspot"],
            stdout=out,
            stderr=subprocess.PIPE,
            cwd=MELTANO_PROJECT_DIR,
            env=env,
            timeout=600,
        )
    log = done.stderr.decode()
    assert done.returncode == 0, log[-3000:]
    requests = Counter(mock_admin(settings, "GET", "requests")["by_endpoint"])
    found = []
    with output.open() as lines:
        for line in lines:
            message = json.loads(line)
            if message["type"] == "RECORD":
                found.append((message["stream"], list(message["record"].items())))
    return Sync(found, requests, log)


def test_the_tap_builds_the_same_records_as_singer_sdk(
    elt_all: StackSettings, tmp_path: Path
) -> None:
    fast_sync = first_sync(elt_all, True, tmp_path)
    sdk_sync = first_sync(elt_all, False, tmp_path)
    for line in FAST_LINES:
        assert line in fast_sync.log, f"the fast run did not take its path: no {line!r}"
        assert line not in sdk_sync.log, f"the SDK run took a fast path: {line!r}"
    assert fast_sync.requests == sdk_sync.requests, "reading ahead changed the requests"
    fast, sdk = fast_sync.records, sdk_sync.records
    assert len(fast) == len(sdk)
    per_stream = Counter(stream for stream, _ in fast)
    # Object, association, reference and property streams all took part.
    assert {"contacts", "contact_company_associations", "owners", "properties"} <= set(
        per_stream
    ), per_stream
    differing = [i for i, (a, b) in enumerate(zip(fast, sdk, strict=True)) if a != b]
    assert not differing, f"{len(differing)} records differ; first: {fast[differing[0]]}"
    contacts = [dict(columns) for stream, columns in fast if stream == "contacts"]
    assert sum(name.startswith("properties__") for name in contacts[0]) > 30
    assert not any(DESELECTED_COLUMN in record for record in contacts), "not deselected"
    assert all("properties__lastname" in record for record in contacts)
