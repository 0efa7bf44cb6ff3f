"""One error policy for the window: environment errors are messages with a next step; bugs open
a crash dialog with the log path, at most one at a time and a few per minute (flood guard)."""

from __future__ import annotations

import logging
import sys
import time
from types import TracebackType

from PySide6.QtWidgets import QApplication, QWidget

from schedules.errors import LoaxaError

log = logging.getLogger("loaxa.gui")

_log_path = "?"
_recent: list[float] = []
_open = False
_raise_instead = False


def raise_instead_of_dialog(on: bool) -> None:
    """Tests: re-raise in the slot (pytest-qt reports it) instead of opening a modal dialog."""
    global _raise_instead
    _raise_instead = on


def set_log_path(path: str) -> None:
    global _log_path
    _log_path = path


def report_exception(exc: BaseException, parent: QWidget | None = None) -> None:
    """Show ``exc`` to the operator: a message for LoaXa errors, the crash dialog for bugs."""
    if _raise_instead:
        raise exc
    from PySide6.QtWidgets import QMessageBox

    if isinstance(exc, LoaxaError):
        QMessageBox.warning(parent or QApplication.activeWindow(), QApplication.translate("errors", "LoaXa"), exc.message)
        return
    import traceback

    log.error("unexpected error", exc_info=exc)
    _crash_dialog("".join(traceback.format_exception(exc)), parent)


def _crash_dialog(details: str, parent: QWidget | None) -> None:
    global _open
    now = time.monotonic()
    _recent[:] = [t for t in _recent if now - t < 60]
    if _open or len(_recent) >= 3:
        return  # flood guard: the log has every one of them
    _recent.append(now)
    _open = True
    from PySide6.QtWidgets import QMessageBox

    try:
        box = QMessageBox(parent or QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QApplication.translate("errors", "LoaXa: unexpected error"))
        box.setText(
            QApplication.translate(
                "errors", "Something went wrong inside LoaXa. Broadcasting continues in the engine.\nPlease send the log file to your technician:\n{path}"
            ).format(path=_log_path)
        )
        box.setDetailedText(details)
        box.exec()
    finally:
        _open = False


def excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    report_exception(exc.with_traceback(tb))
