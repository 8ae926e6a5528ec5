"""`make docs` generates the dbt docs and serves them on 127.0.0.1 until Ctrl-C; a real
browser sees every mart and the lineage graph."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import psycopg

from paracelsus_stack.environment import warehouse_dsn
from paracelsus_stack.ports import free_port, is_listening
from paracelsus_stack.settings import REPO_ROOT, StackSettings
from paracelsus_stack.summary import MART_SCHEMA

from .browser import rendered_dom, screenshot
from .helpers import cli_environment

README_SCREENSHOT = REPO_ROOT / "docs" / "dbt-lineage.png"
LINEAGE = "#!/overview?g_v=1&g_i=%2Bfct_owner_lifecycle_scores"
POLLS = 600


def marts(settings: StackSettings) -> list[str]:
    with psycopg.connect(warehouse_dsn(settings)) as warehouse:
        rows = warehouse.execute(
            "select table_name from information_schema.tables where table_schema = %s",
            (MART_SCHEMA,),
        ).fetchall()
    return sorted(r[0] for r in rows)


def test_make_docs_serves_the_marts_and_their_lineage(
    elt_all: StackSettings, tmp_path: Path
) -> None:
    port = free_port()
    log = tmp_path / "docs.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "paracelsus_stack", "docs"],
            cwd=REPO_ROOT,
            env=cli_environment(elt_all, PARACELSUS_DOCS_PORT=str(port)),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}/"
        for _ in range(POLLS):  # generating takes a while; the printed URL says it is served
            if url in log.read_text() and is_listening(port):
                break
            try:
                code = server.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                continue
            raise AssertionError(f"make docs exited {code}:\n{log.read_text()}")
        else:
            raise AssertionError(f"the docs were never served:\n{log.read_text()}")

        dom = rendered_dom(url)
        expected = marts(elt_all)
        assert len(expected) >= 10
        missing = [mart for mart in expected if mart not in dom]
        assert missing == [], f"the docs page does not list {missing}"

        shot = screenshot(url + LINEAGE, tmp_path / "dbt-lineage.png")
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
        assert README_SCREENSHOT.exists(), "the README embeds docs/dbt-lineage.png"
        assert "docs/dbt-lineage.png" in (REPO_ROOT / "README.md").read_text()
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C
        assert server.wait(timeout=60) == 0
    assert "docs server stopped" in log.read_text()
