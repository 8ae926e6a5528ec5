"""Headless Chromium (Debian's `chromium`, installed by `make browser`) for page checks."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

# Without the background-networking flags Chromium keeps calling Google's hosts, which this
# machine's closed network refuses; --virtual-time-budget lets the page's scripts settle.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=20000",
)


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("chromium")
    assert executable, "chromium is missing: `make browser` installs Debian's package"
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [executable, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=180,
        )


def rendered_dom(url: str) -> str:
    result = _chromium("--dump-dom", url)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def screenshot(url: str, path: Path, width: int = 1200, height: int = 700) -> Path:
    result = _chromium(f"--window-size={width},{height}", f"--screenshot={path}", url)
    assert result.returncode == 0 and path.exists(), result.stderr[-2000:]
    return path
