"""The dbt manifest the asset graph is read from: parsed by this venv's dbt when it is
missing or older than the project's files, under a lock (the webserver, the daemon and
every run worker load the code location, possibly at once)."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from paracelsus_stack.settings import DBT_PROJECT_DIR

TARGET_DIR = DBT_PROJECT_DIR / "target" / "dagster"
MANIFEST = TARGET_DIR / "manifest.json"
PROJECT_FOLDERS = ("models", "macros", "tests", "snapshots", "seeds", "analyses")


def dbt_executable() -> str:
    return str(Path(sys.executable).parent / "dbt")


def _newest_source_mtime() -> float:
    files = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in PROJECT_FOLDERS:
        files.extend(p for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.is_file())
    return max(p.stat().st_mtime for p in files if p.exists())


def _is_fresh() -> bool:
    return MANIFEST.exists() and MANIFEST.stat().st_mtime >= _newest_source_mtime()


def ensure_manifest(env: Mapping[str, str] | None = None) -> Path:
    """Parse the project if the manifest is stale. dbt reads the profile while parsing,
    so the WAREHOUSE_* variables must be set, in `env` or this process's environment."""
    if _is_fresh():
        return MANIFEST
    TARGET_DIR.mkdir(parents=True, exist_ok=True)
    with (TARGET_DIR / ".parse.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _is_fresh():
            result = subprocess.run(
                [dbt_executable(), "parse", "--target-path", str(TARGET_DIR), "--quiet"],
                cwd=DBT_PROJECT_DIR,
                env={**(env or os.environ), "DBT_PROFILES_DIR": str(DBT_PROJECT_DIR)},
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise RuntimeError(
                    "dbt parse failed (are the WAREHOUSE_* variables set?):\n"
                    + (result.stdout + result.stderr)[-3000:]
                )
    return MANIFEST


@cache
def manifest() -> dict[str, Any]:
    return json.loads(ensure_manifest().read_text())


def source_tables(schema: str) -> list[str]:
    """The raw tables of `schema` that dbt declares as sources (the raw assets)."""
    return sorted(
        source["name"] for source in manifest()["sources"].values() if source["schema"] == schema
    )


def upstream_models(unique_id: str) -> set[str]:
    """A node and every model it reads from, transitively (unique ids)."""
    nodes = manifest()["nodes"]
    found: set[str] = set()
    pending = [unique_id]
    while pending:
        current = pending.pop()
        if current in found or current not in nodes:
            continue
        found.add(current)
        pending.extend(nodes[current]["depends_on"]["nodes"])
    return found
