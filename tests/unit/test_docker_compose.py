"""The compose file is validated offline (no Docker engine here): against the Compose
Specification's published JSON schema (vendored by check-jsonschema, a dev dependency, so
`make test` installs it), plus the cross-references the schema cannot see."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from paracelsus_stack.settings import REPO_ROOT

COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def validate_against_compose_spec(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.compose-spec", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def dangling_references(compose: dict) -> list[str]:
    """depends_on services and named volumes that the file does not declare."""
    services = compose["services"]
    declared_volumes = set(compose.get("volumes") or {})
    problems = []
    for name, service in services.items():
        for dependency in service.get("depends_on") or {}:
            if dependency not in services:
                problems.append(f"{name} depends on unknown service {dependency}")
        for mount in service.get("volumes") or []:
            source = mount.split(":", 1)[0] if isinstance(mount, str) else mount.get("source")
            is_named = source and not source.startswith((".", "/", "~", "$"))
            if is_named and source not in declared_volumes:
                problems.append(f"{name} mounts undeclared volume {source}")
    return problems


def test_the_compose_file_is_valid() -> None:
    result = validate_against_compose_spec(COMPOSE_FILE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert dangling_references(yaml.safe_load(COMPOSE_FILE.read_text())) == []


def test_a_bad_key_fails_with_a_message_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(COMPOSE_FILE.read_text().replace("    healthcheck:", "    healthchek:", 1))
    result = validate_against_compose_spec(broken)
    assert result.returncode != 0
    assert "'healthchek' was unexpected" in result.stdout


def test_a_dangling_dependency_or_volume_is_named() -> None:
    compose = yaml.safe_load(COMPOSE_FILE.read_text())
    compose["services"]["meltano"]["depends_on"] = {"warehouse-dbb": {}}
    compose["services"]["meltano"]["volumes"] = ["tlss:/tls:ro"]
    assert dangling_references(compose) == [
        "meltano depends on unknown service warehouse-dbb",
        "meltano mounts undeclared volume tlss",
    ]


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


def test_dagster_services_share_the_pipeline_image_and_the_instance_config() -> None:
    services = yaml.safe_load(COMPOSE_FILE.read_text())["services"]
    dockerfile = (REPO_ROOT / "meltano" / "Dockerfile").read_text()
    home = services["meltano"]["environment"]["DAGSTER_HOME"]
    assert f"paracelsus_orchestration/dagster.yaml {home}/dagster.yaml" in dockerfile
    for name in ("dagster-webserver", "dagster-daemon"):
        service = services[name]
        assert service["build"] == services["meltano"]["build"], f"{name} uses another image"
        assert service["environment"] == services["meltano"]["environment"]
        shell = service["command"]
        assert shell[:2] == ["sh", "-c"], f"{name} prepares the instance first"
        words = shell[2].split()
        assert words[:3] == ["python", "-m", "paracelsus_orchestration.prepare"]
        workspace = words[words.index("-w") + 1]
        in_repo = workspace.removeprefix("/opt/paracelsus/")
        assert (REPO_ROOT / in_repo).exists(), f"{name} loads a missing {workspace}"
    assert "exec dagster-webserver " in services["dagster-webserver"]["command"][2]
    assert "exec dagster-daemon run " in services["dagster-daemon"]["command"][2]
