"""`meltano install` as one progress line, with its whole output in a log file."""

from __future__ import annotations

import re
import sys
import time
from typing import IO

from paracelsus_stack.meltano_runner import run_meltano
from paracelsus_stack.progress.events import ANSI
from paracelsus_stack.run_logs import new_log_path
from paracelsus_stack.settings import StackSettings

PLANNED = re.compile(r"Installing (\d+) plugins")
INSTALLED = re.compile(r"Installed (\w+) '([^']+)'")
REUSED = re.compile(r"Skipped installing (\w+) '([^']+)'")
FAILED = re.compile(r"error|failed|could not|not found", re.IGNORECASE)
# Rich tracebacks draw boxes around source lines: the frames, not the error.
TRACEBACK_FRAME = re.compile(r"^[│╭╰┃]")


def install_plugins(settings: StackSettings, out: IO[str] | None = None) -> int:
    out = out or sys.stdout
    log_path = new_log_path(settings, "install-plugins")
    planned, installed, reused = 0, 0, 0
    problems: list[str] = []
    started = time.monotonic()
    live = out.isatty()

    def follow(line: str) -> None:
        nonlocal planned, installed, reused
        log.write(line)
        text = ANSI.sub("", line).strip()
        if match := PLANNED.search(text):
            planned = int(match.group(1))
        elif INSTALLED.search(text):
            installed += 1
        elif REUSED.search(text):
            reused += 1
        elif FAILED.search(text) and not TRACEBACK_FRAME.match(text):
            problems.append(text[-300:])
        if live:
            print(
                f"\r==> installing Meltano plugins: {installed + reused}/{planned}",
                end="",
                file=out,
                flush=True,
            )

    print(
        "==> installing Meltano plugins (taps, targets, dbt)",
        end="" if live else "\n",
        file=out,
        flush=True,
    )
    with log_path.open("w") as log:
        code = run_meltano(settings, ["install"], output=follow, against_stack=False)
    took = time.monotonic() - started
    if live:
        print(file=out)
    if code == 0:
        print(
            f"    {installed} installed, {reused} share a parent's virtualenv, "
            f"in {took:.0f} s (log: {log_path})",
            file=out,
        )
    else:
        print(f"✗ meltano install failed (exit {code}):", file=out)
        for problem in problems[-6:]:
            print(f"    {problem}", file=out)
        print(f"  full log: {log_path}", file=out)
    return code
