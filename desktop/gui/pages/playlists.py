"""Danh sách phát (Playlists): ordered items, rearranged by drag and drop, with the total length
and the problems the planner sees for the schedules that air it (over-runs, quiet hours)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from schedules import playlists as pls
from schedules.planner import load_input, plan

from ..hub import Hub
from .library import LibraryModel

MIME = "application/x-loaxa-item-ids"


def fmt_duration(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class DraggableLibraryModel(LibraryModel):
    """The library model, whose rows can be dragged into a playlist."""

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:  # type: ignore[override]
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt's name
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]  # noqa: N802
        ids = list(dict.fromkeys(self.ids[i.row()] for i in sorted(indexes, key=lambda i: i.row()) if i.isValid()))
        data = QMimeData()
        data.setData(MIME, QByteArray(",".join(map(str, ids)).encode()))
        return data


class EntryList(QListWidget):
    """A playlist's entries: reorder by dragging, drop library items in."""

    dropped_items = Signal(list, int)  # item ids, at row
    reordered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        md = event.mimeData()
        if md.hasFormat(MIME):
            ids = [int(x) for x in bytes(md.data(MIME).data()).decode().split(",") if x]
            row = self.indexAt(event.position().toPoint()).row()
            self.dropped_items.emit(ids, row if row >= 0 else self.count())
            event.acceptProposedAction()
            return
        super().dropEvent(event)
        self.reordered.emit()


