"""python -m oltp_seed {load,counts,change}: seed the supervision database and simulate activity."""

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime

from oltp_seed.changes import next_change_time, simulate_changes
from oltp_seed.connection import DatabaseUnreachable, connect
from oltp_seed.loader import load
from oltp_seed.sizing import expected_counts


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m oltp_seed", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    def generated(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--seed", type=int, default=42)
        sub.add_argument("--scale", type=float, default=1.0)

    loading = commands.add_parser("load", help="apply schema.sql and seed empty tables")
    loading.add_argument("--dsn", required=True, help="postgresql://user@host:port/supervision")
    generated(loading)
    loading.add_argument("--reset", action="store_true", help="truncate and reload")

    generated(commands.add_parser("counts", help="print the rows a load makes, as JSON"))

    change = commands.add_parser("change", help="insert, complete and delete some rows")
    change.add_argument("--dsn", required=True)
    change.add_argument("--seed", type=int, default=42)
    change.add_argument("--inserts", type=int, default=0, help="new cases (one review each)")
    change.add_argument("--updates", type=int, default=0, help="pending reviews to complete")
    change.add_argument("--deletes", type=int, default=0, help="reviews to hard-delete")
    change.add_argument(
        "--at",
        type=datetime.fromisoformat,
        help="timestamp of the changes (default: an hour after the newest updated_at)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "counts":
        print(json.dumps(expected_counts(args.scale)))
        return 0
    try:
        with connect(args.dsn) as conn:
            if args.command == "load":
                result = load(conn, args.seed, args.scale, args.reset)
                if not result.loaded:
                    print(f"already seeded: {result.existing_rows} rows (use --reset to reload)")
                for table, rows in result.loaded.items():
                    print(f"{table}: {rows} rows")
            else:
                at = args.at or next_change_time(conn)
                summary = simulate_changes(
                    conn, args.seed, args.inserts, args.updates, args.deletes, at
                )
                print(
                    f"at {summary.at.isoformat()}: inserted {len(summary.inserted_cases)} cases, "
                    f"completed {len(summary.updated_reviews)} reviews, "
                    f"deleted {len(summary.deleted_reviews)} reviews"
                )
    except DatabaseUnreachable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
