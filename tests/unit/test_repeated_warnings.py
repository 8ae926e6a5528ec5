"""The e2e rule "no warning line more than twice" counts a warning by its own text.

The lines below have the shape of a tap's warning under Meltano: Meltano's clock and level,
singer-sdk's clock, level and logger (`singer_sdk.logging.DEFAULT_FORMAT`), the text of
`warnings.formatwarning`, then Meltano's fields. singer-sdk's clock differs at every line,
so a count of whole lines would never see a repeat.
"""

from tests.e2e.helpers import repeated_warnings

WARNING = "/venv/lib/auth.py:42: DeprecationWarning: use the new authenticator"


def tap_line(clock: str, plugin: str = "tap-hubspot") -> str:
    return (
        f"2026-12-05T22:00:{clock}Z [info     ] 2026-12-05 22:00:{clock},000 | WARNING  | "
        f"py.warnings | {WARNING} cmd_type=elb name={plugin} stdio=stderr"
    )


def test_a_warning_logged_at_every_stream_is_reported_despite_its_clock() -> None:
    log = "\n".join(tap_line(f"{second:02d}") for second in range(3))
    assert [count for _, count in repeated_warnings(log)] == [3]


def test_once_in_discovery_and_once_in_the_sync_passes() -> None:
    log = "\n".join([tap_line("01"), tap_line("02")])
    assert repeated_warnings(log) == []


def test_two_taps_logging_the_same_warning_are_counted_apart() -> None:
    log = "\n".join([tap_line("01"), tap_line("02"), tap_line("03", "tap-hubspot-archived")])
    assert repeated_warnings(log) == []


def test_a_warning_the_warnings_module_printed_itself_is_counted_too() -> None:
    printed = f"2026-12-05T22:00:01Z [info     ] {WARNING} name=tap-hubspot stdio=stderr"
    assert [count for _, count in repeated_warnings("\n".join([printed] * 3))] == [3]
