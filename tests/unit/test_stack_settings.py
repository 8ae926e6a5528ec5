from __future__ import annotations

import socket
import stat
from pathlib import Path

import pytest

from paracelsus_stack.errors import PortInUseError
from paracelsus_stack.ports import ensure_free
from paracelsus_stack.postgres import _others_can_traverse
from paracelsus_stack.settings import Port, StackSettings


def test_ports_default_and_name_their_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARACELSUS_S3_PORT", "61000")
    settings = StackSettings.from_env()
    assert settings.s3_port.number == 61000
    assert settings.s3_port.variable == "PARACELSUS_S3_PORT"


def test_a_malformed_port_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARACELSUS_PG_PORT", "five")
    with pytest.raises(ValueError, match="PARACELSUS_PG_PORT='five' is not a port number"):
        StackSettings.from_env()


def test_a_private_parent_is_not_traversable_by_other_users(tmp_path: Path) -> None:
    private = tmp_path / "home"
    (private / "checkout").mkdir(parents=True)
    private.chmod(0o700)
    assert not _others_can_traverse(private / "checkout")
    private.chmod(private.stat().st_mode | stat.S_IXOTH)
    tmp_path.chmod(tmp_path.stat().st_mode | stat.S_IXOTH)
    assert _others_can_traverse(private / "checkout") == _others_can_traverse(tmp_path)


def test_a_port_held_by_a_socket_that_does_not_listen_says_so() -> None:
    with socket.socket() as holder:  # bound, like an outgoing connection's local port
        holder.bind(("127.0.0.1", 0))
        number = holder.getsockname()[1]
        try:
            ensure_free(Port(number, "PARACELSUS_S3_PORT"), "s3")
        except PortInUseError as error:
            message = str(error)
        else:
            raise AssertionError("a bound port counted as free")
    assert "not a server" in message and "retry in a minute" in message
    assert "PARACELSUS_S3_PORT" in message
