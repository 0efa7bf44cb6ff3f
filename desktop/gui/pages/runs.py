"""Nhật ký (As-run log): every record, filtered by dates, endpoint, outcome, field and priority;
planned vs actual; CSV export. The model counts the matching rows and fetches pages of 256 rows
only when they are shown, so a million records open as fast as a hundred."""

from __future__ import annotations

import csv
from collections import OrderedDict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QDateEdit, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from schedules import reports
from schedules.asrun import endpoint_zones
from schedules.models import OUTCOMES
from schedules.text import csv_cell
from schedules.timeutil import DEFAULT_TZ, local_day_bounds, zone

from .. import background
from ..formatting import date_edit_format, format_datetime, from_qdate, local_today, outcome_label, to_qdate
from ..hub import Hub
from ..widgets import Combo
from .library import field_names, priority_label
from .today import STATUS_COLOURS

PAGE = 256
MAX_PAGES = 64  # ~16k rows kept; the rest is fetched again when scrolled back to

COLUMNS = ("endpoint", "title", "planned", "actual", "delay", "outcome", "reason", "priority", "field", "verified")


def fetch_page(s: Session, filters: dict[str, Any], page: int) -> list[tuple[Any, ...]]:
    return reports.log_page(s, filters, page, PAGE)


def count(s: Session, filters: dict[str, Any]) -> int:
    return reports.log_count(s, filters)


