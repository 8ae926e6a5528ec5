"""One private stack for every end-to-end test: free ports, a temporary state folder.

Starting the stack and running `elt-all` once per session keeps `make test` fast. What that
first run left is set aside (baseline.py) and put back after every scenario, so each one
starts from the same stack whatever ran before it.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from paracelsus_stack import stack
from paracelsus_stack.environment import oltp_dsn, warehouse_dsn
from paracelsus_stack.meltano_runner import run_meltano
from paracelsus_stack.private_stack import private_settings
from paracelsus_stack.seeding import seed_sources
from paracelsus_stack.settings import StackSettings

from .baseline import Baseline, assert_nothing_left_running, capture, restore


@pytest.fixture(scope="session")
def stack_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StackSettings]:
    settings = private_settings(tmp_path_factory.mktemp("stack"))
    stack.up(settings)
    try:
        seed_sources(settings)
        yield settings
    finally:
        stack.down(settings)


@pytest.fixture(scope="session")
def baseline(stack_settings: StackSettings) -> Baseline:
    """The stack after one complete `meltano run elt-all`, set aside."""
    code = run_meltano(stack_settings, ["run", "elt-all"])
    assert code == 0, "meltano run elt-all failed: see the log above"
    return capture(stack_settings)


@pytest.fixture()
def elt_all(stack_settings: StackSettings, baseline: Baseline) -> Iterator[StackSettings]:
    """The stack after one complete `meltano run elt-all`; put back after the scenario,
    which must leave no run RUNNING and no meltano process alive."""
    try:
        yield stack_settings
        assert_nothing_left_running(stack_settings)
    finally:
        restore(stack_settings, baseline)


@pytest.fixture()
def warehouse(elt_all: StackSettings) -> Iterator[psycopg.Connection]:
    with psycopg.connect(warehouse_dsn(elt_all)) as connection:
        yield connection


@pytest.fixture()
def oltp(stack_settings: StackSettings) -> Iterator[psycopg.Connection]:
    with psycopg.connect(oltp_dsn(stack_settings)) as connection:
        yield connection
