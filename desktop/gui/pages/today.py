"""Hôm nay (Today): today's programme per endpoint with what aired, and the engine's state."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from schedules.reports import TimelineRow, day_summary
from schedules.timeutil import DEFAULT_TZ, zone
from schedules.workspace import Workspace

from .. import background
from ..formatting import format_date_long, format_time, outcome_label

GREEN = QColor("#d7f5dd")
RED = QColor("#f8d3d3")
BLUE = QColor("#d6e6ff")
GREY = QColor("#eeeeee")
STATUS_COLOURS = {
    "completed": GREEN,
    "on_air": BLUE,
    "failed": RED,
    "missed": RED,
    "interrupted": RED,
    "skipped": RED,
    "no_record": RED,
    "partial": QColor("#fff0c2"),
    "preempted": QColor("#fff0c2"),
    "stopped": QColor("#fff0c2"),
    "cancelled": GREY,
}


class TodayModel(QAbstractTableModel):
    """Rows of today's timeline (a snapshot replaced on each refresh)."""

    COLUMNS = ("endpoint", "time", "title", "priority", "status", "reason")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[TimelineRow] = []

    def headers(self) -> list[str]:
        return [self.tr("Endpoint"), self.tr("Time"), self.tr("Programme"), self.tr("Priority"), self.tr("Status"), self.tr("Reason")]

    def set_rows(self, rows: list[TimelineRow]) -> None:
        if [(r.key, r.status, r.reason, r.run_id) for r in rows] == [(r.key, r.status, r.reason, r.run_id) for r in self.rows]:
            return  # nothing changed: keep selection and scroll position
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            tz = zone(r.tz)
            if col == "endpoint":
                return r.endpoint_name
            if col == "time":
                return f"{format_time(r.start.astimezone(tz))} – {format_time(r.end.astimezone(tz))}"
            if col == "title":
                return r.title
            if col == "priority":
                return {1: self.tr("emergency"), 2: self.tr("priority"), 3: self.tr("normal")}.get(r.priority, str(r.priority))
            if col == "status":
                return outcome_label(r.status)
            if col == "reason":
                return r.reason or ""
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = STATUS_COLOURS.get(r.status)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.reason or None
        if role == Qt.ItemDataRole.UserRole:
            return r.key
        return None


def today_summary(s: Any, now: datetime, tz_name: str) -> dict[str, Any]:
    """What the Today page shows besides the timeline: on air now, next, endpoints offline."""
    return day_summary(s, now, tz_name)


