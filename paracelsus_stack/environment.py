"""Environment variables that point Meltano, dbt and the seeders at the embedded stack.

The Meltano project reads every connection value from these variables (see
meltano/*.meltano.yml and .env.example); for the `prod` environment a user sets the same
names to real systems instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from mock_hubspot.settings import HUBSPOT_DAILY_LIMIT, FaultSettings
from paracelsus_stack.services import tls_dir
from paracelsus_stack.settings import (
    LOOPBACK,
    MELTANO_SYSTEM_SCHEMA,
    OLTP_DATABASE,
    WAREHOUSE_DATABASE,
    StackSettings,
)

HUBSPOT_START_DATE = "2020-01-01T00:00:00Z"


def stack_environment(settings: StackSettings) -> dict[str, str]:
    port = str(settings.postgres_port.number)
    user = settings.postgres_user
    password = settings.postgres_password
    system_db = (
        f"postgresql+psycopg://{quote(user)}:{quote(password)}@{LOOPBACK}:{port}/"
        f"{WAREHOUSE_DATABASE}?options=-csearch_path%3D{MELTANO_SYSTEM_SCHEMA}"
    )
    return {
        "MELTANO_ENVIRONMENT": "local",
        "MELTANO_DATABASE_URI": system_db,
        "OLTP_HOST": LOOPBACK,
        "OLTP_PORT": port,
        "OLTP_USER": user,
        "OLTP_PASSWORD": password,
        "OLTP_DATABASE": OLTP_DATABASE,
        "WAREHOUSE_HOST": LOOPBACK,
        "WAREHOUSE_PORT": port,
        "WAREHOUSE_USER": user,
        "WAREHOUSE_PASSWORD": password,
        "WAREHOUSE_DATABASE": WAREHOUSE_DATABASE,
        "WAREHOUSE_SSLMODE": "disable",
        "S3_BUCKET": settings.s3_bucket,
        "AWS_ENDPOINT_URL_S3": f"http://{LOOPBACK}:{settings.s3_port.number}",
        "AWS_ACCESS_KEY_ID": settings.aws_access_key_id,
        "AWS_SECRET_ACCESS_KEY": settings.aws_secret_access_key,
        "AWS_DEFAULT_REGION": settings.s3_region,
        "HUBSPOT_ACCESS_TOKEN": settings.hubspot_token,
        "HUBSPOT_START_DATE": HUBSPOT_START_DATE,
        "PARACELSUS_HUBSPOT_PROXY": f"http://{LOOPBACK}:{settings.proxy_port.number}",
        "PARACELSUS_HUBSPOT_CA_BUNDLE": str(tls_dir(settings) / "ca.pem"),
        **hubspot_budget_environment(settings),
    }


def hubspot_budget_dir(settings: StackSettings) -> Path:
    return settings.state_dir / "hubspot-budget"


def hubspot_budget_environment(settings: StackSettings) -> dict[str, str]:
    """The tap's pacing follows the limits the mock enforces (MOCK_HUBSPOT_RATE_LIMIT_*;
    none by default, so no pacing), unless HUBSPOT_RATE_LIMIT_* are set. The shared rate
    window and the property cache live in the stack's state directory."""
    mock = FaultSettings.from_env(os.environ)
    derived = {
        "HUBSPOT_RATE_LIMIT_MAX_REQUESTS": str(mock.rate_limit_max),
        "HUBSPOT_RATE_LIMIT_INTERVAL_MS": str(mock.rate_limit_interval_ms),
        "HUBSPOT_DAILY_REQUEST_CAP": str(mock.rate_limit_daily or HUBSPOT_DAILY_LIMIT),
        "HUBSPOT_PORTAL_TIME_ZONE": "UTC",
        "HUBSPOT_BUDGET_DIR": str(hubspot_budget_dir(settings)),
    }
    return {name: os.environ.get(name) or value for name, value in derived.items()}


def with_stack_environment(settings: StackSettings) -> dict[str, str]:
    env = dict(os.environ)
    env.update(stack_environment(settings))
    return env


def warehouse_dsn(settings: StackSettings) -> str:
    env = stack_environment(settings)
    return (
        f"postgresql://{quote(env['WAREHOUSE_USER'])}:{quote(env['WAREHOUSE_PASSWORD'])}"
        f"@{env['WAREHOUSE_HOST']}:{env['WAREHOUSE_PORT']}/{env['WAREHOUSE_DATABASE']}"
    )


def oltp_dsn(settings: StackSettings) -> str:
    env = stack_environment(settings)
    return (
        f"postgresql://{quote(env['OLTP_USER'])}:{quote(env['OLTP_PASSWORD'])}"
        f"@{env['OLTP_HOST']}:{env['OLTP_PORT']}/{env['OLTP_DATABASE']}"
    )
