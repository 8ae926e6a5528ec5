"""tap-hubspot-budgeted logs each Python warning once per process (warnings_once.py),
although singer-sdk's per-stream `catch_warnings()` makes the interpreter show it again."""

from __future__ import annotations

import logging
import sys
import warnings
from collections.abc import Iterator

import pytest

from paracelsus_stack.settings import REPO_ROOT

# The tap is a Meltano plugin: its pure modules are imported from the source folder.
sys.path.insert(0, str(REPO_ROOT / "meltano" / "extract" / "tap-hubspot-budgeted"))

from tap_hubspot_budgeted.warnings_once import (
    WARNINGS_LOGGER,
    FirstOccurrenceOnly,
    log_each_warning_once,
)


@pytest.fixture()
def warnings_logged(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    logger = logging.getLogger(WARNINGS_LOGGER)
    filters = list(logger.filters)
    try:
        with warnings.catch_warnings(), caplog.at_level(logging.WARNING, WARNINGS_LOGGER):
            # singer-sdk asks for "once"; the per-stream catch_warnings() below undoes it.
            warnings.filterwarnings("once", category=DeprecationWarning)
            yield caplog
    finally:
        logging.captureWarnings(False)
        logger.filters[:] = filters


def deprecated_call() -> None:
    warnings.warn("`stream` will be removed", DeprecationWarning, stacklevel=1)


def messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == WARNINGS_LOGGER]


def test_without_the_filter_each_stream_logs_the_warning_again(
    warnings_logged: pytest.LogCaptureFixture,
) -> None:
    logging.captureWarnings(True)  # as singer-sdk's command does, after discovery
    for _ in range(3):
        with warnings.catch_warnings():  # what singer-sdk's authenticators do per stream
            pass
        deprecated_call()
    assert len(messages(warnings_logged)) == 3


def test_with_the_filter_each_distinct_warning_is_logged_once(
    warnings_logged: pytest.LogCaptureFixture,
) -> None:
    # Nothing else routes warnings to logging here, as in a discovery.
    log_each_warning_once()
    log_each_warning_once()
    filters = logging.getLogger(WARNINGS_LOGGER).filters
    assert sum(isinstance(each, FirstOccurrenceOnly) for each in filters) == 1
    for _ in range(3):
        with warnings.catch_warnings():
            pass
        deprecated_call()
        warnings.warn("another deprecation", DeprecationWarning, stacklevel=1)
    logged = messages(warnings_logged)
    assert len(logged) == 2, logged
    assert "`stream` will be removed" in logged[0] and "another deprecation" in logged[1]
