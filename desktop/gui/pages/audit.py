"""Nhật ký thao tác: the audit trail, newest first, and a check of its hash chain."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from schedules import audit
from schedules.timeutil import DEFAULT_TZ, zone

from .. import background

LIMIT = 1000


def load(s: Session, user: str, action: str) -> list[tuple[Any, ...]]:
    tz = zone(DEFAULT_TZ)
    rows = []
    for e in audit.entries(s, user=user or None, action=action or None, limit=LIMIT):
        at = e.at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S") if isinstance(e.at, datetime) else ""
        what = "; ".join(f"{k}={v}" for k, v in (e.details or {}).items())
        if e.before is not None or e.after is not None:
            what = (what + "; " if what else "") + f"{e.before} → {e.after}"
        rows.append((e.id, at, e.actor or "?", bool(e.before_accounts), e.action, f"{e.object_kind} {e.object_id or ''}".strip(), e.pc or "", what[:200]))
    return rows


class AuditModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[Any, ...]] = []

    def headers(self) -> list[str]:
        return [self.tr("#"), self.tr("When"), self.tr("Who"), self.tr("Action"), self.tr("Object"), self.tr("PC"), self.tr("Details")]

    def set_rows(self, rows: list[tuple[Any, ...]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        rid, at, actor, before_accounts, action, obj, pc, what = self.rows[index.row()]
        who = self.tr("{name} (before accounts)").format(name=actor) if before_accounts else actor
        return (rid, at, who, action, obj, pc, what)[index.column()]


class AuditPage(QWidget):
    def __init__(self, hub: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("User"))
        self.action = QLineEdit()
        self.action.setPlaceholderText(self.tr("Action (e.g. item. or login)"))
        self.refresh_button = QPushButton(self.tr("Show"))
        self.verify_button = QPushButton(self.tr("Check the chain"))
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        for w in (self.user, self.action, self.refresh_button, self.verify_button):
            top.addWidget(w)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("<h2>" + self.tr("Audit trail") + "</h2>"))
        lay.addLayout(top)
        lay.addWidget(self.verdict)
        lay.addWidget(self.table, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)
        self.user.returnPressed.connect(self.refresh)
        self.action.returnPressed.connect(self.refresh)
        self.hub.changed.connect(lambda _words: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        user, action = self.user.text().strip(), self.action.text().strip()
        self.hub.read(lambda s: load(s, user, action), self.model.set_rows)

    def verify(self) -> None:
        engine = self.hub.ws.engine
        self.verify_button.setEnabled(False)
        self.verdict.setText(self.tr("Checking…"))

        def done(v: audit.Verdict) -> None:
            self.verify_button.setEnabled(True)
            if v.ok:
                self.verdict.setText(self.tr("The chain holds: {n} rows checked.").format(n=v.rows))
            elif v.problem == "chain_broken":
                self.verdict.setText(self.tr("The chain breaks at row {row}: a row before it was deleted or inserted by hand.").format(row=v.bad_row))
            elif v.problem == "rows_missing_at_end":
                self.verdict.setText(self.tr("Rows were deleted from the end (row {row} and later).").format(row=v.bad_row))
            else:
                self.verdict.setText(self.tr("Row {row} was changed or inserted by hand.").format(row=v.bad_row))

        background.run(lambda: audit.verify(engine), done, owner=self)
