#!/bin/sh
# LocalStack runs this once S3 is ready (docker-compose mounts the repo at /opt/paracelsus).
# It runs the same seeder as the embedded stack. LocalStack's Python has boto3 but not
# Faker, so that is installed once into a private folder; the repo comes first on
# PYTHONPATH so `localstack` is this repo's package, not LocalStack's own.
set -eu
deps=/tmp/paracelsus-deps
[ -d "$deps/faker" ] || python -m pip install --quiet --target "$deps" "faker>=24"
export PYTHONPATH="/opt/paracelsus:$deps"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
cd /opt/paracelsus
exec python -m localstack seed --endpoint-url http://localhost:4566 \
    ${LANDING_BUCKET:+--bucket "$LANDING_BUCKET"} ${AWS_DEFAULT_REGION:+--region "$AWS_DEFAULT_REGION"} \
    --seed "${SEED:-42}" --scale "${SCALE:-1}"
