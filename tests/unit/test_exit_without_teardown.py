"""target-postgres-batch's exit without the interpreter's teardown (exit_without_teardown.py):
what a normal exit guarantees still holds. Each case runs in a process of its own, since
the function ends its process."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from paracelsus_stack.settings import REPO_ROOT

PACKAGE_DIR = REPO_ROOT / "meltano" / "load" / "target-postgres-batch"


def run(body: str) -> subprocess.CompletedProcess[str]:
    script = "\n".join(
        [
            "import atexit, sys",
            f"sys.path.insert(0, {str(PACKAGE_DIR)!r})",
            "from target_postgres_batch.exit_without_teardown import run_then_exit",
            "def command():",
            textwrap.indent(textwrap.dedent(body).strip(), "    "),
            "run_then_exit(command)",
            'print("not reached")',
        ]
    )
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )


def test_buffered_output_and_atexit_functions_are_not_lost() -> None:
    done = run(
        """
        atexit.register(lambda: print("atexit ran"))
        sys.stdout.write('{"type": "STATE"}\\n')  # buffered: stdout is a pipe
        """
    )
    assert (done.returncode, done.stdout) == (0, '{"type": "STATE"}\natexit ran\n')


def test_the_status_of_a_system_exit_is_kept() -> None:
    assert run("sys.exit(3)").returncode == 3
    assert run("sys.exit(None)").returncode == 0
    message = run('sys.exit("config is missing host")')
    assert (message.returncode, message.stderr) == (1, "config is missing host\n")


def test_an_error_is_reported_as_python_reports_it() -> None:
    failed = run('raise RuntimeError("load failed")')
    assert failed.returncode == 1
    assert "RuntimeError: load failed" in failed.stderr and "not reached" not in failed.stdout
