"""The rule that an ERROR in the log fails a test, checked on itself."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from tests.support.logfail import LogFail, watching


@pytest.mark.expect_errors  # the test's own logfail sees these too
def test_an_error_from_any_thread_is_caught_and_reported() -> None:
    with watching() as handler:
        t = threading.Thread(target=lambda: logging.getLogger("loaxa.engine").error("engine poll failed"), name="poller")
        t.start()
        t.join()
        logging.getLogger("loaxa.cli").warning("a warning is not an error")
    assert [r.getMessage() for r in handler.unexpected] == ["engine poll failed"]
    assert "loaxa.engine" in handler.report() and "poller" in handler.report()


@pytest.mark.expect_errors
def test_a_logger_that_does_not_propagate_is_watched_too() -> None:
    loaxa = logging.getLogger("loaxa")
    before = loaxa.propagate
    loaxa.propagate = False  # what desktop.logs.setup does
    try:
        with watching() as handler:
            logging.getLogger("loaxa.cli").error("unexpected error")
    finally:
        loaxa.propagate = before
    assert len(handler.unexpected) == 1


def test_expected_errors_are_kept_apart_only_where_and_as_said(logfail: LogFail) -> None:
    with logfail.expected("loaxa.engine", containing="poll failed"):
        logging.getLogger("loaxa.engine.dispatch").error("engine poll failed")
    assert len(logfail.allowed) == 1 and not logfail.unexpected
    with logfail.expected("loaxa.cli"), watching() as inner, inner.expected("loaxa.engine"):
        logging.getLogger("loaxa.cli").error("another logger")
    assert len(inner.unexpected) == 1 and not logfail.unexpected


@pytest.mark.expect_errors
def test_a_test_marked_expect_errors_may_log_them() -> None:
    logging.getLogger("loaxa.engine").error("on purpose")


@pytest.mark.expect_errors
def test_errors_are_caught_after_the_window_sets_up_its_log(tmp_path: Path) -> None:
    """desktop.logs.setup replaces the 'loaxa' logger's handlers and stops it propagating."""
    from desktop.logs import setup

    loaxa = logging.getLogger("loaxa")
    before = (list(loaxa.handlers), loaxa.level, loaxa.propagate)
    try:
        with watching() as handler:
            setup(tmp_path, name="t")
            logging.getLogger("loaxa.gui").error("unexpected error")
    finally:
        for h in list(loaxa.handlers):
            loaxa.removeHandler(h)
            h.close()
        loaxa.handlers[:] = before[0]
        loaxa.setLevel(before[1])
        loaxa.propagate = before[2]
    assert [r.getMessage() for r in handler.unexpected] == ["unexpected error"]
