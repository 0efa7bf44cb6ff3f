"""Thư viện (Library): the items, searched and filtered; import by button or drag and drop with
progress and cancel; waveform, loudness and preview of the selected item; approve, reject, retire,
edit. The table's model holds item ids and caches rows fetched in the background."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSlider,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from schedules import library
from schedules.library import ItemMeta
from schedules.media import source_relpath
from schedules.models import Item

from .. import background
from ..formatting import date_edit_format, format_date, local_today
from ..hub import Hub
from ..widgets import Combo, WaveformView

BATCH = 200
STATE_COLOURS = {"approved": "#1b7f3a", "draft": "#8a6d00", "rejected": "#b3261e", "retired": "#777777"}


def field_names() -> dict[int, str]:
    return {
        1: QCoreApplication.translate("labels", "1 General information"),
        2: QCoreApplication.translate("labels", "2 Breaking information"),
        3: QCoreApplication.translate("labels", "3 Policy and law"),
        4: QCoreApplication.translate("labels", "4 Local administration"),
        5: QCoreApplication.translate("labels", "5 Knowledge"),
        6: QCoreApplication.translate("labels", "6 Good people, good deeds"),
    }


class LibraryModel(QAbstractTableModel):
    """Item ids of the current search, rows fetched in batches of 200 when first shown."""

    loaded = Signal()
    COLUMNS = ("title", "duration", "state", "field", "priority", "valid_until", "loudness")

    def __init__(self, hub: Hub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.ids: list[int] = []
        self.rows: dict[int, tuple[Any, ...]] = {}
        self._pending: set[int] = set()
        self._generation = 0
        self.filters: dict[str, Any] = {}

    def headers(self) -> list[str]:
        return [self.tr("Title"), self.tr("Length"), self.tr("State"), self.tr("Field"), self.tr("Priority"), self.tr("Valid until"), self.tr("Loudness (LUFS)")]

    def set_filters(self, **filters: Any) -> None:
        self.filters = filters
        self.reload()

    def reload(self) -> None:
        """Fetch the ids matching the filters (and the first rows) in the background."""
        self._generation += 1
        gen = self._generation
        filters = dict(self.filters)

        def fetch(s: Session) -> tuple[list[int], dict[int, tuple[Any, ...]]]:
            q = library.list_query(**filters).with_only_columns(Item.id)
            ids = list(s.scalars(q))
            return ids, _rows(s, ids[:BATCH])

        def done(result: tuple[list[int], dict[int, tuple[Any, ...]]]) -> None:
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

        def done(rows: dict[int, tuple[Any, ...]]) -> None:
            self._pending.discard(start)
            if gen != self._generation:
                return
            self.rows.update(rows)
            self.dataChanged.emit(self.index(start, 0), self.index(min(start + BATCH, len(self.ids)) - 1, len(self.COLUMNS) - 1))

        self.hub.read(lambda s: _rows(s, ids), done)

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


def _rows(s: Session, ids: list[int]) -> dict[int, tuple[Any, ...]]:
    if not ids:
        return {}
    q = select(Item.id, Item.title, Item.duration_s, Item.state, Item.field, Item.priority, Item.valid_until, Item.loudness_lufs, Item.language).where(Item.id.in_(ids))
    return {r[0]: tuple(r[1:]) for r in s.execute(q)}


def state_label(state: str) -> str:
    return {
        "draft": QCoreApplication.translate("labels", "draft"),
        "approved": QCoreApplication.translate("labels", "approved"),
        "rejected": QCoreApplication.translate("labels", "rejected"),
        "retired": QCoreApplication.translate("labels", "retired"),
    }.get(state, state)


def priority_label(p: int) -> str:
    return {
        1: QCoreApplication.translate("labels", "emergency"),
        2: QCoreApplication.translate("labels", "priority"),
        3: QCoreApplication.translate("labels", "normal"),
    }.get(p, str(p))


class ImportProgress(QObject):
    """Carries the importer's progress (a worker thread) to the GUI thread."""

    progressed = Signal(int, int, str)


