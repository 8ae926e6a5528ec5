"""Run Meltano (and through it dbt) against the embedded stack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from paracelsus_stack.environment import with_stack_environment
from paracelsus_stack.settings import MELTANO_PROJECT_DIR, StackSettings


def meltano_executable() -> str:
    return str(Path(sys.executable).parent / "meltano")


def run_meltano(settings: StackSettings, args: list[str]) -> int:
    command = [meltano_executable(), *args]
    return subprocess.run(
        command, cwd=MELTANO_PROJECT_DIR, env=with_stack_environment(settings)
    ).returncode
