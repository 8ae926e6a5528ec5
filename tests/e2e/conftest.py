"""One private stack for every end-to-end test: free ports, a temporary state folder.

Starting the stack and running `elt-all` once per session keeps `make test` fast; tests
that change data reset what they touched instead of rebuilding the stack.
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
def elt_all(stack_settings: StackSettings) -> StackSettings:
    """The stack after one complete `meltano run elt-all`."""
    code = run_meltano(stack_settings, ["run", "elt-all"])
    assert code == 0, "meltano run elt-all failed: see the log above"
    return stack_settings


@pytest.fixture()
def warehouse(elt_all: StackSettings) -> Iterator[psycopg.Connection]:
    with psycopg.connect(warehouse_dsn(elt_all)) as connection:
        yield connection


@pytest.fixture()
def oltp(stack_settings: StackSettings) -> Iterator[psycopg.Connection]:
    with psycopg.connect(oltp_dsn(stack_settings)) as connection:
        yield connection