class MetaDialog(QDialog):
    """Edit an item's metadata (the HTTTN fields)."""

    def __init__(self, item: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit item"))
        form = QFormLayout(self)
        self.title = QLineEdit(item.get("title") or "")
        self.summary = QLineEdit(item.get("summary") or "")
        self.field = Combo()
        for k, v in field_names().items():
            self.field.addItem(v, k)
        self.field.setCurrentIndex(max(0, (item.get("field") or 1) - 1))
        self.priority = Combo()
        for k in (1, 2, 3):
            self.priority.addItem(priority_label(k), k)
        self.priority.setCurrentIndex((item.get("priority") or 3) - 1)
        self.language = QLineEdit(item.get("language") or "vi")
        self.author = QLineEdit(item.get("author") or "")
        self.source = QLineEdit(item.get("source") or "")
        self.has_from = QCheckBox(self.tr("Valid from"))
        self.valid_from = QDateEdit()
        self.has_until = QCheckBox(self.tr("Valid until"))
        self.valid_until = QDateEdit()
        for chk, edit, value in ((self.has_from, self.valid_from, item.get("valid_from")), (self.has_until, self.valid_until, item.get("valid_until"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_edit_format())
            if value:
                chk.setChecked(True)
                edit.setDate(date.fromisoformat(value))
            else:
                edit.setDate(local_today())
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Summary"), self.summary)
        form.addRow(self.tr("Field"), self.field)
        form.addRow(self.tr("Priority"), self.priority)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Author"), self.author)
        form.addRow(self.tr("Source"), self.source)
        form.addRow(self.has_from, self.valid_from)
        form.addRow(self.has_until, self.valid_until)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def meta(self) -> ItemMeta:
        """The values as entered, checked like the CLI checks them (raises InputRefused)."""
        return library.meta_from_options(
            title=self.title.text(), summary=self.summary.text() or None, field=self.field.currentData(), priority=self.priority.currentData(),
            language=self.language.text() or None, author=self.author.text() or None, source=self.source.text() or None,
            valid_from=self.valid_from.date().toPython().isoformat() if self.has_from.isChecked() else None,  # type: ignore[union-attr]
            valid_until=self.valid_until.date().toPython().isoformat() if self.has_until.isChecked() else None,  # type: ignore[union-attr]
        )  # fmt: skip


class LibraryPage(QWidget):
    loaded = Signal()
    imported = Signal(object)  # the ImportReport
    item_shown = Signal(int)

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.setAcceptDrops(True)
        self.current: dict[str, Any] | None = None
        self._cancel: threading.Event | None = None
        self._player: Any = None

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search (accents optional)…"))
        self.search.setClearButtonEnabled(True)
        self.field_filter = Combo()
        self.field_filter.addItem(self.tr("All fields"), None)
        for k, v in field_names().items():
            self.field_filter.addItem(v, k)
        self.priority_filter = Combo()
        self.priority_filter.addItem(self.tr("All priorities"), None)
        for k in (1, 2, 3):
            self.priority_filter.addItem(priority_label(k), k)
        self.state_filter = Combo()
        self.state_filter.addItem(self.tr("All states"), None)
        for st in ("draft", "approved", "rejected", "retired"):
            self.state_filter.addItem(state_label(st), st)
        self.language_filter = Combo()
        self.language_filter.addItem(self.tr("All languages"), None)
        for code, label in (("vi", self.tr("Vietnamese")), ("en", self.tr("English"))):
            self.language_filter.addItem(label, code)
        self.valid_today = QCheckBox(self.tr("Valid today"))
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for w in (self.field_filter, self.priority_filter, self.state_filter, self.language_filter, self.valid_today):
            filters.addWidget(w)

        self.import_files_button = QPushButton(self.tr("Import files…"))
        self.import_folder_button = QPushButton(self.tr("Import folder…"))
        self.approve_button = QPushButton(self.tr("Approve"))
        self.reject_button = QPushButton(self.tr("Reject…"))
        self.retire_button = QPushButton(self.tr("Retire"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        actions = QHBoxLayout()
        for b in (self.import_files_button, self.import_folder_button):
            actions.addWidget(b)
        actions.addStretch(1)
        for b in (self.approve_button, self.reject_button, self.retire_button, self.edit_button):
            actions.addWidget(b)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.setVisible(False)
        prog = QHBoxLayout()
        prog.addWidget(self.progress, 1)
        prog.addWidget(self.cancel_button)

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

        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.waveform = WaveformView()
        self.play_button = QPushButton(self.tr("Play"))
        self.position = QSlider(Qt.Orientation.Horizontal)
        self.position.setRange(0, 1000)
        player_row = QHBoxLayout()
        player_row.addWidget(self.play_button)
        player_row.addWidget(self.position, 1)
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.addWidget(self.detail_title)
        sl.addWidget(self.waveform)
        sl.addLayout(player_row)
        sl.addWidget(self.detail, 1)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self.hint = QLabel(self.tr("Drop audio files or folders here to import them."))

        lay = QVBoxLayout(self)
        lay.addLayout(filters)
        lay.addLayout(actions)
        lay.addLayout(prog)
        lay.addWidget(split, 1)
        lay.addWidget(self.hint)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.field_filter, self.priority_filter, self.state_filter, self.language_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.valid_today.toggled.connect(self.apply_filters)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.import_files_button.clicked.connect(self.choose_files)
        self.import_folder_button.clicked.connect(self.choose_folder)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.retire_button.clicked.connect(self.retire_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.play_button.clicked.connect(self.toggle_play)
        self.waveform.seek_requested.connect(self._seek)
        self.position.sliderMoved.connect(lambda v: self._seek(v / 1000))
        self.model.loaded.connect(self.loaded)
        hub.changed.connect(self._on_changed)
        self._update_buttons()
        self.apply_filters()

    # -- data --------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.model.reload()

    def apply_filters(self) -> None:
        self.model.set_filters(
            search=self.search.text() or None, field=self.field_filter.currentData(), priority=self.priority_filter.currentData(),
            state=self.state_filter.currentData(), language=self.language_filter.currentData(),
            valid_on=local_today() if self.valid_today.isChecked() else None,
        )  # fmt: skip

    def _on_changed(self, words: frozenset[str]) -> None:
        if "items" in words or "plan" in words:
            self.model.reload()
            if self.current is not None:
                self.show_item(self.current["id"])

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
        item_id = self.model.item_id(current.row()) if current.isValid() else None
        if item_id is not None:
            self.show_item(item_id)
        self._update_buttons()

    def show_item(self, item_id: int) -> None:
        ws = self.hub.ws

        def load(s: Session) -> dict[str, Any]:
            it = library.get_item(s, item_id)
            d = library.item_dict(it, full=True)
            d["waveform"] = it.waveform
            rend = sorted(it.renditions, key=lambda r: r.format != "mp3-64k-mono")
            d["play_path"] = str(ws.media.path(rend[0].path)) if rend else str(ws.media.path(source_relpath(it.media_sha256 or "", it.media_ext or "bin")))
            return d

        self.hub.read(load, self._on_item)

    def _on_item(self, d: dict[str, Any]) -> None:
        self.current = d
        self.detail_title.setText(f"<b>{d['title']}</b>")
        lines = [
            self.tr("State: {state}").format(state=state_label(d["state"])) + (f" — {d['approved_by']}" if d.get("approved_by") else ""),
            self.tr("Length: {s} s").format(s=f"{d['duration_s']:.1f}"),
            self.tr("Loudness of the source: {lufs} LUFS, true peak {tp} dBTP, range {lra} LU").format(
                lufs=_num(d.get("loudness_lufs")), tp=_num(d.get("true_peak_dbtp")), lra=_num(d.get("lra"))
            ),
        ]
        for r in d.get("renditions", []):
            lines.append(self.tr("Rendition {format}: {lufs} LUFS, {tp} dBTP").format(format=r["format"], lufs=_num(r.get("loudness_lufs")), tp=_num(r.get("true_peak_dbtp"))))
        if d.get("rejected_reason"):
            lines.append(self.tr("Rejected: {reason}").format(reason=d["rejected_reason"]))
        for w in d.get("warnings") or []:
            lines.append("⚠ " + w.get("message", ""))
        self.detail.setText("\n".join(lines))
        self.waveform.set_peaks(d.get("waveform"))
        self.item_shown.emit(d["id"])
        self._update_buttons()

    def _update_buttons(self) -> None:
        state = self.current["state"] if self.current and self.current.get("id") == self.selected_id() else None
        has = self.selected_id() is not None
        self.approve_button.setEnabled(has and state in ("draft", "rejected"))
        self.reject_button.setEnabled(has and state in ("draft", "approved"))
        self.retire_button.setEnabled(has and state != "retired")
        self.edit_button.setEnabled(has)
        self.play_button.setEnabled(has)

    # -- import -------------------------------------------------------------------------------

    def choose_files(self) -> None:
        files, _f = QFileDialog.getOpenFileNames(self, self.tr("Import audio files"), "", self.tr("Audio (*.mp3 *.wav *.m4a *.aac *.ogg *.opus *.flac *.amr *.wma);;All files (*)"))
        if files:
            self.start_import(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a folder"))
        if folder:
            self.start_import([folder])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_import(paths)

    def start_import(self, paths: list[str]) -> None:
        """Import in the background with a progress bar and a cancel button."""
        from broadcast import importer

        ws = self.hub.ws
        cancel = self._cancel = threading.Event()
        carrier = ImportProgress(self)
        carrier.progressed.connect(self._on_progress)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.import_files_button.setEnabled(False)
        self.import_folder_button.setEnabled(False)

        def job() -> Any:
            return importer.import_files(ws, paths, progress=lambda p: carrier.progressed.emit(p.done, p.total, p.name), cancel=cancel, actor="gui")

        background.run(job, self._on_imported, self._on_import_failed, owner=self)

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(f"{done}/{total} {name}")

    def cancel_import(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _import_done(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.import_files_button.setEnabled(True)
        self.import_folder_button.setEnabled(True)
        self._cancel = None

    def _on_imported(self, report: Any) -> None:
        self._import_done()
        self.hub.changed.emit(frozenset({"items"}))
        msg = self.tr("{added} added, {dups} already in the library, {refused} refused.").format(added=len(report.added), dups=len(report.duplicates), refused=len(report.refused))
        refused = [r for r in report.refused if r.get("kind") != "cancelled"]
        details = "\n".join(f"{Path(r['path']).name}: {r['message']}" for r in refused)
        self.hint.setText(msg + ("\n" + details if details else ""))
        self.hint.setStyleSheet("color: #b3261e;" if refused else "color: #1b7f3a;")
        self.imported.emit(report)

    def _on_import_failed(self, exc: BaseException) -> None:
        self._import_done()
        from ..errors import report_exception

        report_exception(exc, self)

    # -- state and metadata -------------------------------------------------------------------

    def approver(self) -> str | None:
        from schedules import settings

        with self.hub.ws.sessions() as s:
            name = str(settings.get(s, "operator.name") or "")
        if name:
            return name
        text, ok = QInputDialog.getText(self, self.tr("Approve"), self.tr("Who approves? (name)"))
        return text.strip() if ok and text.strip() else None

    def approve_selected(self, by: str | None = None) -> None:
        item_id = self.selected_id()
        name = by or self.approver()
        if item_id is None or not name:
            return
        self.hub.write(lambda s: library.approve(s, item_id, name), {"items"}, lambda _r: self.show_item(item_id))

    def reject_selected(self, reason: str | None = None) -> None:
        item_id = self.selected_id()
        if item_id is None:
            return
        if reason is None:
            text, ok = QInputDialog.getText(self, self.tr("Reject"), self.tr("Why is it rejected?"))
            if not ok or not text.strip():
                return
            reason = text.strip()
        why = reason
        self.hub.write(lambda s: library.reject(s, item_id, why, "gui"), {"items"}, lambda _r: self.show_item(item_id))

    def retire_selected(self, confirm: bool = True) -> None:
        item_id = self.selected_id()
        if item_id is None:
            return
        if confirm and QMessageBox.question(self, self.tr("Retire"), self.tr("Retire this item? It will no longer air.")) != QMessageBox.StandardButton.Yes:
            return
        self.hub.write(lambda s: library.retire(s, item_id, "gui"), {"items"}, lambda _r: self.show_item(item_id))

    def edit_selected(self) -> None:
        if self.current is None:
            return
        dlg = MetaDialog(self.current, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            meta = dlg.meta()
        except Exception as exc:  # noqa: BLE001 - shown to the operator
            from ..errors import report_exception

            report_exception(exc, self)
            return
        item_id = self.current["id"]
        self.hub.write(lambda s: library.edit_item(s, item_id, meta, actor="gui"), {"items"}, lambda _r: self.show_item(item_id))

    # -- preview ------------------------------------------------------------------------------

    def player(self) -> Any:
        if self._player is None:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

            self._player = QMediaPlayer(self)
            self._audio = QAudioOutput(self)
            self._player.setAudioOutput(self._audio)
            self._player.positionChanged.connect(self._on_position)
            self._player.playbackStateChanged.connect(self._on_state)
        return self._player

    def toggle_play(self) -> None:
        if self.current is None:
            return
        p = self.player()
        from PySide6.QtMultimedia import QMediaPlayer

        if p.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            p.pause()
            return
        src = QUrl.fromLocalFile(self.current["play_path"])
        if p.source() != src:
            p.setSource(src)
        p.play()

    def _seek(self, fraction: float) -> None:
        p = self.player()
        if p.duration() > 0:
            p.setPosition(int(fraction * p.duration()))

    def _on_position(self, ms: int) -> None:
        d = self.player().duration()
        if d > 0:
            self.waveform.set_position(ms / d)
            if not self.position.isSliderDown():
                self.position.setValue(int(1000 * ms / d))

    def _on_state(self, state: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        self.play_button.setText(self.tr("Pause") if state == QMediaPlayer.PlaybackState.PlayingState else self.tr("Play"))


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}"

