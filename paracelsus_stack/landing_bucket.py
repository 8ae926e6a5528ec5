"""A boto3 client for the stack's S3 landing bucket, with the stack's own credentials."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config

from paracelsus_stack.environment import stack_environment
from paracelsus_stack.settings import StackSettings


def landing_client(settings: StackSettings) -> Any:
    env = stack_environment(settings)
    return boto3.client(
        "s3",
        endpoint_url=env["AWS_ENDPOINT_URL_S3"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        region_name=env["AWS_DEFAULT_REGION"],
        config=Config(s3={"addressing_style": "path"}),
    )