class PlaylistsPage(QWidget):
    loaded = Signal()
    saved = Signal(int)

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.playlist_id: int | None = None
        self.entries: list[dict[str, Any]] = []

        self.list = QListWidget()
        self.new_button = QPushButton(self.tr("New playlist…"))
        self.rename_button = QPushButton(self.tr("Rename…"))
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addWidget(QLabel(self.tr("Playlists")))
        ll.addWidget(self.list, 1)
        ll.addWidget(self.new_button)
        ll.addWidget(self.rename_button)

        self.title = QLabel()
        self.entry_list = EntryList()
        self.total = QLabel()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.remove_button = QPushButton(self.tr("Remove from playlist"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        mid = QWidget()
        ml = QVBoxLayout(mid)
        ml.addWidget(self.title)
        ml.addWidget(self.entry_list, 1)
        row = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.remove_button):
            row.addWidget(b)
        ml.addLayout(row)
        ml.addWidget(self.total)
        ml.addWidget(self.problems)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search approved items…"))
        self.library = DraggableLibraryModel(hub, self)
        self.items_view = QTableView()
        self.items_view.setModel(self.library)
        self.items_view.setDragEnabled(True)
        self.items_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.items_view.verticalHeader().setVisible(False)
        for col in range(2, self.library.columnCount()):
            self.items_view.hideColumn(col)
        self.add_button = QPushButton(self.tr("← Add to playlist"))
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.search)
        rl.addWidget(self.items_view, 1)
        rl.addWidget(self.add_button)

        split = QSplitter()
        for w in (left, mid, right):
            split.addWidget(w)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 2)
        QVBoxLayout(self).addWidget(split)

        self.list.currentRowChanged.connect(self._on_playlist_row)
        self.new_button.clicked.connect(self.new_playlist)
        self.rename_button.clicked.connect(self.rename_playlist)
        self.entry_list.dropped_items.connect(self.insert_items)
        self.entry_list.reordered.connect(self._save_order)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.add_button.clicked.connect(self.add_selected_items)
        self.search.textChanged.connect(lambda t: self.library.set_filters(state="approved", search=t or None))
        hub.changed.connect(self._on_changed)
        self.library.set_filters(state="approved")
        self.refresh()

    # -- playlists ------------------------------------------------------------------------------

    def refresh(self) -> None:
        def job(s: Session) -> list[tuple[int, str, float]]:
            return [(p.id, p.name, pls.duration(p)) for p in pls.list_playlists(s)]

        self.hub.read(job, self._on_list)

    def _on_list(self, rows: list[tuple[int, str, float]]) -> None:
        keep = self.playlist_id
        self.list.blockSignals(True)
        self.list.clear()
        for pid, name, dur in rows:
            it = QListWidgetItem(f"{name}  ({fmt_duration(dur)})")
            it.setData(Qt.ItemDataRole.UserRole, pid)
            self.list.addItem(it)
        self.list.blockSignals(False)
        ids = [r[0] for r in rows]
        if keep in ids:
            self.list.setCurrentRow(ids.index(keep))
        elif rows:
            self.list.setCurrentRow(0)
        self.loaded.emit()

    def _on_changed(self, words: frozenset[str]) -> None:
        if words & {"playlists", "items", "plan"}:
            self.refresh()
            self.library.reload()

    def _on_playlist_row(self, row: int) -> None:
        it = self.list.item(row)
        if it is None:
            return
        self.show_playlist(int(it.data(Qt.ItemDataRole.UserRole)))

    def show_playlist(self, playlist_id: int) -> None:
        self.playlist_id = playlist_id

        def job(s: Session) -> dict[str, Any]:
            d = pls.playlist_dict(pls.get_playlist(s, playlist_id))
            d["problems"] = _problems_for(s, playlist_id)
            return d

        self.hub.read(job, self._on_playlist)

    def _on_playlist(self, d: dict[str, Any]) -> None:
        if d["id"] != self.playlist_id:
            return
        self.title.setText(f"<b>{d['name']}</b>")
        self.entries = d["entries"]
        self.entry_list.clear()
        for e in self.entries:
            label = e["title"] if e.get("item") else self.tr("Relay: {url}").format(url=e.get("relay"))
            it = QListWidgetItem(f"{label}  ({fmt_duration(e['duration_s'])})")
            it.setData(Qt.ItemDataRole.UserRole, e)
            self.entry_list.addItem(it)
        self.total.setText(self.tr("Total length: {d}").format(d=fmt_duration(d["duration_s"])))
        probs = d["problems"]
        self.problems.setText("\n".join("⚠ " + p for p in probs[:8]) if probs else self.tr("No problems in the next 7 days."))
        self.problems.setStyleSheet("color: #b3261e;" if probs else "color: #1b7f3a;")
        self.saved.emit(d["id"])

    def new_playlist(self, name: str | None = None) -> None:
        if name is None:
            text, ok = QInputDialog.getText(self, self.tr("New playlist"), self.tr("Name"))
            if not ok or not text.strip():
                return
            name = text.strip()
        new_name = name
        self.hub.write(lambda s: pls.create_playlist(s, new_name, []).id, self._select_new)

    def _select_new(self, playlist_id: int) -> None:
        self.playlist_id = playlist_id
        self.refresh()

    def rename_playlist(self) -> None:
        if self.playlist_id is None:
            return
        text, ok = QInputDialog.getText(self, self.tr("Rename"), self.tr("Name"))
        if ok and text.strip():
            pid, name = self.playlist_id, text.strip()
            self.hub.write(lambda s: setattr(pls.get_playlist(s, pid), "name", name))

    # -- entries --------------------------------------------------------------------------------

    def _current_entries(self) -> list[tuple[int | None, str | None, float | None]]:
        out: list[tuple[int | None, str | None, float | None]] = []
        for i in range(self.entry_list.count()):
            e = self.entry_list.item(i).data(Qt.ItemDataRole.UserRole)
            out.append((e.get("item"), e.get("relay"), e.get("duration_s") if e.get("relay") else None))
        return out

    def _change_entries(self, change: Any) -> None:
        """Apply ``change(entries) -> entries`` to the playlist as stored (not as shown: the list
        may still be catching up), in one transaction."""
        pid = self.playlist_id
        if pid is None:
            return

        def job(s: Session) -> None:
            pl = pls.get_playlist(s, pid)
            entries = [(e.item_id, e.relay_url, e.relay_duration_s) for e in pl.entries]
            pls.set_items(s, pid, change(entries))

        self.hub.write(job, lambda _r: self.show_playlist(pid))

    def _save_order(self) -> None:
        shown = self._current_entries()
        self._change_entries(lambda _stored: shown)

    def insert_items(self, ids: list[int], row: int) -> None:
        if self.playlist_id is None:
            QMessageBox.information(self, self.tr("Playlists"), self.tr("Create or choose a playlist first."))
            return

        def change(entries: list[tuple[int | None, str | None, float | None]]) -> list[tuple[int | None, str | None, float | None]]:
            at = max(0, min(row, len(entries)))
            return entries[:at] + [(i, None, None) for i in ids] + entries[at:]

        self._change_entries(change)

    def add_selected_items(self) -> None:
        rows = sorted({i.row() for i in self.items_view.selectionModel().selectedRows()})
        ids = [self.library.ids[r] for r in rows]
        if ids:
            self.insert_items(ids, 1 << 30)

    def remove_selected(self) -> None:
        rows = {self.entry_list.row(i) for i in self.entry_list.selectedItems()}
        if rows:
            self._change_entries(lambda entries: [e for n, e in enumerate(entries) if n not in rows])

    def move_selected(self, step: int) -> None:
        row = self.entry_list.currentRow()

        def change(entries: list[tuple[int | None, str | None, float | None]]) -> list[tuple[int | None, str | None, float | None]]:
            to = row + step
            if 0 <= row < len(entries) and 0 <= to < len(entries):
                entries[row], entries[to] = entries[to], entries[row]
            return entries

        self._change_entries(change)
        self.entry_list.setCurrentRow(row + step)


def _problems_for(s: Session, playlist_id: int) -> list[str]:
    """Problems the planner sees in the next 7 days for schedules airing this playlist."""
    inp = load_input(s)
    sids = {sc.id for sc in inp.schedules if sc.playlist_id == playlist_id}
    if not sids:
        return []
    now = datetime.now(UTC)
    p = plan(inp, now, now + timedelta(days=7))
    seen: dict[str, None] = {}
    for o in p.occurrences:
        if o.schedule_id in sids:
            for pr in o.problems:
                seen.setdefault(pr.message, None)
    return list(seen)
