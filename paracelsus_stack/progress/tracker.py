"""The steps of a `meltano run`, followed from its log events.

A step is one extract-load pipeline (tap → raw schema) or one dbt command. Meltano runs
them one after another and ends each with a "Block run completed" event that says whether
it succeeded; in between, the tap names the stream it reads, the target counts the rows it
loads (singer-sdk `record_count` metrics, sent as deltas), and dbt counts its nodes.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

from paracelsus_stack.meltano_project import raw_schema
from paracelsus_stack.progress.events import LogEvent

JOB_START = re.compile(r"Running job with name '([^']+)'")
DBT_NODE = re.compile(r"^(\d+) of (\d+) (ERROR STALE|PASS|OK|WARN|ERROR|FAIL|SKIP|NO-OP)\b")
DBT_DONE = re.compile(r"Done\. PASS=(\d+) WARN=(\d+) ERROR=(\d+) SKIP=(\d+)")
RELEVANT = re.compile(
    r"error|exception|fail|refused|denied|unauthori[sz]ed|\b40[13]\b|\b429\b|timed? ?out",
    re.IGNORECASE,
)
# Metrics, dbt's START lines, warnings, and the frames of rich tracebacks (boxed source).
NOISE = re.compile(r"^(METRIC: |\d+ of \d+ START |[│╭╰┃])|DeprecationWarning|warnings\.warn")
PROBLEM_LINES = 12
DBT_LABELS = {"source": "dbt source freshness"}


@dataclass
class Step:
    kind: str  # "el" or "dbt"
    label: str
    started: float
    tap: str | None = None
    loader: str | None = None
    stream: str | None = None
    rows: int = 0
    nodes_done: int = 0
    nodes_total: int = 0
    node_results: dict[str, int] = field(default_factory=dict)
    finished: float | None = None
    duration_s: float | None = None
    ok: bool | None = None
    error: str | None = None
    problems: deque[str] = field(default_factory=lambda: deque(maxlen=PROBLEM_LINES))

    def elapsed(self, now: float) -> float:
        if self.duration_s is not None:
            return self.duration_s
        return max((self.finished or now) - self.started, 0.0)

    def dbt_counts(self) -> str:
        """pass, warn and error always; the rarer outcomes when they happened (hooks' OK
        lines are not nodes)."""
        results = self.node_results
        shown = [f"{k.lower()} {results.get(k, 0)}" for k in ("PASS", "WARN", "ERROR")]
        shown += [
            f"{k.lower()} {results[k]}" for k in ("ERROR STALE", "FAIL", "SKIP") if results.get(k)
        ]
        return ", ".join(shown)


def el_step(job_name: str, now: float) -> Step:
    """`local:tap-x-to-target-y` → a step labelled `tap-x → <raw schema of target-y>`."""
    pipeline = job_name.split(":", 1)[-1]
    tap, _, loader = pipeline.partition("-to-")
    schema = raw_schema(loader) or loader
    return Step("el", f"{tap} → {schema}", now, tap=tap, loader=loader)


@dataclass
class RunTracker:
    steps: list[Step] = field(default_factory=list)
    problems: deque[str] = field(default_factory=lambda: deque(maxlen=PROBLEM_LINES))
    status: str | None = None

    @property
    def current(self) -> Step | None:
        step = self.steps[-1] if self.steps else None
        return step if step is not None and step.ok is None else None

    def failed_steps(self) -> list[Step]:
        return [s for s in self.steps if s.ok is False]

    def feed(self, event: LogEvent, now: float) -> list[tuple[str, Step]]:
        """Apply one event; returns what changed: ("started" | "finished", step)."""
        changes: list[tuple[str, Step]] = []
        text = event.plain_text
        if job := JOB_START.search(text):
            changes.append(self._start(el_step(job.group(1), now)))
        elif (command := event.dbt_command()) is not None:
            label = DBT_LABELS.get(command, f"dbt {command}")
            step = self.current
            if step is not None and step.kind == "dbt":
                step.label = label  # the extension's clean/deps come before the command
            else:
                changes.append(self._start(Step("dbt", label, now)))
        step = self.current
        if event.text == "Block run completed" and step is not None:
            step.ok = bool(event.fields.get("success"))
            step.finished = now
            duration = event.fields.get("duration_seconds")
            step.duration_s = float(duration) if isinstance(duration, int | float) else None
            error = event.fields.get("err")
            step.error = str(error).splitlines()[0][:300] if error else None
            changes.append(("finished", step))
        elif event.text == "Run completed":
            self.status = str(event.fields.get("status", ""))
        elif step is not None:
            self._follow(step, event, text)
        self._note_problem(step, event, text)
        return changes

    def _start(self, step: Step) -> tuple[str, Step]:
        self.steps.append(step)
        return ("started", step)

    def _follow(self, step: Step, event: LogEvent, text: str) -> None:
        if step.kind == "el":
            if event.role == "tap" and (stream := event.stream_started()):
                step.stream = stream
            metric = event.metric() if event.role == "target" else None
            if metric and metric.get("metric") == "record_count":
                step.rows += int(metric.get("value") or 0)
            return
        if node := DBT_NODE.match(text):
            step.nodes_done = max(step.nodes_done, int(node.group(1)))
            step.nodes_total = int(node.group(2))
            status = node.group(3)
            step.node_results[status] = step.node_results.get(status, 0) + 1
        elif done := DBT_DONE.search(text):
            passed, warned, errored, skipped = (int(g) for g in done.groups())
            step.node_results = {"PASS": passed, "WARN": warned, "ERROR": errored, "SKIP": skipped}

    def _note_problem(self, step: Step | None, event: LogEvent, text: str) -> None:
        is_error = event.level in ("error", "critical")
        if not text.strip() or NOISE.search(text) or not (is_error or RELEVANT.search(text)):
            return
        if event.text in ("Block run completed", "Run completed"):
            return
        line = text.strip()[:300]
        target = step.problems if step is not None else self.problems
        if not target or target[-1] != line:
            target.append(line)
