"""`make orchestrate` on a port in use stops before touching anything, naming the variable."""

from __future__ import annotations

import dataclasses
import socket
from pathlib import Path

import pytest

from paracelsus_stack import orchestration
from paracelsus_stack.errors import PortInUseError
from paracelsus_stack.private_stack import private_settings
from paracelsus_stack.settings import LOOPBACK, Port


def test_a_dagster_port_in_use_is_an_error_naming_its_variable(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind((LOOPBACK, 0))
        taken.listen()
        port = Port(taken.getsockname()[1], "PARACELSUS_DAGSTER_PORT")
        settings = dataclasses.replace(private_settings(tmp_path), dagster_port=port)
        with pytest.raises(PortInUseError) as raised:
            orchestration.start(settings)
    message = str(raised.value)
    assert f"port {port.number}" in message and "PARACELSUS_DAGSTER_PORT=<free port>" in message
    assert "Dagster webserver" in message
    assert not orchestration.dagster_home(settings).exists(), "nothing was prepared"
