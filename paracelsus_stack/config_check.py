"""Check the `prod` configuration before any extraction starts.

Every missing or malformed variable is reported at once, by name, with what it should
hold; nothing is contacted. Values come from the environment, then from meltano/.env
(Meltano reads that file too; the shell wins, as in Meltano).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$")

Check = Callable[[str], str | None]


def read_env_file(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    if not path.exists():
        return values
    for line in path.read_text().splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or "=" not in stripped:
            continue
        name, _, value = stripped.removeprefix("export ").partition("=")
        values[name.strip()] = value.strip().strip("'\"")
    return values


def _non_empty(value: str) -> str | None:
    return None if value.strip() else "is empty"


def _port(value: str) -> str | None:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        return f"must be a port number 1-65535, got {value!r}"
    return None


def _ssl_mode(value: str) -> str | None:
    return None if value in SSL_MODES else f"must be one of {', '.join(SSL_MODES)}"


def _token(value: str) -> str | None:
    if not value:
        return "is empty"
    if any(c.isspace() for c in value):
        return "contains whitespace (copy the token again without line breaks)"
    return None


def _iso_datetime(value: str) -> str | None:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return f"must be an ISO-8601 date-time such as 2020-01-01T00:00:00Z, got {value!r}"
    return None


def _bucket(value: str) -> str | None:
    return None if BUCKET_NAME.match(value) else f"{value!r} is not a valid S3 bucket name"


def _region(value: str) -> str | None:
    return None if REGION.match(value) else f"{value!r} is not an AWS region such as us-east-1"


def _system_database(value: str) -> str | None:
    if not value.startswith("postgresql+psycopg://"):
        return (
            "must be a postgresql+psycopg:// URL to the warehouse, or Meltano keeps its "
            "state in a local SQLite file that a fresh clone does not have"
        )
    return None


def _url(value: str) -> str | None:
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return f"must be an http(s) URL, got {value!r}"
    return None


def _database_checks(prefix: str) -> dict[str, Check]:
    return {
        f"{prefix}_HOST": _non_empty,
        f"{prefix}_PORT": _port,
        f"{prefix}_USER": _non_empty,
        f"{prefix}_PASSWORD": _non_empty,
        f"{prefix}_DATABASE": _non_empty,
        f"{prefix}_SSLMODE": _ssl_mode,
    }


REQUIRED: dict[str, Check] = {
    "MELTANO_DATABASE_URI": _system_database,
    "HUBSPOT_START_DATE": _iso_datetime,
    **_database_checks("OLTP"),
    **_database_checks("WAREHOUSE"),
    "S3_BUCKET": _bucket,
    "AWS_ACCESS_KEY_ID": _non_empty,
    "AWS_SECRET_ACCESS_KEY": _non_empty,
    "AWS_DEFAULT_REGION": _region,
}
OPTIONAL: dict[str, Check] = {"AWS_ENDPOINT_URL_S3": _url}
# Meltano reads these straight into tap-hubspot's settings; they are not in meltano.yml because
# the tap switches to OAuth whenever a refresh_token key is present, even an empty one.
OAUTH = ("TAP_HUBSPOT_CLIENT_ID", "TAP_HUBSPOT_CLIENT_SECRET", "TAP_HUBSPOT_REFRESH_TOKEN")


def _hubspot_problems(values: Mapping[str, str]) -> list[str]:
    token = values.get("HUBSPOT_ACCESS_TOKEN", "")
    oauth_given = [name for name in OAUTH if values.get(name)]
    if token:
        problem = _token(token)
        return [f"HUBSPOT_ACCESS_TOKEN {problem}"] if problem else []
    if oauth_given:
        return [
            f"{name} is missing (OAuth needs all of {', '.join(OAUTH)})"
            for name in OAUTH
            if name not in oauth_given
        ]
    return [
        "HUBSPOT_ACCESS_TOKEN is missing: set a private-app access token "
        f"(or OAuth: {', '.join(OAUTH)})"
    ]


def find_problems(values: Mapping[str, str]) -> list[str]:
    problems = _hubspot_problems(values)
    for name, check in REQUIRED.items():
        value = values.get(name)
        if value is None or value == "":
            problems.append(f"{name} is missing")
            continue
        problem = check(value)
        if problem:
            problems.append(f"{name} {problem}")
    for name, check in OPTIONAL.items():
        value = values.get(name)
        if value:
            problem = check(value)
            if problem:
                problems.append(f"{name} {problem}")
    return problems


def merged_values(environ: Mapping[str, str], env_file: Path) -> dict[str, str]:
    return {**read_env_file(env_file), **environ}
