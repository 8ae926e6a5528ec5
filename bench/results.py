"""What a benchmark run measured, as plain data (rendered by bench.report)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

MIB = 1024 * 1024
GIB = 1024 * MIB
MOCK_ROLE = "hubspot mock"  # bench.monitor's name for the mock's process


@dataclass(frozen=True)
class Step:
    """One timed step: a COPY baseline, a pipeline, dbt, or the whole elt-all."""

    key: str  # stable name, also the table's first column
    description: str
    rows: int
    seconds: float
    copy_key: str | None = None  # the baseline step this one is compared with
    peaks: dict[str, int] = field(default_factory=dict)  # role -> peak RSS in bytes
    ok: bool = True
    cpu: dict[str, float] = field(default_factory=dict)  # role -> CPU seconds

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class HubSpotLimits:
    api_records_per_s: tuple[float, float]
    api_requests_per_s: tuple[float, float]
    walk_pages: int
    walk_records: int
    walk_seconds: float
    # What the HubSpot pipelines asked of the mock, by the mock's own count.
    sync_requests: int = 0

    def api_seconds(self) -> tuple[float, float]:
        """How long HubSpot's rate limits would make the same requests take (fast, slow)."""
        low, high = self.api_requests_per_s
        return self.sync_requests / high, self.sync_requests / low

    @property
    def walk_pages_per_s(self) -> float:
        return self.walk_pages / self.walk_seconds if self.walk_seconds else 0.0

    @property
    def walk_records_per_s(self) -> float:
        return self.walk_records / self.walk_seconds if self.walk_seconds else 0.0


@dataclass(frozen=True)
class BenchResult:
    started_at: str
    sizes: str
    cpus: int
    steps: list[Step]
    hubspot: HubSpotLimits
    source_rows: dict[str, dict[str, int]]  # source -> table/stream -> rows at the source
    checks: dict[str, str]  # invariant -> outcome, e.g. "_sdc_* present" -> "ok"

    def step(self, key: str) -> Step:
        return next(s for s in self.steps if s.key == key)

    def ratio_to_copy(self, step: Step) -> float | None:
        if step.copy_key is None:
            return None
        baseline = self.step(step.copy_key).rows_per_s
        return step.rows_per_s / baseline if baseline else None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for raw, step in zip(data["steps"], self.steps, strict=True):
            raw["rows_per_s"] = step.rows_per_s
            raw["ratio_to_copy"] = self.ratio_to_copy(step)
        data["hubspot"]["walk_pages_per_s"] = self.hubspot.walk_pages_per_s
        data["hubspot"]["walk_records_per_s"] = self.hubspot.walk_records_per_s
        data["hubspot"]["api_seconds"] = self.hubspot.api_seconds()
        mock_cpu = self.step("hubspot").cpu.get(MOCK_ROLE, 0.0)
        data["hubspot"]["mock_requests_per_cpu_s"] = (
            self.hubspot.sync_requests / mock_cpu if mock_cpu else 0.0
        )
        return data
