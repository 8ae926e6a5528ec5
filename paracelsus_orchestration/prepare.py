"""`python -m paracelsus_orchestration.prepare`: what a Dagster deployment needs before its
webserver and daemon start: the warehouse schema that holds the instance's storage, and the
dbt manifest the code location reads. `make orchestrate` calls the same functions;
docker-compose runs this first; the image build runs it with `--manifest-only`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import psycopg

from paracelsus_orchestration.dbt_manifest import ensure_manifest
from paracelsus_orchestration.warehouse import warehouse_dsn

# The instance's storage schema; dagster.yaml's search_path names it too (a unit test
# keeps the two in step).
DAGSTER_SCHEMA = "dagster"


def ensure_dagster_schema(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f"create schema if not exists {DAGSTER_SCHEMA}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m paracelsus_orchestration.prepare")
    parser.add_argument(
        "--manifest-only", action="store_true", help="parse the dbt project only (no database)"
    )
    args = parser.parse_args(argv)
    print(f"==> dbt manifest: {ensure_manifest()}", flush=True)
    if not args.manifest_only:
        ensure_dagster_schema(warehouse_dsn())
        print(f"==> warehouse schema {DAGSTER_SCHEMA} ready", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
