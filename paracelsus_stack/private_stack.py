"""Settings for a throwaway stack: free ports and its own state folder.

Tests and benchmarks start one so they never collide with a developer's running stack.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from paracelsus_stack.ports import free_port
from paracelsus_stack.settings import Port, StackSettings


def private_settings(state_dir: Path, seed: int = 42, scale: float = 1.0) -> StackSettings:
    defaults = StackSettings.from_env()
    return dataclasses.replace(
        defaults,
        state_dir=state_dir,
        postgres_port=Port(free_port(), defaults.postgres_port.variable),
        s3_port=Port(free_port(), defaults.s3_port.variable),
        mock_port=Port(free_port(), defaults.mock_port.variable),
        proxy_port=Port(free_port(), defaults.proxy_port.variable),
        seed=seed,
        scale=scale,
        mock_env={},
    )
