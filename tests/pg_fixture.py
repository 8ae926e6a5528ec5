"""A throwaway PostgreSQL server for tests: the embedded stack's own server code.

The stack's `postgres` module already handles root (the server runs as `nobody`) and a
checkout that user cannot reach (binaries and data staged under the temp folder).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from paracelsus_stack import postgres
from paracelsus_stack.ports import free_port
from paracelsus_stack.private_stack import private_settings

__all__ = ["free_port", "running_postgres"]


@contextmanager
def running_postgres(database: str = "supervision") -> Iterator[str]:
    """Start a server on a free port, create `database`, yield its DSN; stop and delete after."""
    state_dir = Path(tempfile.mkdtemp(prefix="pg-fixture-"))
    settings = private_settings(state_dir)
    server = postgres.layout(settings)
    postgres.initialise(settings, server)
    postgres.start(settings, server)
    try:
        with psycopg.connect(postgres.admin_dsn(settings), autocommit=True) as admin:
            admin.execute(f'create database "{database}"')
        yield postgres.admin_dsn(settings, database)
    finally:
        postgres.stop(server)
        shutil.rmtree(server.data_dir.parent, ignore_errors=True)
        shutil.rmtree(state_dir, ignore_errors=True)
