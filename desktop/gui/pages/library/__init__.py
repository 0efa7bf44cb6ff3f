"""Thư viện (Library): the items, searched and filtered; import by button or drag and drop with
progress and cancel; waveform, loudness and preview of the selected item; approve, reject, retire,
edit. The page is a frame around four widgets of their own: the list (``listing``), the details
and preview (``details``), the import panel (``importing``) and the approval bar (``approval``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from schedules import library

from ...hub import Hub
from .approval import ApprovalBar
from .details import ItemDetails
from .importing import ImportPanel, ImportProgress
from .labels import STATE_COLOURS, field_names, priority_label, state_label
from .listing import LibraryFilters, LibraryList
from .meta_dialog import MetaDialog
from .model import BATCH, LibraryModel

__all__ = [
    "BATCH",
    "STATE_COLOURS",
    "ApprovalBar",
    "ImportPanel",
    "ImportProgress",
    "ItemDetails",
    "LibraryFilters",
    "LibraryList",
    "LibraryModel",
    "LibraryPage",
    "MetaDialog",
    "field_names",
    "priority_label",
    "state_label",
]


class LibraryPage(QWidget):
    loaded = Signal()
    imported = Signal(object)  # the ImportReport
    item_shown = Signal(int)

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.setAcceptDrops(True)
        self.importer = ImportPanel(hub)
        self.approval = ApprovalBar(hub)
        self.filters = LibraryFilters()
        self.list = LibraryList(hub)
        self.details = ItemDetails()
        # the parts other code reaches for (the window's shortcuts, the compose hooks, tests)
        self.model = self.list.model
        self.search = self.filters.search
        self.table = self.list.table
        self.detail = self.details.detail
        self.import_files_button = self.importer.import_files_button
        self.import_folder_button = self.importer.import_folder_button
        self.approve_button = self.approval.approve_button
        self.reject_button = self.approval.reject_button
        self.retire_button = self.approval.retire_button
        self.edit_button = self.approval.edit_button
        self.compose_button: QPushButton | None = None  # added by desktop.gui.compose.install
        self.composer_button: QPushButton | None = None

        actions = QHBoxLayout()
        actions.addWidget(self.importer, 1)
        actions.addWidget(self.approval, 0, Qt.AlignmentFlag.AlignTop)  # level with the import buttons
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self.hint = QLabel(self.tr("Drop audio files or folders here to import them."))
        lay = QVBoxLayout(self)
        lay.addWidget(self.filters)
        lay.addLayout(actions)
        lay.addWidget(split, 1)
        lay.addWidget(self.hint)

        self.filters.changed.connect(self.apply_filters)
        self.list.current_changed.connect(self._on_current)
        self.list.loaded.connect(self.loaded)
        self.details.shown.connect(self.item_shown)
        self.importer.imported.connect(self._on_imported)
        self.approval.acted.connect(self.show_item)
        hub.changed.connect(self._on_changed)
        self._update_buttons()
        self.apply_filters()

    @property
    def current(self) -> dict[str, Any] | None:
        """The item shown in the details (its ``item_preview`` dict)."""
        return self.details.current

    # -- data --------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.model.reload()

    def apply_filters(self) -> None:
        self.model.set_filters(**self.filters.values())

    def _on_changed(self, words: frozenset[str]) -> None:
        if "items" in words or "plan" in words:
            self.model.reload()
            if self.current is not None:
                self.show_item(self.current["id"])

    def selected_id(self) -> int | None:
        return self.list.selected_id()

    def select_id(self, item_id: int) -> bool:
        return self.list.select_id(item_id)

    def _on_current(self, item_id: int | None) -> None:
        if item_id is not None:
            self.show_item(item_id)
        self._update_buttons()

    def show_item(self, item_id: int) -> None:
        media = self.hub.ws.media
        self.hub.read(lambda s: library.item_preview(s, media, item_id), self._on_item)

    def _on_item(self, d: dict[str, Any]) -> None:
        self.details.show_item(d)
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.selected_id()
        self.approval.set_item(selected, self.current)
        self.details.set_playable(selected is not None)

    # -- import -------------------------------------------------------------------------------

    def choose_files(self) -> None:
        self.importer.choose_files()

    def start_import(self, paths: list[str]) -> None:
        """Import in the background with a progress bar and a cancel button."""
        self.importer.start_import(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_import(paths)

    def _on_imported(self, report: Any) -> None:
        # counts first, in words, then why each file was refused (issue 16): the summary the CLI prints
        msg = report.summary()
        refused = [r for r in report.refused if r.get("kind") != "cancelled"]
        retired = [d for d in report.duplicates if d.get("retired")]
        details = "\n".join(
            self.tr("{name}: item {id} holding this audio is retired; select it and press Restore to use it again.").format(
                name=Path(d["path"]).name, id=d["id"]
            )
            for d in retired
        )
        self.hint.setText(msg + ("\n" + details if details else ""))
        self.hint.setStyleSheet("color: #b3261e;" if refused else "color: #1b7f3a;")
        self.imported.emit(report)

    # -- state and metadata -------------------------------------------------------------------

    def approve_selected(self, by: str | None = None) -> None:
        self.approval.approve_selected(by)

    def reject_selected(self, reason: str | None = None) -> None:
        self.approval.reject_selected(reason)

    def retire_selected(self, confirm: bool = True) -> None:
        self.approval.retire_selected(confirm)

    def edit_selected(self) -> None:
        self.approval.edit_selected()
