"""Where the legacy CRM exports land: the one place that names the bucket and its keys."""

BUCKET = "paracelsus-landing"
DEFAULT_REGION = "us-east-1"
CONTACTS_KEY = "hubspot/contacts.csv"
DEALS_KEY = "hubspot/deals.csv"
