"""Pure parts of run ownership: a process's liveness is a fact, and so is its exit."""

import os
import subprocess
import sys

import pytest

from paracelsus_stack.meltano_runner import _death, _given_run_id
from paracelsus_stack.meltano_runs import RunOwner


def test_a_live_process_is_alive_and_a_finished_one_is_not() -> None:
    child = subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE)
    owner = RunOwner.of_process("run-1", child.pid, "run el-hubspot")
    assert owner.is_alive()
    child.communicate(b"\n")
    assert not owner.is_alive()


def test_a_recycled_pid_is_not_the_owner() -> None:
    me = RunOwner.of_process("run-2", os.getpid(), "run el-all")
    assert me.is_alive()
    older = RunOwner(me.run_id, me.pid, me.create_time - 3600, me.host, me.command)
    assert not older.is_alive()


@pytest.mark.parametrize(
    ("code", "why"),
    [
        (0, None),
        (-9, "killed by SIGKILL (signal 9)"),
        (137, "killed by SIGKILL (signal 9)"),
        (143, "killed by SIGTERM (signal 15)"),
        (1, "meltano exited with code 1 without closing the run"),
    ],
)
def test_an_exit_code_names_what_ended_the_run(code: int, why: str | None) -> None:
    assert _death(code) == why


def test_a_run_id_given_by_the_user_is_kept() -> None:
    assert _given_run_id(["run", "--run-id", "abc", "el-all"]) == "abc"
    assert _given_run_id(["run", "--run-id=abc", "el-all"]) == "abc"
    assert _given_run_id(["run", "el-all"]) is None
