"""The embedded stack's settings: the one place that owns ports, credentials and names.

Every value can be overridden by the environment variable named beside it (see
.env.example); errors name that variable so the fix is obvious.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
MELTANO_PROJECT_DIR = REPO_ROOT / "meltano"
DBT_PROJECT_DIR = REPO_ROOT / "dbt"
TAP_TRUST_DIR = Path(__file__).resolve().parent / "tap_trust"

LOOPBACK = "127.0.0.1"
OLTP_DATABASE = "supervision"
WAREHOUSE_DATABASE = "analytics"
# Meltano's system database (run history and incremental state) lives in the warehouse, so
# a fresh clone pointed at the same warehouse continues where the last run stopped.
MELTANO_SYSTEM_SCHEMA = "meltano"
RAW_SCHEMAS = ("raw_hubspot", "raw_oltp", "raw_s3")


@dataclass(frozen=True)
class Port:
    """A TCP port together with the variable that sets it, for error messages."""

    number: int
    variable: str


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _port(variable: str, default: int) -> Port:
    raw = _env(variable, str(default))
    try:
        number = int(raw)
    except ValueError:
        raise ValueError(f"{variable}={raw!r} is not a port number: set it to 1024-65535") from None
    if not 0 <= number <= 65535:
        raise ValueError(f"{variable}={number} is out of range: set it to 1024-65535")
    return Port(number, variable)


def _count(variable: str, default: int) -> int:
    raw = _env(variable, str(default))
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"{variable}={raw!r} is not a positive whole number: set it to e.g. 20")
    return int(raw)


@dataclass(frozen=True)
class StackSettings:
    state_dir: Path
    postgres_port: Port
    s3_port: Port
    mock_port: Port
    proxy_port: Port
    postgres_user: str
    postgres_password: str
    s3_bucket: str
    s3_region: str
    aws_access_key_id: str
    aws_secret_access_key: str
    hubspot_token: str
    seed: int
    scale: float
    docs_port: Port = Port(58080, "PARACELSUS_DOCS_PORT")
    dagster_port: Port = Port(53000, "PARACELSUS_DAGSTER_PORT")
    keep_logs: int = 20
    mock_env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls) -> StackSettings:
        return cls(
            state_dir=Path(_env("PARACELSUS_STATE_DIR", str(REPO_ROOT / ".stack"))).resolve(),
            postgres_port=_port("PARACELSUS_PG_PORT", 54329),
            s3_port=_port("PARACELSUS_S3_PORT", 54566),
            mock_port=_port("PARACELSUS_HUBSPOT_MOCK_PORT", 54443),
            proxy_port=_port("PARACELSUS_HUBSPOT_PROXY_PORT", 54480),
            postgres_user=_env("PARACELSUS_PG_USER", "paracelsus"),
            postgres_password=_env("PARACELSUS_PG_PASSWORD", "paracelsus"),
            s3_bucket=_env("PARACELSUS_S3_BUCKET", "paracelsus-landing"),
            s3_region=_env("PARACELSUS_S3_REGION", "us-east-1"),
            aws_access_key_id=_env("PARACELSUS_S3_ACCESS_KEY_ID", "local-access-key"),
            aws_secret_access_key=_env("PARACELSUS_S3_SECRET_ACCESS_KEY", "local-secret-key"),
            hubspot_token=_env("PARACELSUS_HUBSPOT_TOKEN", "local-dev-token"),
            seed=int(_env("PARACELSUS_SEED", "42")),
            scale=float(_env("PARACELSUS_SCALE", "1")),
            docs_port=_port("PARACELSUS_DOCS_PORT", 58080),
            dagster_port=_port("PARACELSUS_DAGSTER_PORT", 53000),
            keep_logs=_count("PARACELSUS_KEEP_LOGS", 20),
            mock_env={k: v for k, v in os.environ.items() if k.startswith("MOCK_HUBSPOT_")},
        )

    def services_differ(self, other: StackSettings) -> bool:
        """Whether the stack's services would run differently (the docs server, Dagster and
        log retention are not services of the stack)."""
        aside = {
            "docs_port": self.docs_port,
            "dagster_port": self.dagster_port,
            "keep_logs": self.keep_logs,
        }
        return dataclasses.replace(other, **aside) != self

    @property
    def ports(self) -> tuple[Port, ...]:
        return (self.postgres_port, self.s3_port, self.mock_port, self.proxy_port)
