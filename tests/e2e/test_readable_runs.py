"""A run you can read: a line per step on one screen, the whole output in a log file, and a
failure that says which step failed, why, and what to do."""

from __future__ import annotations

import dataclasses
import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from paracelsus_stack.progress.watched_run import run_with_progress
from paracelsus_stack.settings import REPO_ROOT, StackSettings

from .helpers import cli_environment, repeated_warnings

SCREEN_LINES = 60
MAKEFILE_SETUP_LINES = 2  # "==> creating virtualenv", "==> installing Python dependencies"
STEP_LINES = (
    "✓ tap-postgres → raw_oltp",
    "✓ tap-s3-csv → raw_s3",
    "✓ tap-hubspot → raw_hubspot",
    "✓ dbt build",
    "✓ dbt source freshness",
)


def cli(settings: StackSettings, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "paracelsus_stack", *args],
        cwd=REPO_ROOT,
        env=cli_environment(settings, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=900,
    )


def log_paths(output: str) -> list[str]:
    return [
        line.rsplit(" ", 1)[-1].rstrip(")")
        for line in output.splitlines()
        if "log" in line and "/logs/" in line
    ]


def test_make_run_fits_on_one_screen_with_a_line_per_step(
    elt_all: StackSettings, tmp_path: Path
) -> None:
    # As on a fresh clone: `make setup` installs the plugins before any stack exists.
    install = cli(elt_all, "install-plugins", PARACELSUS_STATE_DIR=str(tmp_path))
    assert install.returncode == 0, install.stdout
    run = cli(elt_all, "run", "--job", "elt-all")
    assert run.returncode == 0, run.stdout
    lines = MAKEFILE_SETUP_LINES + len(install.stdout.splitlines()) + len(run.stdout.splitlines())
    assert lines <= SCREEN_LINES, install.stdout + run.stdout
    for step in STEP_LINES:
        assert any(line.startswith(step) for line in run.stdout.splitlines()), step
    dbt = next(line for line in run.stdout.splitlines() if line.startswith("✓ dbt build"))
    assert "pass " in dbt and "warn 0" in dbt and "error 0" in dbt
    assert "\x1b[" not in run.stdout, "a pipe gets plain lines, not terminal controls"
    first, *_, last = log_paths(run.stdout)
    assert first == last, "the log path is printed at the start and at the end"
    log = Path(first).read_text()
    assert "Block run completed" in log and "Beginning sync of 'contacts'" in log
    assert "raw_hubspot.contact_company_associations" in log  # the full summary
    assert repeated_warnings(log) == []


def test_a_terminal_gets_a_live_line_per_pipeline(elt_all: StackSettings) -> None:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "paracelsus_stack", "meltano", "run", "el-s3"],
        cwd=REPO_ROOT,
        env=cli_environment(elt_all, COLUMNS="80"),
        stdin=follower,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the run ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=300) == 0
    screen = b"".join(chunks).decode(errors="replace")
    assert "\x1b[" in screen, "no live display on a terminal"
    # The running line (rows/s and elapsed), which plain lines never print.
    assert re.search(r"tap-s3-csv → raw_s3 .* rows +[\d,]+/s +\d+:\d\d", screen), screen
    assert "tap-s3-csv → raw_s3" in screen and "✓ tap-s3-csv → raw_s3" in screen


def test_verbose_streams_the_raw_meltano_output(elt_all: StackSettings) -> None:
    run = cli(elt_all, "meltano", "run", "el-s3", VERBOSE="1")
    assert run.returncode == 0, run.stdout
    assert "Running job with name 'local:tap-s3-csv-to-target-postgres--s3'" in run.stdout
    assert "Block run completed" in run.stdout


def test_a_wrong_hubspot_token_fails_naming_the_401_and_the_variable(
    elt_all: StackSettings,
) -> None:
    wrong = dataclasses.replace(elt_all, hubspot_token="not-the-portal-token")
    out = io.StringIO()
    watched = run_with_progress(wrong, ["run", "el-hubspot"], out=out)
    report = out.getvalue()
    assert watched.code != 0
    failure = report[report.index("✗ tap-hubspot → raw_hubspot failed") :]
    assert "401" in failure and "HUBSPOT_ACCESS_TOKEN" in failure, report
    assert f"full log: {watched.log_path}" in failure
    assert len(failure.splitlines()) <= 12, "the report is a few lines, not the traceback"
    assert "FatalAPIError: 401" in watched.log_path.read_text()
