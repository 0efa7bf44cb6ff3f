"""The library's list: the search and filters, and the table of items (a model holding ids).

Its strings keep the translation context of the page they were written in ("LibraryPage")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from ...formatting import local_today
from ...hub import Hub
from ...widgets import Combo
from .labels import field_names, priority_label, state_label
from .model import LibraryModel


class LibraryFilters(QWidget):
    """The search box and the filters above the list; ``changed`` when they change (typing is
    debounced by 250 ms)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(QCoreApplication.translate("LibraryPage", "Search (accents optional)…"))
        self.search.setClearButtonEnabled(True)
        self.field_filter = Combo()
        self.field_filter.addItem(QCoreApplication.translate("LibraryPage", "All fields"), None)
        for k, v in field_names().items():
            self.field_filter.addItem(v, k)
        self.priority_filter = Combo()
        self.priority_filter.addItem(QCoreApplication.translate("LibraryPage", "All priorities"), None)
        for k in (1, 2, 3):
            self.priority_filter.addItem(priority_label(k), k)
        self.state_filter = Combo()
        self.state_filter.addItem(QCoreApplication.translate("LibraryPage", "All states"), None)
        for st in ("draft", "approved", "rejected", "retired"):
            self.state_filter.addItem(state_label(st), st)
        self.language_filter = Combo()
        self.language_filter.addItem(QCoreApplication.translate("LibraryPage", "All languages"), None)
        for code, label in (("vi", QCoreApplication.translate("LibraryPage", "Vietnamese")), ("en", QCoreApplication.translate("LibraryPage", "English"))):
            self.language_filter.addItem(label, code)
        self.valid_today = QCheckBox(QCoreApplication.translate("LibraryPage", "Valid today"))
        filters = QHBoxLayout(self)
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.search, 2)
        for w in (self.field_filter, self.priority_filter, self.state_filter, self.language_filter, self.valid_today):
            filters.addWidget(w)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.field_filter, self.priority_filter, self.state_filter, self.language_filter):
            combo.currentIndexChanged.connect(self.changed)
        self.valid_today.toggled.connect(self.changed)

    def values(self) -> dict[str, Any]:
        """The filters as ``schedules.library.list_query`` takes them."""
        return {
            "search": self.search.text() or None,
            "field": self.field_filter.currentData(),
            "priority": self.priority_filter.currentData(),
            "state": self.state_filter.currentData(),
            "language": self.language_filter.currentData(),
            "valid_on": local_today() if self.valid_today.isChecked() else None,
        }


class LibraryList(QWidget):
    """The table of items (a model holding ids); tells which item is the current one."""

    loaded = Signal()
    current_changed = Signal(object)  # the current item's id, or None

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LibraryModel(hub, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # the other columns as wide as their headings (their values are short), the field a
        # little wider: the title gets the rest (no sizing to contents: rows load on demand)
        fm = header.fontMetrics()
        for col, name in enumerate(self.model.COLUMNS[1:], start=1):
            width = fm.horizontalAdvance(str(self.model.headerData(col, Qt.Orientation.Horizontal))) + 24
            header.resizeSection(col, max(width, 130 if name == "field" else 56))

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.model.loaded.connect(self.loaded)

    def selected_id(self) -> int | None:
        idx = self.table.currentIndex()
        return self.model.item_id(idx.row()) if idx.isValid() else None

    def select_id(self, item_id: int) -> bool:
        if item_id in self.model.ids:
            row = self.model.ids.index(item_id)
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))
            return True
        return False

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(self.model.item_id(current.row()) if current.isValid() else None)
