"""Điểm phát (Endpoints): the area tree with its endpoints, their status (online/offline, last
seen, last airing), and adding, editing and testing an endpoint."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from schedules import areas as areas_mod
from schedules import endpoints as ep_mod
from schedules.timeutil import DEFAULT_TZ, zone

from .. import background
from ..formatting import format_datetime
from ..hub import Hub
from ..widgets import Combo

STATUS_COLOURS = {"online": "#1b7f3a", "offline": "#b3261e", "unknown": "#777777"}


def status_label(status: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return {
        "online": QCoreApplication.translate("labels", "online"),
        "offline": QCoreApplication.translate("labels", "offline"),
        "unknown": QCoreApplication.translate("labels", "not checked yet"),
    }.get(status, status)


def load_tree(s: Session) -> dict[str, Any]:
    """The area tree and its endpoints (read in the background)."""
    return ep_mod.overview(s, datetime.now(UTC))


class EndpointDialog(QDialog):
    """Add or edit an endpoint."""

    def __init__(self, areas: list[tuple[str, str]], current: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Endpoint"))
        form = QFormLayout(self)
        self.code = QLineEdit(current["code"] if current else "")
        self.code.setEnabled(current is None)
        self.name = QLineEdit(current["name"] if current else "")
        self.area = Combo()
        for code, label in areas:
            self.area.addItem(label, code)
        if current:
            self.area.setCurrentIndex(max(0, self.area.findData(current["area"])))
            self.area.setEnabled(False)
        self.url = QLineEdit(current["url"] if current and "****" not in current["url"] else "")
        self.url.setPlaceholderText("icecast://source@10.0.0.5:8000/an-binh  |  file:///C:/LoaXa/out")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("unchanged") if current else "")
        self.format = Combo()
        for f in ("mp3-64k-mono", "mp3-32k-mono-22k", "mp3-48k-mono", "mp3-96k-mono", "mp3-128k-stereo", "mp3-128k-stereo-48k"):
            self.format.addItem(f, f)
        if current:
            self.format.setCurrentIndex(max(0, self.format.findData(current["format"])))
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Area"), self.area)
        form.addRow("URL", self.url)
        form.addRow(self.tr("Source password"), self.password)
        form.addRow(self.tr("Format"), self.format)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class AreaDialog(QDialog):
    def __init__(self, areas: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Area"))
        form = QFormLayout(self)
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.level = Combo()
        for lv in areas_mod.LEVELS:
            self.level.addItem(lv, lv)
        self.parent_area = Combo()
        self.parent_area.addItem(self.tr("(top level)"), None)
        for code, label in areas:
            self.parent_area.addItem(label, code)
        self.quiet = QLineEdit()
        self.quiet.setPlaceholderText(self.tr("inherit (e.g. 21:00-05:00, or none)"))
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Level"), self.level)
        form.addRow(self.tr("Parent"), self.parent_area)
        form.addRow(self.tr("Quiet hours"), self.quiet)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class EndpointsPage(QWidget):
    loaded = Signal()
    tested = Signal(str, object)  # code, EndpointTest

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.data: dict[str, Any] = {"areas": [], "endpoints": {}}
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Area / endpoint"), self.tr("Status"), self.tr("Last seen"), self.tr("Last airing"), "URL", self.tr("Format")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.add_area_button = QPushButton(self.tr("Add area…"))
        self.add_button = QPushButton(self.tr("Add endpoint…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.test_button = QPushButton(self.tr("Test"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        row = QHBoxLayout()
        for b in (self.add_area_button, self.add_button, self.edit_button, self.test_button):
            row.addWidget(b)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.result)
        self.add_area_button.clicked.connect(self.add_area)
        self.add_button.clicked.connect(self.add_endpoint)
        self.edit_button.clicked.connect(self.edit_endpoint)
        self.test_button.clicked.connect(lambda: self.test_selected())
        hub.changed.connect(lambda w: self.refresh() if w & {"endpoints", "areas", "plan", "runs"} else None)
        self.refresh()

    def refresh(self) -> None:
        self.hub.read(load_tree, self._on_tree)

    def _on_tree(self, data: dict[str, Any]) -> None:
        self.data = data
        selected = self.selected_code()
        self.tree.clear()
        nodes: dict[str, QTreeWidgetItem] = {}
        for _depth, code, name, _level, parent in data["areas"]:
            it = QTreeWidgetItem([f"{name} ({code})"])
            it.setData(0, Qt.ItemDataRole.UserRole, ("area", code))
            (nodes[parent].addChild(it) if parent in nodes else self.tree.addTopLevelItem(it))
            nodes[code] = it
            for e in data["endpoints"].get(code, []):
                tz = zone(e["tz"] or DEFAULT_TZ)
                seen = format_datetime(e["last_seen_dt"].astimezone(tz)) if e["last_seen_dt"] else "—"
                last = format_datetime(e["last_airing"].astimezone(tz)) if e["last_airing"] else "—"
                ei = QTreeWidgetItem(
                    [
                        f"{e['name']} ({e['code']})",
                        status_label(e["status"]) + ("" if e["enabled"] else " · " + self.tr("disabled")),
                        seen,
                        last,
                        e["url"],
                        e["format"],
                    ]
                )
                ei.setData(0, Qt.ItemDataRole.UserRole, ("endpoint", e["code"]))
                ei.setForeground(1, QBrush(QColor(STATUS_COLOURS.get(e["status"], "#777777"))))
                if e.get("last_error"):
                    ei.setToolTip(1, e["last_error"])
                it.addChild(ei)
                if e["code"] == selected:
                    self.tree.setCurrentItem(ei)
        self.tree.expandAll()
        self.loaded.emit()

    def selected_code(self) -> str | None:
        it = self.tree.currentItem()
        if it is None:
            return None
        kind, code = it.data(0, Qt.ItemDataRole.UserRole)
        return str(code) if kind == "endpoint" else None

    def _area_choices(self) -> list[tuple[str, str]]:
        return [(code, "  " * depth + f"{name} ({code})") for depth, code, name, _lv, _p in self.data["areas"]]

    def add_area(self) -> None:
        dlg = AreaDialog(self._area_choices(), self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        code, name, level, parent, quiet = (
            dlg.code.text().strip(),
            dlg.name.text().strip(),
            dlg.level.currentData(),
            dlg.parent_area.currentData(),
            dlg.quiet.text().strip() or None,
        )
        self.hub.write(lambda s: areas_mod.add_area(s, code, name, level, parent, None, quiet), on_error=self._show_error)

    def add_endpoint(self) -> None:
        dlg = EndpointDialog(self._area_choices(), None, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        code, name, area, url, pw, fmt = (
            dlg.code.text().strip(),
            dlg.name.text().strip(),
            dlg.area.currentData(),
            dlg.url.text().strip(),
            dlg.password.text() or None,
            dlg.format.currentData(),
        )
        ws = self.hub.ws  # a file:// folder must stay out of LoaXa's own folders, as in the CLI
        self.hub.write(
            lambda s: ep_mod.add_endpoint(s, code, name, area, url, password=pw, fmt=fmt, data_dir=ws.data_dir, media_root=ws.media.root),
            on_error=self._show_error,
        )

    def edit_endpoint(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        current = next(e for es in self.data["endpoints"].values() for e in es if e["code"] == code)
        dlg = EndpointDialog(self._area_choices(), current, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        name, url, pw, fmt = dlg.name.text().strip(), dlg.url.text().strip() or None, dlg.password.text() or None, dlg.format.currentData()
        ws = self.hub.ws
        self.hub.write(
            lambda s: ep_mod.edit_endpoint(s, code, name=name, url=url, password=pw, fmt=fmt, data_dir=ws.data_dir, media_root=ws.media.root),
            on_error=self._show_error,
        )

    def _show_error(self, exc: BaseException) -> None:
        from schedules.errors import LoaxaError

        self.result.setText("⚠ " + (exc.message if isinstance(exc, LoaxaError) else str(exc)))
        self.result.setStyleSheet("color: #b3261e;")

    def test_selected(self, code: str | None = None) -> None:
        code = code or self.selected_code()
        if code is None:
            return
        ws = self.hub.ws
        self.result.setText(self.tr("Testing {code}…").format(code=code))

        def job() -> Any:
            from broadcast.monitor import test_endpoint

            with ws.sessions() as s:
                url = ep_mod.full_url(ep_mod.get_endpoint(s, code))
            return asyncio.run(test_endpoint(url))

        def done(res: Any) -> None:
            self.result.setText(("✔ " if res.ok else "⚠ ") + f"{code}: {res.message}")
            self.result.setStyleSheet("color: #1b7f3a;" if res.ok else "color: #b3261e;")
            self.tested.emit(code, res)

        background.run(job, done, self._show_error, owner=self)
