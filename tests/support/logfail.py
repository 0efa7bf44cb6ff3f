"""Any ERROR logged during a test fails it (after qutebrowser's ``tests/helpers/logfail.py``).

An error in the log is a bug or an environment fault that nobody would see otherwise: an engine
poll that fails on every turn, a worker thread that dies. The autouse fixture ``logfail`` (in
tests/conftest.py) collects every record at ERROR or above made in the test process (any thread,
any logger, whatever handlers are set up) and fails the test at its teardown. Processes a test
starts (the CLI, an engine) log to their own files; the ``cli`` fixture checks the engine's. A test that provokes errors on purpose says so:

- ``@pytest.mark.expect_errors`` for the whole test, or
- ``with logfail.expected("loaxa.engine"):`` around the part that logs them (optionally only
  records of that logger or its children, or whose message holds a given text).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any


class LogFail(logging.Handler):
    """Collects ERROR records; those inside an ``expected()`` block are kept apart."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.unexpected: list[logging.LogRecord] = []
        self.allowed: list[logging.LogRecord] = []
        self._windows: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        for name, words in self._windows:
            if (not name or record.name == name or record.name.startswith(name + ".")) and words in record.getMessage():
                self.allowed.append(record)
                return
        self.unexpected.append(record)

    @contextlib.contextmanager
    def expected(self, logger: str = "", containing: str = "") -> Iterator[LogFail]:
        """ERROR records from ``logger`` (and its children; any logger when empty) whose message
        holds ``containing`` are expected inside this block."""
        window = (logger, containing)
        self._windows.append(window)
        try:
            yield self
        finally:
            self._windows.remove(window)

    def report(self) -> str:
        lines = []
        for r in self.unexpected[:10]:
            where = f"{r.pathname}:{r.lineno}"
            text = f"{r.levelname} {r.name} ({where}, thread {r.threadName}): {r.getMessage()}"
            if r.exc_info and r.exc_info[1] is not None:
                text += f" [{type(r.exc_info[1]).__name__}: {r.exc_info[1]}]"
            lines.append(text)
        more = len(self.unexpected) - len(lines)
        return "\n".join(lines) + (f"\n... and {more} more" if more > 0 else "")


@contextlib.contextmanager
def watching() -> Iterator[LogFail]:
    """Collect every ERROR record made while the block runs, in any thread.

    The records are taken where they are made (the log record factory), not from a handler: the
    window's and the CLI's log set-up (desktop/logs.py) replaces the 'loaxa' logger's handlers and
    stops it propagating, which would hide them from any handler a test puts in place."""
    collector = LogFail()
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if record.levelno >= collector.level:
            collector.handle(record)
        return record

    logging.setLogRecordFactory(factory)
    try:
        yield collector
    finally:
        logging.setLogRecordFactory(previous)
