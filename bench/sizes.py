"""How big each source is for a benchmark run, and how the scales relate."""

from __future__ import annotations

from dataclasses import dataclass

# Scale 1667 of the OLTP generator is 1,000,000 case reviews.
FULL_SCALE = 1667
# The mock's contacts grow by about 98 per unit of scale: 1020 gives just over 100,000.
HUBSPOT_SCALE_AT_FULL = 1020
# The CSV generator writes 40 contacts (and 40 deals) per unit: 2500 gives 100,000 each.
CSV_SCALE_AT_FULL = 2500


@dataclass(frozen=True)
class BenchSizes:
    seed: int
    scale: float  # OLTP generator
    hubspot_scale: float  # the mock's portal (MOCK_HUBSPOT_SCALE)
    csv_scale: float  # the S3 CSV generator

    @classmethod
    def derive(
        cls,
        seed: int,
        scale: float,
        hubspot_scale: float | None = None,
        csv_scale: float | None = None,
    ) -> BenchSizes:
        """Unset scales follow `scale` in the proportions of the full-size benchmark."""
        ratio = scale / FULL_SCALE
        return cls(
            seed=seed,
            scale=scale,
            hubspot_scale=hubspot_scale or round(HUBSPOT_SCALE_AT_FULL * ratio, 3),
            csv_scale=csv_scale or round(CSV_SCALE_AT_FULL * ratio, 3),
        )

    def describe(self) -> str:
        return (
            f"seed {self.seed}, OLTP scale {self.scale:g}, HubSpot mock scale "
            f"{self.hubspot_scale:g}, CSV scale {self.csv_scale:g}"
        )
