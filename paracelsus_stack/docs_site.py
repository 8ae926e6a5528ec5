"""`make docs`: generate the dbt documentation site and serve it on 127.0.0.1 until Ctrl-C."""

from __future__ import annotations

import functools
import signal
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO

from paracelsus_stack.errors import PortInUseError, StackError
from paracelsus_stack.meltano_runner import run_meltano
from paracelsus_stack.ports import ensure_free
from paracelsus_stack.run_logs import new_log_path
from paracelsus_stack.settings import DBT_PROJECT_DIR, LOOPBACK, StackSettings

SITE_DIR = DBT_PROJECT_DIR / "target"
SITE_FILES = ("index.html", "manifest.json", "catalog.json")


def generate(settings: StackSettings, out: IO[str]) -> Path:
    """Run `dbt docs generate` through Meltano; its output goes to a log file."""
    log_path = new_log_path(settings, "docs-generate")
    print(f"==> generating the dbt docs (log: {log_path})", file=out, flush=True)
    with log_path.open("wb") as log:
        code = run_meltano(settings, ["invoke", "dbt-postgres:docs-generate"], output=log)
    missing = [name for name in SITE_FILES if not (SITE_DIR / name).exists()]
    if code != 0 or missing:
        raise StackError(f"dbt docs generate failed (exit {code}); see {log_path}")
    return SITE_DIR


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return  # one line per asset request would bury the URL


def serve(settings: StackSettings, site: Path, out: IO[str] | None = None) -> None:
    out = out or sys.stdout
    handler = functools.partial(_QuietHandler, directory=str(site))
    port = settings.docs_port
    try:
        server = ThreadingHTTPServer((LOOPBACK, port.number), handler)
    except OSError:
        raise PortInUseError(port.number, port.variable, "the dbt docs server") from None
    print(
        f"==> dbt docs at http://{LOOPBACK}:{settings.docs_port.number}/ (Ctrl-C stops)",
        file=out,
        flush=True,
    )
    # Installed explicitly: a process started in the background inherits SIGINT ignored,
    # and a service manager stops with SIGTERM; either way the server must stop.
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\n==> docs server stopped", file=out)
    finally:
        server.server_close()


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def generate_and_serve(settings: StackSettings, out: IO[str] | None = None) -> None:
    out = out or sys.stdout
    ensure_free(settings.docs_port, "the dbt docs server")  # before minutes of generating
    serve(settings, generate(settings, out), out)
