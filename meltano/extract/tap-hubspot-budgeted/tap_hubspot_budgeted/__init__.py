"""tap-hubspot, budgeted: incremental associations and pacing on HubSpot's rate limits."""
