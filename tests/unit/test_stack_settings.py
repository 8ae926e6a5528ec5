from __future__ import annotations

import stat
from pathlib import Path

import pytest

from paracelsus_stack.postgres import _others_can_traverse
from paracelsus_stack.settings import StackSettings


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