class RunsModel(QAbstractTableModel):
    loaded = Signal()  # the first page and the number of records are known
    first_page = Signal()
    page_loaded = Signal(int)

    def __init__(self, hub: Hub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.filters: dict[str, Any] = {}
        self.total = 0
        self.pages: OrderedDict[int, list[tuple[Any, ...]]] = OrderedDict()
        self._pending: set[int] = set()
        self._generation = 0
        self.zones: dict[str, Any] = {}

    def headers(self) -> list[str]:
        return [
            self.tr("Endpoint"),
            self.tr("Programme"),
            self.tr("Planned"),
            self.tr("Actual"),
            self.tr("Delay"),
            self.tr("Outcome"),
            self.tr("Reason"),
            self.tr("Priority"),
            self.tr("Field"),
            self.tr("Heard by a listener"),
        ]

    def set_filters(self, **filters: Any) -> None:
        self.filters = {k: v for k, v in filters.items() if v is not None}
        self.reload()

    def reload(self) -> None:
        """First page at once, then the count (which a million rows make the slower part)."""
        self._generation += 1
        gen = self._generation
        filters = dict(self.filters)

        def first(s: Session) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
            return fetch_page(s, filters, 0), endpoint_zones(s)

        def shown(res: tuple[list[tuple[Any, ...]], dict[str, Any]]) -> None:
            if gen != self._generation:
                return
            rows, self.zones = res
            self.beginResetModel()
            self.total = len(rows)  # until the count arrives: what is known
            self.pages = OrderedDict({0: rows})
            self._pending.clear()
            self.endResetModel()
            self.first_page.emit()
            if len(rows) < PAGE:
                self.loaded.emit()  # that was everything
                return
            self.hub.read(lambda s: count(s, filters), counted)

        def counted(n: int) -> None:
            if gen != self._generation:
                return
            if n > self.total:
                self.beginInsertRows(QModelIndex(), self.total, n - 1)
                self.total = n
                self.endInsertRows()
            self.loaded.emit()

        self.hub.read(first, shown)

    def _want(self, page: int) -> None:
        if page in self._pending:
            return
        self._pending.add(page)
        gen = self._generation
        filters = dict(self.filters)

        def done(rows: list[tuple[Any, ...]]) -> None:
            self._pending.discard(page)
            if gen != self._generation:
                return
            self.pages[page] = rows
            while len(self.pages) > MAX_PAGES:
                self.pages.popitem(last=False)
            first = page * PAGE
            self.dataChanged.emit(self.index(first, 0), self.index(min(first + PAGE, self.total) - 1, len(COLUMNS) - 1))
            self.page_loaded.emit(page)

        self.hub.read(lambda s: fetch_page(s, filters, page), done)

    def row(self, n: int) -> tuple[Any, ...] | None:
        page = self.pages.get(n // PAGE)
        if page is None:
            self._want(n // PAGE)
            return None
        self.pages.move_to_end(n // PAGE)
        i = n % PAGE
        return page[i] if i < len(page) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.total:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            return None
        r = self.row(index.row())
        if r is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        ep, title, planned, actual, offset, outcome, reason, prio, fld, verified, vdelay = r
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = STATUS_COLOURS.get(outcome)
            return QBrush(colour) if colour is not None and index.column() == 5 else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return reason or None
        return display(self.zones.get(ep) or zone(DEFAULT_TZ), COLUMNS[index.column()], r)


def display(tz: Any, col: str, r: tuple[Any, ...]) -> str:
    ep, title, planned, actual, offset, outcome, reason, prio, fld, verified, vdelay = r
    if col == "endpoint":
        return str(ep)
    if col == "title":
        return title or ""
    if col == "planned":
        return format_datetime(planned.astimezone(tz)) if planned else ""
    if col == "actual":
        return format_datetime(actual.astimezone(tz)) if actual else "—"
    if col == "delay":
        if offset:  # a resumed airing: where it took up again, not a lateness
            from schedules.asrun import position_text

            return QCoreApplication.translate("labels", "resumed at {position}").format(position=position_text(offset))
        if actual is None or planned is None:
            return "—"
        ms = (actual - planned).total_seconds() * 1000
        return f"{ms:+.0f} ms"
    if col == "outcome":
        return outcome_label(outcome)
    if col == "reason":
        return reason or ""
    if col == "priority":
        return priority_label(prio)
    if col == "field":
        return field_names().get(fld, "") if fld else ""
    if col == "verified":
        if verified is None:
            return "—"
        yes = QCoreApplication.translate("labels", "yes")
        no = QCoreApplication.translate("labels", "no")
        return f"{yes} ({vdelay:+.0f} ms)" if verified and vdelay is not None else (yes if verified else no)
    return ""


def export_csv(s: Session, filters: dict[str, Any], path: Path, headers: list[str]) -> int:
    """Every matching record to CSV: UTF-8 with a byte-order mark so Excel reads Vietnamese;
    cells that a spreadsheet would take for a formula are neutralised (schedules.text.csv_cell)."""
    zones = endpoint_zones(s)
    n = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([csv_cell(h) for h in headers])
        for row in reports.log_rows(s, filters):
            tz = zones.get(row[0]) or zone(DEFAULT_TZ)
            w.writerow([csv_cell(display(tz, c, row)) for c in COLUMNS])  # text, never a formula
            n += 1
    return n


class RunsPage(QWidget):
    loaded = Signal()
    exported = Signal(int)

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.tz = zone(DEFAULT_TZ)
        today = local_today()
        self.date_from = QDateEdit(to_qdate(today - timedelta(days=6)))
        self.date_until = QDateEdit(to_qdate(today))
        for d in (self.date_from, self.date_until):
            d.setCalendarPopup(True)
            d.setDisplayFormat(date_edit_format())
        self.endpoint = QLineEdit()
        self.endpoint.setPlaceholderText(self.tr("Endpoint code"))
        self.outcome = Combo()
        self.outcome.addItem(self.tr("All outcomes"), None)
        for o in OUTCOMES:
            self.outcome.addItem(outcome_label(o), o)
        self.field = Combo()
        self.field.addItem(self.tr("All fields"), None)
        for k, v in field_names().items():
            self.field.addItem(v, k)
        self.priority = Combo()
        self.priority.addItem(self.tr("All priorities"), None)
        for k in (1, 2, 3):
            self.priority.addItem(priority_label(k), k)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("From")))
        top.addWidget(self.date_from)
        top.addWidget(QLabel(self.tr("to")))
        top.addWidget(self.date_until)
        for w in (self.endpoint, self.outcome, self.field, self.priority):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addWidget(self.export_button)
        self.model = RunsModel(hub, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(1, 220)
        self.table.setColumnWidth(6, 260)
        # date-times as wide as one of them in this language (no sizing to contents: a million rows)
        sample = format_datetime(datetime(2026, 12, 28, 23, 59, 58))
        width = self.table.fontMetrics().horizontalAdvance(sample) + 16
        for col in (COLUMNS.index("planned"), COLUMNS.index("actual")):
            self.table.setColumnWidth(col, width)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        for date_edit in (self.date_from, self.date_until):
            date_edit.dateChanged.connect(self.apply_filters)
        self.endpoint.editingFinished.connect(self.apply_filters)
        for c in (self.outcome, self.field, self.priority):
            c.currentIndexChanged.connect(self.apply_filters)
        self.export_button.clicked.connect(self.choose_export)
        self.model.loaded.connect(self._on_loaded)
        hub.changed.connect(self._on_changed)
        self.apply_filters()

    def current_filters(self) -> dict[str, Any]:
        first = from_qdate(self.date_from.date())
        last = from_qdate(self.date_until.date())
        start = local_day_bounds(first, self.tz)[0]
        end = local_day_bounds(max(first, last), self.tz)[1]
        return {
            "start": start,
            "end": end,
            "endpoint": self.endpoint.text().strip() or None,
            "outcome": self.outcome.currentData(),
            "field": self.field.currentData(),
            "priority": self.priority.currentData(),
        }

    def apply_filters(self) -> None:
        self.model.set_filters(**self.current_filters())

    def refresh(self) -> None:
        self.model.reload()

    def _on_loaded(self) -> None:
        self.count_label.setText(self.tr("{n} records").format(n=f"{self.model.total:,}".replace(",", ".")))
        self.loaded.emit()

    def _on_changed(self, words: frozenset[str]) -> None:
        if "runs" in words:
            self.model.reload()

    def choose_export(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Export the as-run log"), f"nhat-ky-phat-{datetime.now(UTC):%Y%m%d}.csv", "CSV (*.csv)")
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        filters = self.model.filters
        headers = self.model.headers()
        ws = self.hub.ws

        def job() -> int:
            with ws.sessions() as s:
                return export_csv(s, filters, path, headers)

        background.run(job, self.exported.emit, owner=self)
