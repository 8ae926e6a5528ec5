from __future__ import annotations

from pathlib import Path

from paracelsus_stack.config_check import find_problems, merged_values

VALID = {
    "MELTANO_DATABASE_URI": "postgresql+psycopg://u:p@wh:5432/analytics?options=-csearch_path%3Dmeltano",
    "HUBSPOT_ACCESS_TOKEN": "pat-na1-00000000-0000-0000-0000-000000000000",
    "HUBSPOT_START_DATE": "2020-01-01T00:00:00Z",
    "OLTP_HOST": "oltp.internal",
    "OLTP_PORT": "5432",
    "OLTP_USER": "reader",
    "OLTP_PASSWORD": "secret",
    "OLTP_DATABASE": "supervision",
    "OLTP_SSLMODE": "verify-full",
    "WAREHOUSE_HOST": "wh.internal",
    "WAREHOUSE_PORT": "5432",
    "WAREHOUSE_USER": "loader",
    "WAREHOUSE_PASSWORD": "secret",
    "WAREHOUSE_DATABASE": "analytics",
    "WAREHOUSE_SSLMODE": "require",
    "S3_BUCKET": "acme-landing",
    "AWS_ACCESS_KEY_ID": "AKIA",
    "AWS_SECRET_ACCESS_KEY": "secret",
    "AWS_DEFAULT_REGION": "eu-west-1",
}


def test_a_complete_configuration_has_no_problems() -> None:
    assert find_problems(VALID) == []


def test_every_problem_is_reported_at_once_by_variable_name() -> None:
    broken = {**VALID, "OLTP_PORT": "54x", "WAREHOUSE_SSLMODE": "on", "S3_BUCKET": "Bad_Bucket"}
    del broken["WAREHOUSE_PASSWORD"]
    del broken["HUBSPOT_ACCESS_TOKEN"]
    problems = find_problems(broken)
    assert len(problems) == 5
    joined = "\n".join(problems)
    for name in (
        "OLTP_PORT",
        "WAREHOUSE_SSLMODE",
        "S3_BUCKET",
        "WAREHOUSE_PASSWORD",
        "HUBSPOT_ACCESS_TOKEN",
    ):
        assert name in joined


def test_oauth_needs_all_three_values() -> None:
    values = {**VALID, "TAP_HUBSPOT_CLIENT_ID": "id"}
    del values["HUBSPOT_ACCESS_TOKEN"]
    assert find_problems(values) == [
        "TAP_HUBSPOT_CLIENT_SECRET is missing (OAuth needs all of TAP_HUBSPOT_CLIENT_ID, "
        "TAP_HUBSPOT_CLIENT_SECRET, TAP_HUBSPOT_REFRESH_TOKEN)",
        "TAP_HUBSPOT_REFRESH_TOKEN is missing (OAuth needs all of TAP_HUBSPOT_CLIENT_ID, "
        "TAP_HUBSPOT_CLIENT_SECRET, TAP_HUBSPOT_REFRESH_TOKEN)",
    ]


def test_a_sqlite_state_backend_is_refused() -> None:
    problems = find_problems({**VALID, "MELTANO_DATABASE_URI": "sqlite:///.meltano/meltano.db"})
    assert len(problems) == 1 and problems[0].startswith("MELTANO_DATABASE_URI must be")


def test_the_shell_wins_over_the_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("# comment\nOLTP_HOST=from-file\nexport OLTP_USER='quoted'\n")
    merged = merged_values({"OLTP_HOST": "from-shell"}, env_file)
    assert merged == {"OLTP_HOST": "from-shell", "OLTP_USER": "quoted"}
