"""Staged server binaries (for a checkout `nobody` cannot reach) must still find their libs."""

from __future__ import annotations

import subprocess
from pathlib import Path

from paracelsus_stack.postgres import _stage_binaries


def test_staged_binaries_run_with_their_bundled_libraries(tmp_path: Path) -> None:
    bin_dir = _stage_binaries(tmp_path / "server")
    for program in ("initdb", "postgres", "pg_ctl"):
        result = subprocess.run(
            [str(bin_dir / program), "--version"], capture_output=True, text=True, timeout=30
        )
        assert result.returncode == 0, result.stderr
        assert "PostgreSQL" in result.stdout
    assert (tmp_path / "server" / ".complete").exists()
    assert _stage_binaries(tmp_path / "server") == bin_dir  # staged once, then reused
