"""A killed run never blocks the next one, and a live one always does.

Liveness is read from the run's process (meltano_runs.py), never from how long its record
has been silent. Each scenario starts `make el-hubspot`'s command, waits until the mock
holds one of its contact requests (the stall: the run is certainly mid-load), kills it,
and starts the same job at once, without `--force`.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from paracelsus_stack.environment import warehouse_dsn
from paracelsus_stack.meltano_runs import RunOwner, read_owners
from paracelsus_stack.settings import MELTANO_SYSTEM_SCHEMA, REPO_ROOT, StackSettings

from .helpers import assert_reconciled, cli_environment, meltano, mock_admin
from .run_polling import POLL_INTERVAL_S, POLLS, end_of_process, poll_until, wait_until_held

CONTACTS_STALL = {"path_prefix": "/crm/v3/objects/contacts", "after": 0}


def start_el_hubspot(settings: StackSettings, log: Path) -> subprocess.Popen[bytes]:
    """What `make el-hubspot` runs, in a session of its own so the test can signal it."""
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "paracelsus_stack", "meltano", "run", "el-hubspot"],
            cwd=REPO_ROOT,
            env=cli_environment(settings),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_until_gone(pid: int) -> None:
    """Block until the process exits (its pidfd turns readable), within the poll bound."""
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return
    try:
        ready, _, _ = select.select([handle], [], [], POLLS * POLL_INTERVAL_S)
        assert ready, f"process {pid} did not exit"
    finally:
        os.close(handle)


def held_mid_load(settings: StackSettings, run: subprocess.Popen[bytes]) -> RunOwner:
    """Wait until the run is RUNNING and the mock holds one of its contact requests."""
    ended = end_of_process(run)
    poll_until(lambda: len(read_owners(settings)) == 1, "its owner file was written", ended)
    (owner,) = read_owners(settings).values()
    poll_until(lambda: record(settings, owner.run_id)[0] == "RUNNING", "it was RUNNING", ended)
    wait_until_held(settings, ended)
    return owner


def record(settings: StackSettings, run_id: str) -> tuple[str | None, str]:
    """The state and error of the el-hubspot record of one run."""
    with psycopg.connect(warehouse_dsn(settings)) as warehouse:
        row = warehouse.execute(
            f"select state, coalesce(payload::json ->> 'error', '') "
            f"from {MELTANO_SYSTEM_SCHEMA}.runs where run_id::text = %s",
            (run_id,),
        ).fetchone()
    return (row[0], row[1]) if row else (None, "")


def assert_resumed_without_losses(settings: StackSettings) -> None:
    assert_reconciled(settings)
    with psycopg.connect(warehouse_dsn(settings)) as warehouse:
        duplicates = warehouse.execute(
            "select count(*) - count(distinct id) from raw_hubspot.contacts"
        ).fetchone()[0]
    assert duplicates == 0


def test_a_live_run_blocks_a_second_and_after_sigkill_the_next_starts_at_once(
    elt_all: StackSettings, tmp_path: Path
) -> None:
    """SIGKILL of Meltano alone (the OOM killer's choice): the launcher sees the kill,
    stops the plugins it left and closes the record with the signal's name."""
    mock_admin(elt_all, "PUT", "stall", CONTACTS_STALL)
    first = start_el_hubspot(elt_all, tmp_path / "first.log")
    owner = held_mid_load(elt_all, first)

    second = subprocess.run(
        [sys.executable, "-m", "paracelsus_stack", "meltano", "run", "el-hubspot"],
        cwd=REPO_ROOT,
        env=cli_environment(elt_all),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert second.returncode != 0, "a second run started beside a live one"
    assert "pipeline is already running" in second.stdout + second.stderr
    assert owner.is_alive() and record(elt_all, owner.run_id)[0] == "RUNNING"

    os.kill(owner.pid, signal.SIGKILL)
    first.wait(timeout=120)
    mock_admin(elt_all, "DELETE", "stall")
    meltano(elt_all, "run", "el-hubspot")  # at once, and without --force

    state, error = record(elt_all, owner.run_id)
    assert state == "FAIL" and "killed by SIGKILL" in error, error
    assert_resumed_without_losses(elt_all)


def test_after_sigkill_of_the_launcher_and_meltano_the_next_run_starts_at_once(
    elt_all: StackSettings, tmp_path: Path
) -> None:
    """Everything killed (a container stop, kill -9 of the whole tree): nobody closed the
    record, so the next run reads that its process is gone and closes it first."""
    mock_admin(elt_all, "PUT", "stall", CONTACTS_STALL)
    run = start_el_hubspot(elt_all, tmp_path / "killed.log")
    owner = held_mid_load(elt_all, run)

    os.kill(run.pid, signal.SIGKILL)
    os.killpg(owner.pid, signal.SIGKILL)  # Meltano and its plugins: their own group
    run.wait(timeout=120)
    wait_until_gone(owner.pid)
    assert record(elt_all, owner.run_id)[0] == "RUNNING"  # nobody could close it
    mock_admin(elt_all, "DELETE", "stall")
    meltano(elt_all, "run", "el-hubspot")  # at once, and without --force

    state, error = record(elt_all, owner.run_id)
    assert state == "FAIL" and f"pid {owner.pid}) is gone" in error, error
    assert_resumed_without_losses(elt_all)


@pytest.mark.parametrize("target", ["launcher", "meltano"])
def test_after_sigterm_the_run_closes_its_record_and_the_next_starts_at_once(
    elt_all: StackSettings, tmp_path: Path, target: str
) -> None:
    """SIGTERM to `make`'s command is forwarded to Meltano; SIGTERM to Meltano itself is
    what `kill <pid>` does. Either way Meltano closes its own record."""
    mock_admin(elt_all, "PUT", "stall", CONTACTS_STALL)
    run = start_el_hubspot(elt_all, tmp_path / "terminated.log")
    owner = held_mid_load(elt_all, run)

    os.kill(run.pid if target == "launcher" else owner.pid, signal.SIGTERM)
    code = run.wait(timeout=120)
    assert code != 0, "the terminated run reported success"
    mock_admin(elt_all, "DELETE", "stall")
    meltano(elt_all, "run", "el-hubspot")  # at once, and without --force

    state, error = record(elt_all, owner.run_id)
    assert state == "FAIL" and "terminated" in error.lower(), error
    assert_resumed_without_losses(elt_all)
