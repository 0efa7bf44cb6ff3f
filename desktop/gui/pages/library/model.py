"""The library table's model: item ids of the current search, rows fetched in batches."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from sqlalchemy.orm import Session

from schedules import library
from schedules.library import ListRow

from ...formatting import format_date, local_today
from ...hub import Hub
from .labels import STATE_COLOURS, field_names, priority_label, state_label

BATCH = 200


class LibraryModel(QAbstractTableModel):
    """Item ids of the current search, rows fetched in batches of 200 when first shown."""

    loaded = Signal()
    COLUMNS = ("title", "duration", "state", "field", "priority", "valid_until", "loudness")

    def __init__(self, hub: Hub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.ids: list[int] = []
        self.rows: dict[int, ListRow] = {}
        self._pending: set[int] = set()
        self._generation = 0
        self.filters: dict[str, Any] = {}

    def headers(self) -> list[str]:
        return [
            self.tr("Title"),
            self.tr("Length"),
            self.tr("State"),
            self.tr("Field"),
            self.tr("Priority"),
            self.tr("Valid until"),
            self.tr("Loudness (LUFS)"),
        ]

    def set_filters(self, **filters: Any) -> None:
        self.filters = filters
        self.reload()

    def reload(self) -> None:
        """Fetch the ids matching the filters (and the first rows) in the background."""
        self._generation += 1
        gen = self._generation
        filters = dict(self.filters)

        def fetch(s: Session) -> tuple[list[int], dict[int, ListRow]]:
            ids = library.search_ids(s, **filters)
            return ids, library.list_rows(s, ids[:BATCH])

        def done(result: tuple[list[int], dict[int, ListRow]]) -> None:
            if gen != self._generation:
                return  # a newer search is on its way
            self.beginResetModel()
            self.ids, self.rows = result
            self._pending.clear()
            self.endResetModel()
            self.loaded.emit()

        self.hub.read(fetch, done)

    def _fetch_batch(self, row: int) -> None:
        start = row - row % BATCH
        if start in self._pending:
            return
        self._pending.add(start)
        ids = self.ids[start : start + BATCH]
        gen = self._generation

        def done(rows: dict[int, ListRow]) -> None:
            self._pending.discard(start)
            if gen != self._generation:
                return
            self.rows.update(rows)
            self.dataChanged.emit(self.index(start, 0), self.index(min(start + BATCH, len(self.ids)) - 1, len(self.COLUMNS) - 1))

        self.hub.read(lambda s: library.list_rows(s, ids), done)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.headers()[section]
        return None

    def item_id(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        item_id = self.ids[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return item_id
        row = self.rows.get(item_id)
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._fetch_batch(index.row())
                return "…"
            return None
        title, duration, state, fld, prio, valid_until, lufs, _lang = row
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "title":
                return title
            if col == "duration":
                return f"{int(duration // 60)}:{int(duration % 60):02d}"
            if col == "state":
                return state_label(state)
            if col == "field":
                return field_names().get(fld, str(fld))
            if col == "priority":
                return priority_label(prio)
            if col == "valid_until":
                return format_date(valid_until) if valid_until else "—"
            if col == "loudness":
                return f"{lufs:.1f}" if lufs is not None else "—"
        if role == Qt.ItemDataRole.ForegroundRole and col == "state":
            return QBrush(QColor(STATE_COLOURS.get(state, "#000000")))
        if role == Qt.ItemDataRole.ForegroundRole and col == "valid_until" and valid_until and valid_until < local_today():
            return QBrush(QColor("#b3261e"))
        return None
