"""The settings a running stack was started with, kept in its state folder.

`status`, `psql`, `env` and `meltano` read them back, so they reach the stack that `up`
started even when the shell that runs them has different (or no) PARACELSUS_* variables.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from paracelsus_stack.settings import Port, StackSettings


def _path(state_dir: Path) -> Path:
    return state_dir / "stack.json"


def save(settings: StackSettings) -> None:
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    data = dataclasses.asdict(settings)
    data["state_dir"] = str(settings.state_dir)
    _path(settings.state_dir).write_text(json.dumps(data, indent=2))


def load(state_dir: Path) -> StackSettings | None:
    path = _path(state_dir)
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    for field in dataclasses.fields(StackSettings):
        # A file from an older version lacks newer fields: their defaults apply.
        if field.type == "Port" and field.name in data:
            data[field.name] = Port(**data[field.name])
    data["state_dir"] = Path(data["state_dir"])
    return StackSettings(**data)


def current(defaults: StackSettings) -> StackSettings:
    """The running stack's settings if one was started in this state folder, else defaults."""
    return load(defaults.state_dir) or defaults
