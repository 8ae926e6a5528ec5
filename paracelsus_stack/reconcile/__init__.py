"""Source-versus-warehouse reconciliation: row counts and a checksum per table."""
