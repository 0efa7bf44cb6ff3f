"""Background operations: run a function off the GUI thread, get the result back as a signal.

``run(fn, on_success, on_failure)`` runs ``fn`` on a QThreadPool; the callbacks run on the GUI
thread. Tests may install a synchronous pool (``set_synchronous(True)``) for deterministic order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("loaxa.gui")

_synchronous = False
_live: set[_Signals] = set()


def set_synchronous(on: bool) -> None:
    global _synchronous
    _synchronous = on


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # delivered to on_failure on the GUI thread
            log.debug("background task failed", exc_info=exc)
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.succeeded, result)

    def _emit(self, signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application is closing: nobody is left to hear the result
            log.debug("background result dropped: its receiver is gone")


def run(
    fn: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None] | None = None,
    owner: QObject | None = None,
    pool: QThreadPool | None = None,
) -> None:
    """Run ``fn`` in the background; call back on the GUI thread (not when ``owner``, the
    widget that asked, has been deleted meanwhile)."""
    signals = _Signals()
    _live.add(signals)

    def gone() -> bool:
        return owner is not None and not shiboken6.isValid(owner)

    def done_ok(result: Any) -> None:
        _live.discard(signals)
        if not gone():
            on_success(result)

    def done_err(exc: BaseException) -> None:
        _live.discard(signals)
        if gone():
            return
        if on_failure is not None:
            on_failure(exc)
        else:
            from .errors import report_exception

            report_exception(exc)

    signals.succeeded.connect(done_ok)
    signals.failed.connect(done_err)
    task = _Task(fn, signals)
    if _synchronous:
        task.run()
    else:
        (pool or QThreadPool.globalInstance()).start(task)
