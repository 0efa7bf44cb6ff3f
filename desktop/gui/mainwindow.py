"""The main window: a frame with a page list, the pages, and the engine state in the status bar.
Each page is its own module with its own model; the window only switches between them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QStackedWidget, QWidget

from desktop import engine_process
from schedules import lease
from schedules.timeutil import DEFAULT_TZ, zone
from schedules.workspace import Workspace

from . import background
from .formatting import format_datetime
from .pages.today import TodayPage


class MainWindow(QMainWindow):
    engine_state_changed = Signal(bool, str)

    def __init__(self, ws: Workspace, *, settings: QSettings | None = None, monitor_ms: int = 2000) -> None:
        super().__init__()
        self.ws = ws
        self.settings = settings
        self.setWindowTitle(self.tr("LoaXa: commune loudspeaker broadcasting"))
        self.nav = QListWidget()
        self.nav.setMaximumWidth(220)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self.today = TodayPage(ws, self)
        self.add_page("today", self.tr("Today"), self.today)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)

        central = QWidget()
        lay = QHBoxLayout(central)
        lay.addWidget(self.nav)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.engine_status = QLabel()
        self.statusBar().addPermanentWidget(self.engine_status)
        self.statusBar().showMessage(self.tr("Ready."))
        self.today.start_engine_requested.connect(self.start_engine)
        self.today.stop_engine_requested.connect(self.stop_engine)
        self.engine_state_changed.connect(self.today.set_engine_state)
        self._engine_alive: bool | None = None
        self._checking = False
        self.monitor = QTimer(self)
        self.monitor.setInterval(monitor_ms)
        self.monitor.timeout.connect(self.check_engine)
        self.monitor.start()
        self.check_engine()
        QShortcut(QKeySequence("F5"), self, activated=self.today.refresh)
        for n in range(len(self.pages)):
            QShortcut(QKeySequence(f"Ctrl+{n + 1}"), self, activated=lambda n=n: self.nav.setCurrentRow(n))
        self.resize(1100, 700)
        self._restore_state()

    def add_page(self, key: str, title: str, page: QWidget) -> None:
        self.pages[key] = page
        self.stack.addWidget(page)
        QListWidgetItem(title, self.nav)

    # -- engine -------------------------------------------------------------------------------

    def check_engine(self) -> None:
        if self._checking:
            return
        self._checking = True
        ws = self.ws
        background.run(lambda: engine_process.status(ws), self._on_engine_status, self._on_engine_error)

    def _on_engine_status(self, info: lease.LeaseInfo) -> None:
        self._checking = False
        if info.alive:
            since = format_datetime(info.started_at.astimezone(zone(DEFAULT_TZ))) if info.started_at else "?"
            text = self.tr("Engine running (since {since})").format(since=since)
        else:
            text = self.tr("Engine not running: nothing will air")
        self.engine_status.setText(text)
        if info.alive != self._engine_alive:
            self._engine_alive = info.alive
        self.engine_state_changed.emit(info.alive, text)

    def _on_engine_error(self, exc: BaseException) -> None:
        self._checking = False
        self.engine_status.setText(self.tr("Engine state unknown: {error}").format(error=exc))

    def start_engine(self) -> None:
        engine_process.start(self.ws)
        self.statusBar().showMessage(self.tr("Starting the engine…"), 5000)
        QTimer.singleShot(1500, self.check_engine)

    def stop_engine(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Stop the engine"), self.tr("Stop the engine? Nothing will air until it is started again.")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ws = self.ws
        background.run(lambda: engine_process.request_shutdown(ws, "gui"), lambda _id: self.statusBar().showMessage(self.tr("Stopping the engine…"), 5000))

    # -- window state ---------------------------------------------------------------------------

    def _restore_state(self) -> None:
        if self.settings is None:
            return
        geo = self.settings.value("window/geometry")
        if isinstance(geo, QByteArray):
            self.restoreGeometry(geo)
        page = self.settings.value("window/page")
        if page is not None:
            try:
                self.nav.setCurrentRow(int(str(page)))
            except ValueError:
                pass

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.settings is not None:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/page", self.nav.currentRow())
        super().closeEvent(event)


def now_utc() -> datetime:
    return datetime.now(UTC)


def _unused(*_a: Any) -> None:
    return None
