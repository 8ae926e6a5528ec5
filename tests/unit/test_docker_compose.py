"""The compose file is validated offline (no Docker engine here): `docker-compose config`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from paracelsus_stack.settings import REPO_ROOT

COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"


def compose_config(path: Path) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("docker-compose")
    if executable is None:
        pytest.fail(
            "docker-compose is not installed: `apt-get install docker-compose` (.ci/run does)"
        )
    return subprocess.run(
        [executable, "-f", str(path), "--project-directory", str(REPO_ROOT), "config", "-q"],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_compose_file_is_valid() -> None:
    result = compose_config(COMPOSE_FILE)
    assert result.returncode == 0, result.stderr


def test_a_bad_key_fails_with_a_message_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(COMPOSE_FILE.read_text().replace("    healthcheck:", "    healthchek:", 1))
    result = compose_config(broken)
    assert result.returncode != 0
    assert "healthchek" in result.stderr


def test_containers_run_the_commands_the_embedded_stack_runs() -> None:
    services = yaml.safe_load(COMPOSE_FILE.read_text())["services"]
    assert services["meltano"]["command"] == ["meltano", "run", "elt-all"]
    assert services["oltp-seed"]["command"][:4] == ["python", "-m", "oltp_seed", "load"]
    assert services["mock-hubspot"]["networks"]["default"] == {"aliases": ["api.hubapi.com"]}
    mock_dockerfile = (REPO_ROOT / "mock_hubspot" / "Dockerfile").read_text()
    assert "python -m mock_hubspot serve" in mock_dockerfile
    hook = (REPO_ROOT / "localstack" / "init" / "ready.d" / "seed-bucket.sh").read_text()
    assert "python -m localstack seed" in hook
    # The mock's CA is trusted through the environment only, never by editing certifi.
    meltano_env = services["meltano"]["environment"]
    assert meltano_env["PARACELSUS_HUBSPOT_CA_BUNDLE"] == "/tls/ca.pem"
    assert "certifi" not in (REPO_ROOT / "meltano" / "Dockerfile").read_text()
