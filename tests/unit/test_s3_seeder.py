"""The S3 seeder against a moto server: upload once, then skip what is already there."""

from collections.abc import Iterator

import pytest
from moto.server import ThreadedMotoServer

from localstack.cli import main
from localstack.csv_generator import landing_files
from localstack.landing import BUCKET, CONTACTS_KEY, DEALS_KEY
from localstack.seeder import SeedError, s3_client, seed_bucket
from tests.pg_fixture import free_port


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(autouse=True)
def dummy_credentials(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_PROFILE", raising=False)


def test_seed_uploads_then_skips_unchanged_objects(endpoint):
    client = s3_client(endpoint)
    files = landing_files(42, 1)
    assert seed_bucket(client, "landing-a", files) == {
        CONTACTS_KEY: "uploaded",
        DEALS_KEY: "uploaded",
    }
    first = client.head_object(Bucket="landing-a", Key=CONTACTS_KEY)["LastModified"]
    assert (
        client.get_object(Bucket="landing-a", Key=CONTACTS_KEY)["Body"].read()
        == files[CONTACTS_KEY]
    )

    assert seed_bucket(client, "landing-a", files) == {
        CONTACTS_KEY: "skipped",
        DEALS_KEY: "skipped",
    }
    assert client.head_object(Bucket="landing-a", Key=CONTACTS_KEY)["LastModified"] == first


def test_changed_content_is_uploaded_again(endpoint):
    client = s3_client(endpoint)
    seed_bucket(client, "landing-b", landing_files(42, 1))
    outcome = seed_bucket(client, "landing-b", landing_files(7, 1))
    assert outcome == {CONTACTS_KEY: "uploaded", DEALS_KEY: "uploaded"}


def test_a_bucket_outside_us_east_1_is_created(endpoint):
    client = s3_client(endpoint, region="eu-west-1")
    seed_bucket(client, "landing-eu", {"x.csv": b"a\n"}, region="eu-west-1")
    assert client.get_bucket_location(Bucket="landing-eu")["LocationConstraint"] == "eu-west-1"


def test_cli_seeds_the_default_bucket(endpoint, capsys):
    assert main(["seed", "--endpoint-url", endpoint]) == 0
    assert f"uploaded: s3://{BUCKET}/{CONTACTS_KEY}" in capsys.readouterr().out
    assert main(["seed", "--endpoint-url", endpoint]) == 0
    assert f"skipped: s3://{BUCKET}/{DEALS_KEY}" in capsys.readouterr().out


def test_an_unreachable_endpoint_is_a_clear_error():
    client = s3_client(f"http://127.0.0.1:{free_port()}")
    with pytest.raises(SeedError, match=r"cannot reach S3 at http://127\.0\.0\.1"):
        seed_bucket(client, BUCKET, {"x.csv": b"a\n"})
