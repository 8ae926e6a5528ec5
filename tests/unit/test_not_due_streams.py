"""The streams tap-hubspot-budgeted leaves for a later run, as the Dagster step reads them
from Meltano's output (paracelsus_orchestration/meltano_task.py) for the `not_due` sync
mode. The lines are the tap's own formats (deferred_objects.py, references.py), as Meltano
prefixes them."""

from __future__ import annotations

from paracelsus_orchestration.meltano_task import NOT_DUE_LINE

PREFIX = "2026-12-05T07:49:01.158849Z [info     ] tap-hubspot  "


def not_due(line: str) -> str | None:
    found = NOT_DUE_LINE.search(line)
    return found.group(1) if found else None


def test_a_deferred_type_and_a_reference_list_not_due_are_named() -> None:
    deferred = "line_items: not searched (deferred_object_types: read 0 min ago, nothing new named)"
    reference = "owners: not read (read 12 min ago, nothing new named)"
    assert not_due(PREFIX + deferred) == "line_items"
    assert not_due(PREFIX + reference) == "owners"


def test_other_lines_name_nothing() -> None:
    for line in (
        "Beginning sync of 'contacts' in incremental mode",
        "contacts: the last run stopped before reading the associations (since 2026-12-01)",
        "HubSpot API budget: 12 requests, 0 answered 429, 0.0 s paced",
    ):
        assert not_due(PREFIX + line) is None
