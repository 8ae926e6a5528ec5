"""Each real HubSpot client gets a virtualenv of its own, installed from PyPI by the test
set-up (uv, pinned) and kept under `.stack/client-venvs/` for the next run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from paracelsus_stack.settings import REPO_ROOT

VENVS_DIR = REPO_ROOT / ".stack" / "client-venvs"
UV = Path(sys.executable).parent / "uv"


def client_venv(name: str, requirements: list[str]) -> Path:
    """The venv's bin folder, with exactly `requirements` installed (reused when unchanged)."""
    venv = VENVS_DIR / name
    stamp = venv / ".requirements"
    wanted = "\n".join(requirements)
    if stamp.exists() and stamp.read_text() == wanted:
        return venv / "bin"
    for command in (
        [str(UV), "venv", "--quiet", "--clear", "--python", sys.executable, str(venv)],
        [
            str(UV),
            "pip",
            "install",
            "--quiet",
            "--python",
            str(venv / "bin" / "python"),
            *requirements,
        ],
    ):
        result = subprocess.run(command, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stderr[-3000:]}"
    stamp.write_text(wanted)
    return venv / "bin"
