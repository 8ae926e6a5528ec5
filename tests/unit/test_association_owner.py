"""tap-hubspot's `associations` setting owns the list of HubSpot association streams; dbt's var
`hubspot_associations`, dbt's association source tables and the mock's association graph are
copies that YAML (or Python) forces, so they are read here and compared with the owner."""

from __future__ import annotations

import yaml

from mock_hubspot.store.associations import TYPE_IDS
from mock_hubspot.store.object_types import singular_name
from paracelsus_stack.meltano_project import hubspot_associations
from paracelsus_stack.settings import REPO_ROOT

Pair = tuple[str, str]

TAP_FILE = REPO_ROOT / "meltano" / "extract" / "tap-hubspot.meltano.yml"
DBT_PROJECT = REPO_ROOT / "dbt" / "dbt_project.yml"
DBT_SOURCES = REPO_ROOT / "dbt" / "models" / "staging" / "hubspot" / "_hubspot__sources.yml"


def pairs_of(setting: dict[str, list[str]]) -> set[Pair]:
    """The (from, to) pairs of a from-object -> [to-objects] setting."""
    return {
        (from_object, to_object)
        for from_object, targets in setting.items()
        for to_object in targets
    }


def stream_name(pair: Pair) -> str:
    return f"{pair[0]}_{pair[1]}_associations"


def owner_pairs() -> set[Pair]:
    return pairs_of(hubspot_associations())


def drift(copy: set[str], owner: set[str]) -> list[str]:
    """What a copy has that the owner lacks, and what it misses, one line per name."""
    return [f"not in the tap: {name}" for name in sorted(copy - owner)] + [
        f"missing: {name}" for name in sorted(owner - copy)
    ]


def mirrored(pairs: set[Pair]) -> list[str]:
    """Pairs that read the same edges from both sides (a -> b with b -> a, or a -> a)."""
    return [
        f"{a} -> {b} and {b} -> {a}" if a != b else f"{a} -> {a} (reads both directions)"
        for a, b in sorted(pairs)
        if (b, a) in pairs and a <= b
    ]


def arrows(pairs: set[Pair]) -> set[str]:
    return {f"{a} -> {b}" for a, b in pairs}


def test_drift_and_mirrored_pairs_are_named() -> None:
    assert drift({"a", "b"}, {"b", "c"}) == ["not in the tap: a", "missing: c"]
    assert mirrored({("deal", "contact"), ("contact", "deal"), ("company", "company")}) == [
        "company -> company (reads both directions)",
        "contact -> deal and deal -> contact",
    ]
    assert mirrored({("deal", "contact"), ("contact", "company")}) == []


def test_the_tap_reads_each_association_edge_from_one_side_only() -> None:
    assert mirrored(owner_pairs()) == [], (
        f"{TAP_FILE.name}: a mirrored pair reads its edges twice (dbt adds the inverse rows)"
    )


def test_the_dbt_var_hubspot_associations_is_the_tap_setting() -> None:
    copy = pairs_of(yaml.safe_load(DBT_PROJECT.read_text())["vars"]["hubspot_associations"])
    assert drift(arrows(copy), arrows(owner_pairs())) == [], (
        "dbt_project.yml's hubspot_associations drifted from tap-hubspot's associations"
    )


def test_dbt_declares_a_source_table_for_each_tap_association_stream_and_no_other() -> None:
    sources = yaml.safe_load(DBT_SOURCES.read_text())["sources"]
    hubspot = next(source for source in sources if source["name"] == "hubspot")
    declared = {t["name"] for t in hubspot["tables"] if t["name"].endswith("_associations")}
    assert drift(declared, {stream_name(pair) for pair in owner_pairs()}) == [], (
        f"{DBT_SOURCES.name}'s association tables drifted from tap-hubspot's associations"
    )


def test_the_mock_association_graph_owns_the_tap_pairs() -> None:
    graph = {(singular_name(a), singular_name(b)) for a, b in TYPE_IDS}
    assert drift(arrows(graph), arrows(owner_pairs())) == [], (
        "mock_hubspot.store.associations.TYPE_IDS drifted from tap-hubspot's associations"
    )
