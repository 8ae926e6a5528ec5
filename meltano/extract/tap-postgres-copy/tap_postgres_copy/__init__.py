"""tap-postgres, with BATCH files written by PostgreSQL COPY."""