class TodayPage(QWidget):
    """See the module docstring. Data loads in the background; the GUI thread never waits."""

    loaded = Signal()
    start_engine_requested = Signal()
    stop_engine_requested = Signal()
    emergency_requested = Signal()
    live_requested = Signal()  # Phát trực tiếp (desktop/gui/live.py)
    stop_airing_requested = Signal(list)  # endpoint codes on air

    def __init__(self, ws: Workspace, parent: QWidget | None = None, *, refresh_ms: int = 3000) -> None:
        super().__init__(parent)
        self.ws = ws
        self.on_air_codes: list[str] = []
        self.tz_name = DEFAULT_TZ
        self._loading = False
        self.title = QLabel()
        f = QFont(self.title.font())
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        self.title.setFont(f)
        self.engine_label = QLabel(self.tr("Engine: checking…"))
        self.engine_label.setWordWrap(True)  # a long state wraps instead of widening the window
        self.engine_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.start_button = QPushButton(self.tr("Start the engine"))
        self.start_button.clicked.connect(self.start_engine_requested)
        self.stop_button = QPushButton(self.tr("Stop the engine"))
        self.stop_button.clicked.connect(self.stop_engine_requested)
        self.stop_button.setEnabled(False)
        self.model = TodayModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty_label = QLabel(self.tr("Nothing is planned for today."))
        self.empty_label.setVisible(False)
        self.emergency_button = QPushButton(self.tr("EMERGENCY BROADCAST"))
        self.emergency_button.setMinimumHeight(48)
        self.emergency_button.setStyleSheet(
            "QPushButton { background: #c62828; color: white; font-size: 15pt; font-weight: bold; border-radius: 6px; padding: 6px 18px; }"
            " QPushButton:disabled { background: #e0e0e0; color: #757575; }"  # greyed when the role may not send one
        )
        self.live_button = QPushButton(self.tr("Go live…"))
        self.live_button.setMinimumHeight(48)
        self.live_button.setToolTip(self.tr("Speak live from this PC's microphone on chosen endpoints"))
        self.stop_airing_button = QPushButton(self.tr("Stop broadcasting"))
        self.stop_airing_button.setMinimumHeight(48)
        self.stop_airing_button.setEnabled(False)
        self.on_air_label = QLabel()
        self.on_air_label.setWordWrap(True)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        self.offline_label = QLabel()
        self.offline_label.setWordWrap(True)
        self.offline_label.setStyleSheet("color: #b3261e;")
        self.supply_label = QLabel()  # expected content that has not come; slots airing the same items
        self.supply_label.setWordWrap(True)
        self.supply_label.setStyleSheet("color: #8a4b00;")
        self.supply_label.setVisible(False)
        self._supply_checked: datetime | None = None
        self.httn_label = QLabel()  # messages the province (HTTTN) refused for good: never retried by themselves
        self.httn_label.setWordWrap(True)
        self.httn_label.setStyleSheet("color: #b3261e;")
        self.httn_label.setVisible(False)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.engine_label, 1)  # the room left; wraps only when there is too little
        top.addWidget(self.start_button)
        top.addWidget(self.stop_button)
        status = QVBoxLayout()
        status.addWidget(self.on_air_label)
        status.addWidget(self.next_label)
        status.addWidget(self.offline_label)
        status.addWidget(self.supply_label)
        status.addWidget(self.httn_label)
        actions = QHBoxLayout()
        actions.addLayout(status, 1)
        actions.addWidget(self.stop_airing_button)
        actions.addWidget(self.live_button)
        actions.addWidget(self.emergency_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(actions)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.empty_label)
        self.emergency_button.clicked.connect(self.emergency_requested)
        self.live_button.clicked.connect(self.live_requested)
        self.stop_airing_button.clicked.connect(lambda: self.stop_airing_requested.emit(list(self.on_air_codes)))

        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        ws, tz_name = self.ws, self.tz_name

        # the supply warnings read weeks of as-run rows: once a minute is enough
        with_supply = self._supply_checked is None or (datetime.now(UTC) - self._supply_checked).total_seconds() >= 60

        def load() -> tuple[datetime, dict[str, Any]]:
            from schedules import supply

            from ..httn_panel import refused_messages

            now = datetime.now(UTC)
            with ws.sessions() as s:
                d = today_summary(s, now, tz_name)
                d["httn_refused"] = refused_messages(s, limit=3)
                if with_supply:
                    d["supply"] = [w.message for w in supply.warnings(s, now, zone(tz_name))]
                return now, d

        background.run(load, self._on_loaded, self._on_failed, owner=self)

    def _on_loaded(self, result: tuple[datetime, dict[str, Any]]) -> None:
        self._loading = False
        now, d = result
        tz = zone(self.tz_name)
        rows = d["rows"]
        self.title.setText(self.tr("Today, {date}").format(date=format_date_long(now.astimezone(tz).date())))
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        on_air = d["on_air"]
        self.on_air_codes = sorted({r.endpoint for r in on_air})
        if on_air:
            self.on_air_label.setText(self.tr("On air now: {what}").format(what="; ".join(f"{r.endpoint_name}: {r.title}" for r in on_air)))
        else:
            self.on_air_label.setText(self.tr("Nothing is on air now."))
        nxt = d["next"]
        self.next_label.setText(
            self.tr("Next: {time} {title} ({endpoint})").format(time=format_time(nxt.start.astimezone(tz)), title=nxt.title, endpoint=nxt.endpoint_name)
            if nxt
            else self.tr("Nothing more today.")
        )
        off = d["offline"]
        self.offline_label.setText(self.tr("Endpoints offline: {names}").format(names=", ".join(name for _c, name, _e in off)) if off else "")
        if "supply" in d:
            self._supply_checked = now
            self.supply_label.setText("\n".join("⚠ " + m for m in d["supply"]))
            self.supply_label.setVisible(bool(d["supply"]))
        self._show_httn_refused(*d["httn_refused"])
        self.stop_airing_button.setEnabled(bool(on_air))
        self.loaded.emit()

    def _show_httn_refused(self, n: int, latest: list[tuple[int, str, str]]) -> None:
        if not n:
            self.httn_label.setVisible(False)
            return
        lines = [self.tr("⚠ The province refused {n} messages; they are not sent again by themselves:").format(n=n)]
        for i, kind, reason in latest:
            lines.append("   • " + self.tr("message {id} ({kind}): {reason}").format(id=i, kind=kind, reason=reason))
        lines.append("   " + self.tr("When the province has fixed its side: Settings → HTTTN → Send refused messages again."))
        self.httn_label.setText("\n".join(lines))
        self.httn_label.setVisible(True)

    def _on_failed(self, exc: BaseException) -> None:
        self._loading = False
        hub = getattr(self.window(), "hub", None)
        if hub is not None and hub.lost(exc):  # the server is out of reach: the banner says so; try again
            QTimer.singleShot(hub.retry_ms, self, self.refresh)
            return
        from ..errors import report_exception

        report_exception(exc, self)

    def set_engine_state(self, alive: bool, text: str) -> None:
        self.engine_label.setText(text)
        self.engine_label.setStyleSheet("color: #1b7f3a; font-weight: bold;" if alive else "color: #b3261e; font-weight: bold;")
        self.start_button.setEnabled(not alive)
        self.stop_button.setEnabled(alive)
