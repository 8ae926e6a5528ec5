"""The object types tap-hubspot searches only when due (`deferred_object_types`): object
types the mock serves, none read past staging by a shipped model (a mart reading one would
be up to 6 h stale), and when one is due (the pure part; the tap runs against the mock in
tests/e2e/test_hubspot_api_budget.py)."""

from __future__ import annotations

import re
import sys

from bench.economy_report import DEFERRED_DUE_RUNS_PER_DAY
from mock_hubspot.store.object_types import OBJECT_TYPES
from paracelsus_stack.meltano_project import plugin_config
from paracelsus_stack.reconcile.fingerprint import Fingerprint, TableComparison
from paracelsus_stack.reconcile.run import render
from paracelsus_stack.settings import REPO_ROOT

# The tap is a Meltano plugin: its pure modules are imported from the source folder.
sys.path.insert(0, str(REPO_ROOT / "meltano" / "extract" / "tap-hubspot-budgeted"))

from tap_hubspot_budgeted.deferred_objects import (
    DEFERRED_CHECK_S,
    deferred_check_interval_s,
    deferred_object_types,
)

MODELS = REPO_ROOT / "dbt" / "models"


def deferred() -> frozenset[str]:
    return deferred_object_types(plugin_config("tap-hubspot"))


def test_the_deferred_types_are_object_types_of_the_portal() -> None:
    served = {object_type.name for object_type in OBJECT_TYPES}
    assert deferred(), "the project defers no object type"
    assert deferred() <= served, deferred() - served


def test_no_model_past_staging_reads_a_deferred_type() -> None:
    singular = {o.name: o.singular for o in OBJECT_TYPES}
    readers: list[str] = []
    for name in sorted(deferred()):
        # Its staging model, or its association rows picked by object type name.
        pattern = re.compile(rf"stg_hubspot__{name}\b|'{name}'|'{singular[name]}'")
        for model in MODELS.rglob("*.sql"):
            if "staging" not in model.relative_to(MODELS).parts and pattern.search(
                model.read_text()
            ):
                readers.append(f"{model.relative_to(MODELS)} reads {name}")
    assert not readers, "remove these from deferred_object_types, or the marts lag: " + str(readers)


def test_the_bench_projects_as_many_due_runs_a_day_as_the_default_interval_gives() -> None:
    # The bench's projection copies the count (it cannot read the tap's default at run time).
    assert DEFERRED_DUE_RUNS_PER_DAY == 24 * 3600 // DEFERRED_CHECK_S


def test_the_check_interval_defaults_to_six_hours_and_zero_means_every_run() -> None:
    assert deferred_check_interval_s({}) == 6 * 3600
    assert deferred_check_interval_s({"deferred_check_interval_s": "0"}) == 0
    assert deferred_object_types({}) == frozenset()


def test_reconcile_names_a_deferred_type_that_differs_and_how_to_read_it_now() -> None:
    same = Fingerprint({"1": "2026-01-01"})
    newer = Fingerprint({"1": "2026-01-02"})
    name = sorted(deferred())[0]
    text = render(
        [
            TableComparison(f"hubspot.{name}", newer, same),
            TableComparison("hubspot.contacts", same, same),
        ]
    )
    assert f"differing: hubspot.{name}" in text
    assert "TAP_HUBSPOT_DEFERRED_CHECK_INTERVAL_S=0 make el-hubspot" in text
    assert "deferred" not in render([TableComparison("hubspot.contacts", newer, same)])
