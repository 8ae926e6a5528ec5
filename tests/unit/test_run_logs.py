"""Every run gets its own log file; only the newest PARACELSUS_KEEP_LOGS are kept."""

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

from paracelsus_stack.run_logs import logs_dir, new_log_path
from paracelsus_stack.settings import StackSettings


def test_old_logs_are_pruned_and_names_sort_by_time(tmp_path: Path) -> None:
    settings = dataclasses.replace(StackSettings.from_env(), state_dir=tmp_path, keep_logs=3)
    start = datetime(2026, 12, 1, tzinfo=UTC)
    paths = []
    for minute in range(5):
        path = new_log_path(settings, "run el-all", now=start + timedelta(minutes=minute))
        path.write_text("log")
        paths.append(path)
    assert sorted(logs_dir(settings).glob("*.log")) == paths[-3:]
    assert paths[0].name == "20261201T000000.000000Z-run-el-all.log"
