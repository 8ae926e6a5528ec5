"""Which dbt models can build from what the bench loaded.

The bench loads only part of the HubSpot streams (a full portal at 100,000 contacts is
millions of records); models on the streams it skipped are excluded, not failed.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from paracelsus_stack.settings import DBT_PROJECT_DIR


def declared_sources(source: str, project_dir: Path = DBT_PROJECT_DIR) -> set[str]:
    tables: set[str] = set()
    for path in (project_dir / "models").rglob("*.yml"):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for declared in document.get("sources") or []:
            if declared.get("name") == source:
                tables.update(table["name"] for table in declared.get("tables") or [])
    return tables


def exclude_args(source: str, loaded: set[str]) -> list[str]:
    """`--exclude source:<source>.<table>+` for every declared table that was not loaded."""
    missing = sorted(declared_sources(source) - loaded)
    if not missing:
        return []
    return ["--exclude", *(f"source:{source}.{table}+" for table in missing)]
