"""Each Python warning logged once per process.

singer-sdk routes warnings to the `py.warnings` logger and asks for each DeprecationWarning
"once". Its authenticators, though, enter `warnings.catch_warnings()` for every stream, and
every change to the warning filters clears the interpreter's record of what it has shown. So
the two deprecation warnings of the pinned tap-hubspot and singer-sdk were logged again at
each stream's start: 111 warnings, 222 log lines, 23% of a first sync's log at the mock's
scale 30. Here the logger lets each distinct warning through once, so whoever upgrades the
pins still sees every one.

singer-sdk routes warnings to logging when its command runs, but `--discover` runs earlier,
as a command-line option's callback: there the warnings module printed each one itself
(30 in a discovery under Meltano, which sets PYTHONWARNINGS=once). The tap routes them to
logging as soon as it is built, so discovery logs each once as well.
"""

from __future__ import annotations

import logging

WARNINGS_LOGGER = "py.warnings"


class FirstOccurrenceOnly(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self._seen: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message in self._seen:
            return False
        self._seen.add(message)
        return True


def log_each_warning_once() -> None:
    """Idempotent: a second call (a second tap in the process) adds no second filter."""
    logging.captureWarnings(True)
    logger = logging.getLogger(WARNINGS_LOGGER)
    if not any(isinstance(each, FirstOccurrenceOnly) for each in logger.filters):
        logger.addFilter(FirstOccurrenceOnly())
