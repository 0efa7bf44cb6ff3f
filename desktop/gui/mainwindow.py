"""The main window: a frame with a page list, the pages, the engine state in the status bar and a
tray icon. Each page is its own module with its own model; the window only switches between them
and passes the hub (operations and change notices) along."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QWidget

# Less common Qt classes (message boxes, tray, shortcuts, painting) are imported where they are
# used: PySide6 builds a class's enums when it is first imported, a cost the start-up need not pay.
# background and formatting are imported where used, after the first paint (a few ms of start-up)

if TYPE_CHECKING:
    from datetime import datetime

    from schedules import lease
    from schedules.workspace import Workspace


def dot_icon(colour: str) -> QIcon:
    from PySide6.QtGui import QColor, QPainter, QPixmap

    pm = QPixmap(64, 64)
    pm.fill(QColor(0, 0, 0, 0))
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(colour))
    p.setPen(QColor("#263238"))
    p.drawEllipse(6, 6, 52, 52)
    p.end()
    return QIcon(pm)


class MainWindow(QMainWindow):
    engine_state_changed = Signal(bool, str)
    notified = Signal(str, str)  # title, message (also shown by the tray)
    built = Signal()  # the pages exist (the workspace is open)

    def __init__(
        self,
        ws: Workspace | None = None,
        *,
        opener: Callable[[], Workspace] | None = None,
        settings: QSettings | None = None,
        monitor_ms: int = 2000,
        tray: bool = True,
    ) -> None:
        """With ``ws`` the pages are built at once; with ``opener`` the frame shows first and the
        workspace is opened in the background (the database layer is the slow part of a start)."""
        super().__init__()
        self.settings = settings
        self.monitor_ms = monitor_ms
        self.quitting = False
        self.is_built = False
        self.setWindowTitle(self.tr("LoaXa: commune loudspeaker broadcasting"))
        self.nav = QListWidget()
        self.nav.setFixedWidth(200)
        f = self.nav.font()
        f.setPointSizeF(f.pointSizeF() * 1.2)
        self.nav.setFont(f)
        self.nav.setSpacing(3)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        titles = {
            "today": self.tr("Today"),
            "library": self.tr("Library"),
            "playlists": self.tr("Playlists"),
            "schedule": self.tr("Schedule"),
            "endpoints": self.tr("Endpoints"),
            "runs": self.tr("As-run log"),
            "bundles": self.tr("Import bundle"),
            "settings": self.tr("Settings"),
            "reports": self.tr("Reports"),
            "audit": self.tr("Audit trail"),
        }
        for key, title in titles.items():
            holder = QLabel(f"<p align='center'>{self.tr('Loading…')}</p>")  # (Qt's enums cost start-up time)
            self.pages[key] = holder
            self.stack.addWidget(holder)
            QListWidgetItem(title, self.nav)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.addWidget(self.nav)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.engine_status = QLabel()
        self.statusBar().addPermanentWidget(self.engine_status)
        self.statusBar().showMessage(self.tr("Opening the data…"))
        self._engine_alive: bool | None = None
        self._checking = False
        self._last_run_id: int | None = None
        self._offline: set[str] | None = None
        self.tray: Any = None
        self._want_tray = tray
        self.resize(1200, 760)
        self._restore_state()
        if ws is not None:
            self._build(ws)
        else:
            assert opener is not None
            self._opener: Callable[[], Workspace] | None = opener

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not getattr(self, "_shown_once", False):
            self._shown_once = True
            # the icon and the tray after the first paint: PySide6's first QPainter call with a
            # colour loads its signature module (~20 ms), which the frame need not wait for
            QTimer.singleShot(0, lambda: QTimer.singleShot(0, self._after_show))
        opener = getattr(self, "_opener", None)
        if opener is not None:
            self._opener = None
            # open the data once the frame has painted: two hops put it behind the first paint
            QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: self._open_in_background(opener)))

    def _open_in_background(self, opener: Callable[[], Workspace]) -> None:
        from . import background

        background.run(opener, self._build, self._open_failed, owner=self)

    def _after_show(self) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        if self._want_tray and self.tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            self._make_tray()

    def _open_failed(self, exc: BaseException) -> None:
        from .errors import report_exception

        self.statusBar().showMessage(self.tr("The data could not be opened."))
        report_exception(exc, self)

    def _build(self, ws: Workspace) -> None:
        """Make the pages (their modules import the database layer, loaded by now)."""
        from .hub import Hub
        from .pages.endpoints import EndpointsPage
        from .pages.library import LibraryPage
        from .pages.playlists import PlaylistsPage
        from .pages.runs import RunsPage
        from .pages.schedule import SchedulePage
        from .pages.settings import SettingsPage
        from .pages.today import TodayPage

        self.ws = ws
        self.hub = Hub(ws, self, poll_ms=self.monitor_ms, retry_ms=min(2000, self.monitor_ms))
        self.connection_status = QLabel(self.tr("Lost the connection to the database server; retrying…"))
        self.connection_status.setStyleSheet("QLabel { color: white; background: #b3261e; padding: 1px 6px; font-weight: bold; }")
        self.connection_status.setVisible(False)
        self.statusBar().addPermanentWidget(self.connection_status)
        self.hub.connection.connect(lambda online: self.connection_status.setVisible(not online))
        self.today = TodayPage(ws, self)
        self.library = LibraryPage(self.hub, self)
        self.playlists = PlaylistsPage(self.hub, self)
        self.schedule = SchedulePage(self.hub, self)
        self.endpoints = EndpointsPage(self.hub, self)
        self.runs = RunsPage(self.hub, self)
        self.settings_page = SettingsPage(self.hub, self)
        pages: dict[str, QWidget] = {
            "today": self.today,
            "library": self.library,
            "playlists": self.playlists,
            "schedule": self.schedule,
            "endpoints": self.endpoints,
            "runs": self.runs,
            "settings": self.settings_page,
        }
        try:
            from .pages.bundles import BundlePage

            self.bundles = BundlePage(self.hub, self)
            pages["bundles"] = self.bundles
        except ImportError:  # the bundle format lands with its own change
            pass
        from .pages.audit import AuditPage

        self.audit_page = AuditPage(self.hub, self)  # Nhật ký thao tác (issue 15)
        pages["audit"] = self.audit_page
        current = self.nav.currentRow()
        for key, page in pages.items():
            index = list(self.pages).index(key)
            holder = self.pages[key]
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(holder)
            holder.deleteLater()
            self.pages[key] = page
        if "bundles" not in pages:
            index = list(self.pages).index("bundles")
            self.stack.removeWidget(self.pages.pop("bundles"))
            self.nav.takeItem(index)
        self.stack.setCurrentIndex(max(0, current))
        self.nav.currentRowChanged.connect(self._ensure_reports)  # QtCharts loads when first shown
        self._ensure_reports(self.nav.currentRow())
        self.statusBar().showMessage(self.tr("Ready."))
        self.today.start_engine_requested.connect(self.start_engine)
        self.settings_page.backup_panel.restored.connect(lambda was_airing: self.start_engine() if was_airing else self.check_engine())
        self.today.stop_engine_requested.connect(self.stop_engine)
        self.today.emergency_requested.connect(self.emergency)
        self.today.live_requested.connect(self.go_live)
        self.today.stop_airing_requested.connect(self.stop_airing)
        self.engine_state_changed.connect(self.today.set_engine_state)
        self.hub.changed.connect(self._on_changed)
        self.hub.failed.connect(self._on_failed)
        self.monitor = QTimer(self)
        self.monitor.setInterval(self.monitor_ms)
        self.monitor.timeout.connect(self.check_engine)
        self.monitor.start()
        self.check_engine()
        self._shortcuts()
        from .compose import install as install_compose

        install_compose(self)  # "Soạn thông báo" on the library page, Ctrl+Shift+N
        from .login import install as install_login

        self.guard = install_login(self, ws)  # sign-in, idle lock, who is signed in, role gates (issue 15)
        from .pages.accounts import install as install_accounts

        install_accounts(self)  # Tài khoản: the accounts page, for admins (issue 15)
        self.is_built = True
        self.built.emit()
        if self.settings is not None:  # a real start (not screenshots or tests): the first-start picker
            self.offer_first_start()

    def offer_first_start(self) -> None:
        """With no area yet, offer the province/commune picker (official list, after July 2025)."""
        from .area_picker import has_areas

        self.hub.read(has_areas, lambda present: None if present else self.show_area_picker())

    def show_area_picker(self) -> None:
        from .area_picker import ProvincePicker

        self.area_picker = ProvincePicker(self.hub, self)
        self.area_picker.created.connect(
            lambda r: self.statusBar().showMessage(
                self.tr("Areas created: {province} and {n} communes and wards.").format(province=r["province"]["name"], n=r["units"])
            )
        )
        self.area_picker.open()

    def _ensure_reports(self, row: int) -> None:
        """Make the Reports page the first time it is shown (its charts library loads then)."""
        keys = list(self.pages)
        if row < 0 or row >= len(keys) or keys[row] != "reports" or getattr(self, "reports", None) is not None:
            return
        from .pages.reports import ReportsPage

        self.reports = ReportsPage(self.hub, self)
        holder = self.pages["reports"]
        self.stack.insertWidget(row, self.reports)
        self.stack.removeWidget(holder)
        holder.deleteLater()
        self.pages["reports"] = self.reports
        self.stack.setCurrentIndex(row)

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(list(self.pages).index(key))

    def _shortcuts(self) -> None:
        from PySide6.QtGui import QKeySequence, QShortcut

        def add(keys: str, slot: Callable[[], object]) -> None:
            QShortcut(QKeySequence(keys), self).activated.connect(slot)

        for n in range(len(self.pages)):
            add(f"Ctrl+{n + 1}", partial(self.nav.setCurrentRow, n))
        add("F5", self.refresh_current)
        add("Ctrl+Shift+E", self.emergency)
        add("Ctrl+I", self._import_into_library)
        add("Ctrl+F", self._search_library)

    def _import_into_library(self) -> None:
        self.show_page("library")
        self.library.choose_files()

    def _search_library(self) -> None:
        self.show_page("library")
        self.library.search.setFocus()

    def refresh_current(self) -> None:
        page = self.stack.currentWidget()
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    # -- changes and notifications --------------------------------------------------------------

    def _remember_language(self) -> None:
        """The window starts before the database opens: it keeps the language setting at hand."""
        if self.settings is None:
            return
        from schedules import settings as settings_mod

        store = self.settings
        self.hub.read(lambda s: settings_mod.get(s, "language"), lambda lang: store.setValue("language", lang))

    def _on_changed(self, words: frozenset[str]) -> None:
        if "settings" in words:
            self._remember_language()
        if words & {"runs", "plan", "schedules", "endpoints", "items", "playlists"}:
            self.today.refresh()
        if "runs" in words or "endpoints" in words or "plan" in words:
            self._check_notifications()

    def _on_failed(self, exc: BaseException) -> None:
        from .errors import report_exception

        report_exception(exc, self)

    def _check_notifications(self) -> None:
        last = self._last_run_id

        from sqlalchemy import select

        from schedules import asrun
        from schedules.models import AsRunRecord, Endpoint

        def job(s: Any) -> tuple[int, list[tuple[str, str, str, datetime]], set[str], dict[str, str]]:
            q = select(AsRunRecord).where(AsRunRecord.outcome.in_(("failed", "missed", "interrupted")))
            if last is not None:
                q = q.where(AsRunRecord.id > last)
            bad = (
                [
                    (r.endpoint_code, r.outcome, asrun.reason_text(r.reason, r.reason_data) or "", r.planned_start)
                    for r in s.scalars(q.order_by(AsRunRecord.id).limit(20))
                ]
                if last is not None
                else []
            )
            top = s.scalar(select(AsRunRecord.id).order_by(AsRunRecord.id.desc()).limit(1)) or 0
            offline = set(s.scalars(select(Endpoint.code).where(Endpoint.enabled.is_(True), Endpoint.status == "offline")))
            names = dict(s.execute(select(Endpoint.code, Endpoint.name)).all())
            return int(top), bad, offline, names

        def done(res: tuple[int, list[tuple[str, str, str, datetime]], set[str], dict[str, str]]) -> None:
            top, bad, offline, names = res
            self._last_run_id = top
            from schedules.timeutil import DEFAULT_TZ, zone

            from .formatting import format_datetime, outcome_label

            for code, outcome, reason, planned in bad:
                when = format_datetime(planned.astimezone(zone(DEFAULT_TZ)))
                self.notify(self.tr("Airing {outcome}").format(outcome=outcome_label(outcome)), f"{names.get(code, code)} {when}: {reason}")
            if self._offline is not None:
                for code in sorted(offline - self._offline):
                    self.notify(self.tr("Endpoint offline"), self.tr("{name} cannot be reached.").format(name=names.get(code, code)))
            self._offline = offline

        self.hub.read(job, done, lambda _e: None)

    def notify(self, title: str, message: str) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        self.notified.emit(title, message)
        if self.tray is not None:
            self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Warning, 10000)
        self.statusBar().showMessage(f"{title}: {message}", 15000)

    # -- tray -----------------------------------------------------------------------------------

    def _make_tray(self) -> None:
        from PySide6.QtGui import QAction
        from PySide6.QtWidgets import QMenu, QSystemTrayIcon

        self.tray = QSystemTrayIcon(dot_icon("#9e9e9e"), self)
        menu = QMenu(self)
        show = QAction(self.tr("Open LoaXa"), self)
        show.triggered.connect(self.show_normal)
        emergency = QAction(self.tr("Emergency broadcast…"), self)

        def emergency_from_tray() -> None:
            self.show_normal()
            self.emergency()

        emergency.triggered.connect(emergency_from_tray)
        quit_action = QAction(self.tr("Quit (the engine keeps broadcasting)"), self)
        quit_action.triggered.connect(self.quit)
        for a in (show, emergency, quit_action):
            menu.addAction(a)
        self.tray.setContextMenu(menu)
        self.tray.activated.connect(lambda reason: self.show_normal() if reason == QSystemTrayIcon.ActivationReason.Trigger else None)
        self.tray.show()

    def show_normal(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def quit(self) -> None:
        self.quitting = True
        self.close()
        QApplication.quit()

    # -- engine -------------------------------------------------------------------------------

    def check_engine(self) -> None:
        if self._checking:
            return
        self._checking = True
        ws = self.ws
        from desktop import engine_process

        from . import background

        background.run(lambda: engine_process.status_with_pcs(ws), self._on_engine_status, self._on_engine_error, owner=self)

    def _on_engine_status(self, got: tuple[lease.LeaseInfo, str | None, str | None]) -> None:
        self._checking = False
        info, pc, standby_pc = got
        from datetime import UTC, datetime

        from schedules.engine_store import engine_state
        from schedules.timeutil import DEFAULT_TZ, zone

        from .formatting import format_datetime

        state = engine_state(info, datetime.now(UTC))
        if state.state == "running":
            since = format_datetime(info.started_at.astimezone(zone(DEFAULT_TZ))) if info.started_at else "?"
            text = self.tr("Engine running (since {since})").format(since=since)
            if pc and pc != self.ws.pc_name:
                text = self.tr("Engine running on {pc} (since {since})").format(pc=pc, since=since)
            lag = (info.info or {}).get("loop_lag_ms") or {}
            if lag.get("worst_1min", 0) > 250:
                text += " · " + self.tr("busy: it answered {ms} ms late").format(ms=round(lag["worst_1min"]))
        elif state.state == "not_answering":
            text = self.tr("Engine not answering (last heartbeat {s} s ago): restart it if this lasts").format(s=round(state.heartbeat_age_s or 0))
        else:
            text = self.tr("Engine not running: nothing will air")
        if standby_pc:
            text += " · " + self.tr("standby (dự phòng) on {pc} ready to take over").format(pc=standby_pc)
        self.engine_status.setText(text)
        if info.alive != self._engine_alive:
            if self._engine_alive is True and not info.alive:
                self.notify(self.tr("Engine stopped"), text)
            self._engine_alive = info.alive
        if self.tray is not None:
            self.tray.setIcon(dot_icon("#1b7f3a" if info.alive else "#c62828"))
            self.tray.setToolTip(f"LoaXa — {text}")
        self.engine_state_changed.emit(info.alive, text)

    def _on_engine_error(self, exc: BaseException) -> None:
        self._checking = False
        self.engine_status.setText(self.tr("Engine state unknown: {error}").format(error=exc))

    def start_engine(self) -> None:
        from desktop import engine_process

        engine_process.start(self.ws)
        self.statusBar().showMessage(self.tr("Starting the engine…"), 5000)
        QTimer.singleShot(1500, self.check_engine)

    def stop_engine(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, self.tr("Stop the engine"), self.tr("Stop the engine? Nothing will air until it is started again."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        ws = self.ws
        from desktop import engine_process

        from . import background

        background.run(
            lambda: engine_process.request_shutdown(ws, "gui"), lambda _id: self.statusBar().showMessage(self.tr("Stopping the engine…"), 5000), owner=self
        )

    # -- broadcasting now ---------------------------------------------------------------------------

    def emergency(self) -> None:
        guard = getattr(self, "guard", None)
        if guard is not None and not guard.allow_emergency():
            return  # not an approver, or no valid one-time code (issue 15; the tray's action too)
        from .emergency import EmergencyDialog

        dlg = EmergencyDialog(self.hub, self)
        dlg.sent.connect(lambda _id: self.statusBar().showMessage(self.tr("Emergency broadcast sent to the engine."), 10000))
        dlg.open()
        self.emergency_dialog = dlg

    def go_live(self) -> None:
        """Phát trực tiếp: the live dialog (desktop/gui/live.py); the engine airs the microphone."""
        from .live import LiveDialog

        dlg = LiveDialog(self.hub, self)
        dlg.on_air.connect(lambda _r: self.statusBar().showMessage(self.tr("On air live."), 10000))
        dlg.open()
        self.live_dialog = dlg

    def stop_airing(self, codes: list[str]) -> None:
        if not codes:
            return
        from PySide6.QtWidgets import QMessageBox

        text = self.tr("Stop what is on air on: {codes}?").format(codes=", ".join(codes))
        if QMessageBox.question(self, self.tr("Stop broadcasting"), text) != QMessageBox.StandardButton.Yes:
            return
        from schedules import audit, commands

        self.hub.write(lambda s: commands.enqueue(s, "stop", {"targets": codes, "actor": audit.current_actor() or "gui"}, by=audit.current_actor() or "gui").id)

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
        if self.tray is not None and not self.quitting:
            from PySide6.QtWidgets import QSystemTrayIcon

            # the window goes; the tray icon (and the engine, its own process) stay
            event.ignore()
            self.hide()
            self.tray.showMessage(
                "LoaXa", self.tr("LoaXa is still running here; the engine keeps broadcasting."), QSystemTrayIcon.MessageIcon.Information, 5000
            )
            return
        for timer in self.findChildren(QTimer):  # a closed window reads nothing more (polls, refreshes)
            timer.stop()
        super().closeEvent(event)
