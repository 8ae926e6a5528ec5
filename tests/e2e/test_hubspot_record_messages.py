"""tap-hubspot-budgeted builds RECORD messages with its own flattening and type conformance
(record_messages.py). Against the mock, every message must equal what singer-sdk's own
path builds from the same responses: the same columns in the same order, the same values."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

from paracelsus_stack.environment import with_stack_environment
from paracelsus_stack.meltano_runner import meltano_executable
from paracelsus_stack.settings import MELTANO_PROJECT_DIR, StackSettings


def records(settings: StackSettings, fast: bool, scratch: Path) -> list[tuple[str, list]]:
    """Every RECORD message of a first sync, as (stream, [(column, value), ...]): the
    extraction time and a FULL_TABLE stream's version come from the clock, not the data."""
    env = with_stack_environment(settings)
    env["TAP_HUBSPOT_FAST_RECORD_MESSAGES"] = "true" if fast else "false"
    # Its own budget folder: no shared definitions cache, nothing left for the next test.
    env["HUBSPOT_BUDGET_DIR"] = str(scratch / f"budget-{fast}")
    output = scratch / f"messages-{fast}.jsonl"
    with output.open("wb") as out:
        done = subprocess.run(
            [meltano_executable(), "invoke", "tap-hubspot"],
            stdout=out,
            stderr=subprocess.PIPE,
            cwd=MELTANO_PROJECT_DIR,
            env=env,
            timeout=600,
        )
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    found = []
    with output.open() as lines:
        for line in lines:
            message = json.loads(line)
            if message["type"] == "RECORD":
                found.append((message["stream"], list(message["record"].items())))
    return found


def test_the_tap_builds_the_same_records_as_singer_sdk(
    elt_all: StackSettings, tmp_path: Path
) -> None:
    fast = records(elt_all, True, tmp_path)
    sdk = records(elt_all, False, tmp_path)
    assert len(fast) == len(sdk)
    per_stream = Counter(stream for stream, _ in fast)
    # Object, association, reference and property streams all took part.
    assert {"contacts", "contact_company_associations", "owners", "properties"} <= set(
        per_stream
    ), per_stream
    differing = [i for i, (a, b) in enumerate(zip(fast, sdk, strict=True)) if a != b]
    assert not differing, f"{len(differing)} records differ; first: {fast[differing[0]]}"
    wide = next(columns for stream, columns in fast if stream == "contacts")
    assert sum(name.startswith("properties__") for name, _ in wide) > 30
