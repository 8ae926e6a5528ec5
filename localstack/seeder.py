"""Put the CRM exports into the landing bucket of any S3 endpoint (LocalStack, moto, AWS).

An object whose content is already there (same MD5 as its ETag) is left alone, so re-seeding
does not bump LastModified and tap-s3-csv does not re-read it.
"""

import hashlib
from collections.abc import Mapping
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import (
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    PartialCredentialsError,
)

from localstack.landing import DEFAULT_REGION

CREDENTIAL_ERRORS = {
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "AccessDenied",
    "InvalidToken",
    "ExpiredToken",
    "403",
}


class SeedError(RuntimeError):
    pass


def s3_client(endpoint_url: str | None = None, region: str = DEFAULT_REGION) -> Any:
    """Credentials come from the standard AWS chain (AWS_ACCESS_KEY_ID etc.)."""
    config = Config(
        s3={"addressing_style": "path"},
        connect_timeout=5,
        read_timeout=30,
        retries={"max_attempts": 2, "mode": "standard"},
    )
    return boto3.client("s3", endpoint_url=endpoint_url, region_name=region, config=config)


def ensure_bucket(client: Any, bucket: str, region: str) -> bool:
    """Create the bucket if missing; True when it was created."""
    try:
        client.head_bucket(Bucket=bucket)
        return False
    except ClientError as error:
        if _code(error) not in {"404", "NoSuchBucket", "NotFound"}:
            raise
    if region == "us-east-1":
        client.create_bucket(Bucket=bucket)
    else:
        client.create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region}
        )
    return True


def upload_if_changed(client: Any, bucket: str, key: str, body: bytes) -> bool:
    """Upload unless the stored object has the same content; True when uploaded."""
    digest = hashlib.md5(body, usedforsecurity=False).hexdigest()
    try:
        etag = client.head_object(Bucket=bucket, Key=key)["ETag"].strip('"')
    except ClientError as error:
        if _code(error) not in {"404", "NoSuchKey", "NotFound"}:
            raise
        etag = None
    if etag == digest:
        return False
    client.put_object(Bucket=bucket, Key=key, Body=body, ContentType="text/csv")
    return True


def seed_bucket(
    client: Any, bucket: str, files: Mapping[str, bytes], region: str = DEFAULT_REGION
) -> dict[str, str]:
    """Key -> 'uploaded' | 'skipped'. Raises SeedError with a fix for the usual failures."""
    endpoint = client.meta.endpoint_url
    try:
        ensure_bucket(client, bucket, region)
        return {
            key: "uploaded" if upload_if_changed(client, bucket, key, body) else "skipped"
            for key, body in files.items()
        }
    except EndpointConnectionError as error:
        raise SeedError(
            f"cannot reach S3 at {endpoint}: is LocalStack (or the local stack's moto server) "
            "running there? Check --endpoint-url."
        ) from error
    except (NoCredentialsError, PartialCredentialsError) as error:
        raise SeedError(
            "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
            "(any non-empty values work for LocalStack and moto)."
        ) from error
    except ClientError as error:
        if _code(error) in CREDENTIAL_ERRORS:
            raise SeedError(
                f"S3 at {endpoint} rejected the credentials ({_code(error)}): check "
                "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and that the bucket is yours."
            ) from error
        raise


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))
