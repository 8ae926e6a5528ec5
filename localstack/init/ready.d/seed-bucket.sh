#!/bin/sh
# LocalStack runs this once its services are ready. The repo is mounted at /opt/paracelsus
# (with its Python deps installed); cd there so `localstack` is this repo's package, not
# LocalStack's own. Bucket and region default to localstack/landing.py unless set here.
set -eu
cd /opt/paracelsus
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
exec python -m localstack seed --endpoint-url http://localhost:4566 \
    ${LANDING_BUCKET:+--bucket "$LANDING_BUCKET"} ${AWS_DEFAULT_REGION:+--region "$AWS_DEFAULT_REGION"} \
    --seed "${SEED:-42}" --scale "${SCALE:-1}"
