"""Connecting to the supervision database, with an error that says what to do."""

import psycopg
from psycopg.conninfo import conninfo_to_dict


class DatabaseUnreachable(RuntimeError):
    pass


def where(dsn: str) -> str:
    """host:port of a DSN, for messages (never the password)."""
    try:
        params = conninfo_to_dict(dsn)
    except psycopg.ProgrammingError:
        return "<unparsable DSN>"
    return f"{params.get('host', 'localhost')}:{params.get('port', 5432)}"


def connect(dsn: str) -> psycopg.Connection:
    try:
        return psycopg.connect(dsn, connect_timeout=10)
    except psycopg.OperationalError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise DatabaseUnreachable(
            f"cannot reach the supervision database at {where(dsn)}: {first_line}\n"
            "Start the stack that serves it (or the docker-compose `oltp` service), "
            "or pass the right --dsn."
        ) from error
