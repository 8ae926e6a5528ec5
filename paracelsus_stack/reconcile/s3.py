"""Reconcile the S3 landing CSVs with raw_s3: every row of every file under each prefix."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import psycopg

from paracelsus_stack.reconcile.fingerprint import Fingerprint, TableComparison
from paracelsus_stack.reconcile.warehouse_side import raw_fingerprint

RAW_SCHEMA = "raw_s3"


@dataclass(frozen=True)
class CsvTable:
    """Mirrors a `tables` entry of tap-s3-csv in meltano/extract/tap-s3-csv.meltano.yml."""

    table: str
    key_prefix: str
    key: str
    modified: str | None


CSV_TABLES = (
    CsvTable("contacts_csv", "hubspot/contacts", "contact_id", "updated_at"),
    CsvTable("deals_csv", "hubspot/deals", "deal_id", None),
)


def _source_rows(client: object, bucket: str, spec: CsvTable) -> Fingerprint:
    pairs: dict[str, object] = {}
    paginator = client.get_paginator("list_objects_v2")
    objects = [
        item
        for page in paginator.paginate(Bucket=bucket, Prefix=spec.key_prefix)
        for item in page.get("Contents", [])
        if item["Key"].endswith(".csv")
    ]
    # Later files are newer batches: the tap upserts them in modification order.
    for item in sorted(objects, key=lambda o: (o["LastModified"], o["Key"])):
        body = client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
        for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig"))):
            key = (row.get(spec.key) or "").strip()
            if key:
                pairs[key] = row.get(spec.modified) if spec.modified else None
    return Fingerprint.of(pairs.items())


def compare_s3(client: object, bucket: str, warehouse: psycopg.Connection) -> list[TableComparison]:
    return [
        TableComparison(
            f"s3.{spec.table}",
            _source_rows(client, bucket, spec),
            raw_fingerprint(warehouse, RAW_SCHEMA, spec.table, spec.key, spec.modified),
        )
        for spec in CSV_TABLES
    ]
