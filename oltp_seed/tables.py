"""Table names in load order (parents before children) and their column order."""

TABLES: tuple[str, ...] = ("states", "physicians", "providers", "cases", "case_reviews")

COLUMNS: dict[str, tuple[str, ...]] = {
    "states": ("state_id", "code", "name", "review_sla_days", "created_at", "updated_at"),
    "physicians": (
        "physician_id",
        "state_id",
        "first_name",
        "last_name",
        "email",
        "npi",
        "specialty",
        "status",
        "created_at",
        "updated_at",
    ),
    "providers": (
        "provider_id",
        "supervising_physician_id",
        "state_id",
        "first_name",
        "last_name",
        "email",
        "provider_type",
        "license_number",
        "status",
        "created_at",
        "updated_at",
    ),
    "cases": (
        "case_id",
        "provider_id",
        "state_id",
        "patient_ref",
        "case_type",
        "priority",
        "status",
        "opened_at",
        "closed_at",
        "created_at",
        "updated_at",
    ),
    "case_reviews": (
        "review_id",
        "case_id",
        "physician_id",
        "status",
        "requested_at",
        "due_at",
        "reviewed_at",
        "outcome",
        "created_at",
        "updated_at",
    ),
}

# The CHECK lists of schema.sql, for generators and tests.
SPECIALTIES = (
    "internal_medicine",
    "family_medicine",
    "emergency_medicine",
    "pediatrics",
    "psychiatry",
)
PERSON_STATUSES = ("active", "inactive")
PROVIDER_TYPES = ("NP", "PA")
CASE_TYPES = ("chart_review", "prescription", "procedure", "consult")
CASE_PRIORITIES = ("routine", "urgent")
CASE_STATUSES = ("open", "in_review", "closed")
REVIEW_STATUSES = ("pending", "completed")
REVIEW_OUTCOMES = ("approved", "changes_requested", "escalated")
