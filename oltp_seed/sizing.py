"""How many rows each table gets for a scale: linear, except states (capped at the 50)."""

from oltp_seed.tables import TABLES

ROWS_AT_SCALE_1 = {"physicians": 20, "providers": 60, "cases": 300, "case_reviews": 600}
MIN_STATES = 10
MAX_REVIEWS_PER_CASE = 3


def expected_counts(scale: float) -> dict[str, int]:
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    counts = {table: max(1, round(n * scale)) for table, n in ROWS_AT_SCALE_1.items()}
    counts["states"] = min(50, max(MIN_STATES, round(MIN_STATES * scale)))
    # Every case has 1-3 reviews; rounding at tiny scales must not break that.
    cases = counts["cases"]
    counts["case_reviews"] = min(max(counts["case_reviews"], cases), MAX_REVIEWS_PER_CASE * cases)
    return {table: counts[table] for table in TABLES}
