"""What the end-to-end scenarios do to the sources and ask of the warehouse."""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import psycopg
from psycopg import sql

from paracelsus_stack.environment import warehouse_dsn
from paracelsus_stack.landing_bucket import landing_client
from paracelsus_stack.meltano_runner import run_meltano
from paracelsus_stack.mock_admin import mock_admin  # noqa: F401 (the scenarios' helper)
from paracelsus_stack.reconcile.run import reconcile_stack, render
from paracelsus_stack.settings import RAW_SCHEMAS, StackSettings
from paracelsus_stack.summary import warehouse_clock


def meltano(settings: StackSettings, *args: str, expect_success: bool = True) -> str:
    """Run meltano against the stack as `paracelsus meltano` does (an owned run); returns
    its output (also kept in the state folder)."""
    log = Path(settings.state_dir) / "meltano-last.log"
    with log.open("wb") as out:
        code = run_meltano(settings, list(args), output=out, timeout_s=900)
    output = log.read_text()
    if expect_success and code != 0:
        raise AssertionError(f"meltano {' '.join(args)} exited {code}:\n{output[-6000:]}")
    if not expect_success and code == 0:
        raise AssertionError(f"meltano {' '.join(args)} should have failed:\n{output[-3000:]}")
    return output


# "path:lineno: Category: message" (warnings.formatwarning), then the rest of the line.
WARNING_TEXT = re.compile(r"\S+:\d+: \w*Warning: .*")


def repeated_warnings(log: str) -> list[tuple[str, int]]:
    """Python warning lines a run logged more than twice. A tap logs each warning once per
    process (tap_hubspot_budgeted/warnings_once.py), and Meltano starts it twice: discovery,
    then the sync. A line is counted from the warning's own text: singer-sdk puts its clock
    before it, which would make every repeat look new, and Meltano's fields after it, whose
    plugin name tells the taps apart."""
    warned: Counter[str] = Counter()
    for line in log.splitlines():
        if "Warning: " in line:
            text = WARNING_TEXT.search(line)
            warned[text.group() if text else line.split("] ", 1)[-1]] += 1
    return [(line, count) for line, count in warned.most_common() if count > 2]


def cli_environment(settings: StackSettings, **extra: str) -> dict[str, str]:
    """The environment under which `python -m paracelsus_stack` means this stack, as a
    user's shell with the same PARACELSUS_* variables would."""
    env = {**os.environ, "PARACELSUS_STATE_DIR": str(settings.state_dir)}
    env.update({port.variable: str(port.number) for port in settings.ports})
    env.update(PARACELSUS_SEED=str(settings.seed), PARACELSUS_SCALE=str(settings.scale))
    return {**env, **extra}


def assert_reconciled(settings: StackSettings) -> None:
    comparisons = reconcile_stack(settings)
    assert all(c.matches for c in comparisons), render(comparisons)


def loaded_since(settings: StackSettings, since: datetime) -> dict[str, int]:
    """Rows per raw table written by runs after `since` (the warehouse clock)."""
    loaded: dict[str, int] = {}
    with psycopg.connect(warehouse_dsn(settings)) as connection:
        tables = connection.execute(
            "select table_schema, table_name from information_schema.columns "
            "where table_schema = any(%s) and column_name = '_sdc_batched_at'",
            (list(RAW_SCHEMAS),),
        ).fetchall()
        for schema, table in tables:
            query = sql.SQL("select count(*) from {} where _sdc_batched_at >= %s").format(
                sql.Identifier(schema, table)
            )
            loaded[f"{schema}.{table}"] = connection.execute(query, (since,)).fetchone()[0]
    return loaded


def now(settings: StackSettings) -> datetime:
    return warehouse_clock(settings)


def upload_csv(settings: StackSettings, key: str, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    upload_raw(settings, key, buffer.getvalue())


def upload_raw(settings: StackSettings, key: str, body: str) -> None:
    landing_client(settings).put_object(Bucket=settings.s3_bucket, Key=key, Body=body.encode())


def delete_object(settings: StackSettings, key: str) -> None:
    landing_client(settings).delete_object(Bucket=settings.s3_bucket, Key=key)
