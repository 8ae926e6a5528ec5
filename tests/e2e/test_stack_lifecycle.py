"""The local stack's promises: status says what runs where, ports in use fail clearly,
`up` is idempotent, and `down` stops exactly what `up` started."""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys

import pytest

from paracelsus_stack import processes, stack
from paracelsus_stack.errors import PortInUseError
from paracelsus_stack.ports import is_listening
from paracelsus_stack.private_stack import private_settings
from paracelsus_stack.settings import REPO_ROOT, StackSettings


def run_cli(settings: StackSettings, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PARACELSUS_STATE_DIR": str(settings.state_dir), **env}
    return subprocess.run(
        [sys.executable, "-m", "paracelsus_stack", *args],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_status_lists_every_service_and_the_warehouse_url(stack_settings: StackSettings) -> None:
    result = run_cli(stack_settings, "status")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for service in ("postgres", "s3", "hubspot-mock", "hubspot-proxy"):
        line = next(line for line in lines if line.startswith(service))
        assert "running" in line
    warehouse = [line for line in lines if line.startswith("warehouse: postgresql://")]
    assert warehouse == [
        f"warehouse: postgresql://{stack_settings.postgres_user}:{stack_settings.postgres_password}"
        f"@127.0.0.1:{stack_settings.postgres_port.number}/analytics"
    ]


def test_up_twice_reuses_the_running_services(stack_settings: StackSettings) -> None:
    run_dir = stack_settings.state_dir / "run"
    before = {name: processes.read_record(run_dir, name) for name in ("s3", "hubspot-mock")}
    stack.up(stack_settings)
    after = {name: processes.read_record(run_dir, name) for name in ("s3", "hubspot-mock")}
    assert before == after


def test_a_port_in_use_names_the_port_and_the_setting(
    stack_settings: StackSettings, tmp_path_factory: pytest.TempPathFactory
) -> None:
    taken = stack_settings.s3_port.number
    other = private_settings(tmp_path_factory.mktemp("clash"))
    result = run_cli(
        other,
        "up",
        PARACELSUS_PG_PORT=str(other.postgres_port.number),
        PARACELSUS_S3_PORT=str(taken),
        PARACELSUS_HUBSPOT_MOCK_PORT=str(other.mock_port.number),
        PARACELSUS_HUBSPOT_PROXY_PORT=str(other.proxy_port.number),
    )
    try:
        assert result.returncode == 2
        assert f"port {taken} on 127.0.0.1 is already in use" in result.stderr
        assert "PARACELSUS_S3_PORT" in result.stderr
        # Ports are checked before anything starts: no half-started stack is left behind.
        assert not is_listening(other.postgres_port.number)
    finally:
        stack.down(other)


def test_down_stops_only_what_up_started(
    stack_settings: StackSettings, tmp_path_factory: pytest.TempPathFactory
) -> None:
    other = private_settings(tmp_path_factory.mktemp("second"))
    with socket.socket() as foreign:  # a listener that `up` did not start
        foreign.bind(("127.0.0.1", 0))
        foreign.listen()
        foreign_port = foreign.getsockname()[1]
        stack.up(other)
        assert all(is_listening(port.number) for port in other.ports)
        stack.down(other)
        assert not any(is_listening(port.number) for port in other.ports)
        assert is_listening(foreign_port)
    # The shared stack is untouched (Dagster, started on request, is not part of it).
    assert all(s.running for s in stack.status(stack_settings) if not s.optional)


def test_up_refuses_a_port_already_taken_by_another_stack(
    stack_settings: StackSettings, tmp_path_factory: pytest.TempPathFactory
) -> None:
    other = dataclasses.replace(
        private_settings(tmp_path_factory.mktemp("pg-clash")),
        postgres_port=stack_settings.postgres_port,
    )
    with pytest.raises(PortInUseError, match="PARACELSUS_PG_PORT"):
        stack.up(other)
    stack.down(other)
