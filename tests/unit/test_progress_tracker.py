"""The progress view reads Meltano's JSON log lines into steps: pipelines, streams, rows,
dbt counts, failures and what to do about them."""

import json

from paracelsus_stack.progress.events import parse
from paracelsus_stack.progress.hints import hints
from paracelsus_stack.progress.tracker import RunTracker, Step
from paracelsus_stack.progress.view import finished_line, running_line

JOB = "local:tap-hubspot-to-target-postgres--hubspot"


def line(event: str, **fields: object) -> str:
    return json.dumps({"event": event, "level": "info", **fields})


def plugin_line(event: str, name: str, producer: bool) -> str:
    return line(
        event,
        name=name,
        cmd_type="elb",
        job_name=JOB,
        producer=producer,
        consumer=not producer,
        stdio="stderr",
    )


def metric(value: int, stream: str) -> str:
    point = {
        "type": "counter",
        "metric": "record_count",
        "value": value,
        "tags": {"stream": stream},
    }
    return plugin_line(f"METRIC: {json.dumps(point)}", "target-postgres--hubspot", False)


def feed(tracker: RunTracker, *lines: str) -> list[tuple[str, str]]:
    changes = []
    for number, text in enumerate(lines):
        changes += [(c, s.label) for c, s in tracker.feed(parse(text), float(number))]
    return changes


def test_a_pipeline_is_labelled_with_its_raw_schema_and_counts_loaded_rows() -> None:
    tracker = RunTracker()
    changes = feed(
        tracker,
        line(f"Running job with name '{JOB}' and run ID 'x'"),
        plugin_line("Beginning sync of 'contacts' in incremental mode", "tap-hubspot", True),
        metric(120, "contacts"),
        metric(30, "contacts"),
        line("Block run completed", success=True, duration_seconds=4.5),
    )
    (step,) = tracker.steps
    label = "tap-hubspot → raw_hubspot"
    assert changes == [("started", label), ("finished", label)]
    assert (step.stream, step.rows, step.ok, step.duration_s) == ("contacts", 150, True, 4.5)
    assert finished_line(step, 10.0) == "✓ tap-hubspot → raw_hubspot        150 rows loaded in 0:04"


def test_a_running_pipeline_line_shows_stream_rows_rate_and_time() -> None:
    tracker = RunTracker()
    feed(
        tracker,
        line(f"Running job with name '{JOB}' and run ID 'x'"),
        plugin_line("INFO contacts_csv: Starting sync", "tap-hubspot", True),
        metric(500, "contacts_csv"),
    )
    text = running_line(tracker.steps[0], now=10.0)
    assert "contacts_csv" in text and "500 rows" in text and "50/s" in text and "0:10" in text
    assert len(text) <= 74


def test_dbt_steps_count_pass_warn_and_error() -> None:
    tracker = RunTracker()
    dbt = {"name": "dbt-postgres", "cmd_type": "command"}
    feed(
        tracker,
        line("Extension executing `dbt build`...", **dbt),
        line("\u001b[0m15:32:12  1 of 3 START sql view model staging.stg_a ...... [RUN]", **dbt),
        line("\u001b[0m15:32:12  1 of 3 OK created sql view model staging.stg_a [OK]", **dbt),
        line("\u001b[0m15:32:12  2 of 3 FAIL 2 assert_no_malformed_csv_rows ... [FAIL 2]", **dbt),
        line(
            "\u001b[0m15:32:13  Failure in test assert_no_malformed_csv_rows (tests/x.sql)", **dbt
        ),
        line("\u001b[0m15:32:13  Done. PASS=1 WARN=1 ERROR=1 SKIP=0 NO-OP=0 TOTAL=3", **dbt),
        line("Block run completed", success=False, err="`dbt-postgres build` failed"),
    )
    (step,) = tracker.steps
    assert step.label == "dbt build" and step.nodes_done == 2 and step.nodes_total == 3
    assert step.dbt_counts() == "pass 1, warn 1, error 1"
    assert not step.ok and step.error == "`dbt-postgres build` failed"
    assert "Failure in test assert_no_malformed_csv_rows (tests/x.sql)" in step.problems
    assert any("assert_no_malformed_csv_rows" in hint for hint in hints(step))


def test_a_401_names_the_token_variable_from_the_plugin_config() -> None:
    tracker = RunTracker()
    feed(
        tracker,
        line(f"Running job with name '{JOB}' and run ID 'x'"),
        line(
            "singer_sdk.exceptions.FatalAPIError: 401 Client Error: Unauthorized for path",
            name="tap-hubspot",
            type="discovery",
        ),
        line("Block run completed", success=False, err="Cannot start plugin tap-hubspot"),
    )
    (step,) = tracker.steps
    assert step.problems[-1].startswith("singer_sdk.exceptions.FatalAPIError: 401")
    (hint,) = hints(step)
    assert "401" in hint and "HUBSPOT_ACCESS_TOKEN" in hint


def test_noise_is_not_a_problem_and_plain_text_survives() -> None:
    tracker = RunTracker()
    feed(tracker, metric(1, "x"), "Traceback (most recent call last):", "ValueError: boom")
    assert list(tracker.problems) == ["ValueError: boom"]
    assert parse("not json").text == "not json"


def test_a_used_up_daily_cap_is_named_with_its_reset() -> None:
    step = Step("el", "tap-hubspot → target-postgres--hubspot", 0.0, tap="tap-hubspot")
    step.problems.append(
        "tap_hubspot_budgeted.limits.DailyCapReached: HubSpot's daily API cap is used up: "
        "250,000 requests a day, 250,000 used (1,204 by this run). It resets at midnight in "
        "the portal's time zone: 2026-12-02T00:00:00+00:00 (UTC; setting portal_time_zone)."
    )
    (hint,) = hints(step)
    assert "250,000 requests a day" in hint
    assert "2026-12-02T00:00:00+00:00" in hint
    assert "state of the streams already synced is kept" in hint
