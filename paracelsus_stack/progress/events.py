"""One line of `meltano --log-format=json` output, read into what the progress view needs.

Meltano writes one JSON object per line: its own events, and every line its plugins print,
tagged with the plugin (`name`), the pipeline (`job_name`) and whether the plugin is the
producer (tap) or the consumer (target) of an extract-load block. Anything that is not JSON
(a traceback printed before logging is set up) is kept as plain text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

ANSI = re.compile(r"\x1b\[[0-9;]*m")
METRIC = re.compile(r"METRIC: (\{.*\})")
# singer-sdk taps and tap-s3-csv (singer-python) announce each stream differently.
STREAM_STARTS = (
    re.compile(r"Beginning (?:\w+ )?sync of '([^']+)'"),
    re.compile(r"^INFO (\S+): Starting sync"),
)
DBT_COMMAND = re.compile(r"Extension executing `dbt ([\w-]+)")
DBT_TIMESTAMP = re.compile(r"^\d\d:\d\d:\d\d\s+")


@dataclass(frozen=True)
class LogEvent:
    text: str
    level: str = "info"
    plugin: str | None = None
    job_name: str | None = None
    role: str | None = None  # "tap" or "target" inside an extract-load block
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def plain_text(self) -> str:
        """The text without colour codes or dbt's own time stamp."""
        return DBT_TIMESTAMP.sub("", ANSI.sub("", self.text)).rstrip()

    def metric(self) -> dict[str, Any] | None:
        match = METRIC.search(self.text)
        if not match:
            return None
        try:
            point = json.loads(match.group(1))
        except json.JSONDecodeError:
            return None
        return point if isinstance(point, dict) else None

    def stream_started(self) -> str | None:
        for pattern in STREAM_STARTS:
            match = pattern.search(self.text)
            if match:
                return match.group(1)
        return None

    def dbt_command(self) -> str | None:
        match = DBT_COMMAND.search(self.text)
        return match.group(1) if match else None

    def render(self) -> str:
        """The line as Meltano's console format would show it (for the log file)."""
        stamp = self.fields.get("timestamp", "")
        name = self.plugin or "meltano"
        return f"{stamp} [{self.level:<8}] {name:<24} {ANSI.sub('', self.text)}".rstrip()


def parse(line: str) -> LogEvent:
    line = line.rstrip("\n")
    try:
        data = json.loads(line)
    except json.JSONDecodeError:
        return LogEvent(text=line)
    if not isinstance(data, dict) or "event" not in data:
        return LogEvent(text=line)
    role = None
    if data.get("cmd_type") == "elb":
        role = "tap" if data.get("producer") else "target" if data.get("consumer") else None
    return LogEvent(
        text=str(data["event"]),
        level=str(data.get("level", "info")),
        plugin=data.get("name"),
        job_name=data.get("job_name"),
        role=role,
        fields=data,
    )
