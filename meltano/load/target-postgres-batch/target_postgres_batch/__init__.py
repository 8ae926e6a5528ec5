"""target-postgres, plus Singer metadata on records that arrive in BATCH files."""
