"""python -m localstack seed: upload the CRM exports to the S3 landing bucket."""

import argparse
import sys
from collections.abc import Sequence

from localstack.csv_generator import landing_files
from localstack.landing import BUCKET, DEFAULT_REGION
from localstack.seeder import SeedError, s3_client, seed_bucket


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m localstack", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    seed = commands.add_parser("seed", help="create the bucket and upload changed CSVs")
    seed.add_argument("--endpoint-url", help="S3 endpoint; omit for real AWS S3")
    seed.add_argument("--bucket", default=BUCKET)
    seed.add_argument("--region", default=DEFAULT_REGION)
    seed.add_argument("--seed", type=int, default=42)
    seed.add_argument("--scale", type=float, default=1.0)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    client = s3_client(args.endpoint_url, args.region)
    try:
        outcome = seed_bucket(
            client, args.bucket, landing_files(args.seed, args.scale), args.region
        )
    except SeedError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for key, action in outcome.items():
        print(f"{action}: s3://{args.bucket}/{key}")
    return 0
