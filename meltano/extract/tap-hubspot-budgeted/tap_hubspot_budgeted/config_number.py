"""A numeric setting as Meltano hands it over: a number, a numeric string (a setting of
kind string, or one set from the environment), or unset."""

from __future__ import annotations

from typing import Any


def config_number(config: dict[str, Any], name: str, fallback: float) -> float:
    """The setting's value, or `fallback` when it is unset or empty."""
    value = config.get(name)
    return fallback if value in (None, "") else float(value)
