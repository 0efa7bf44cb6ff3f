"""Approve, reject, retire and edit the selected item. Writes go through the hub; the approver's
name (the operator setting) is read in the background, never on the GUI thread. Its strings keep
the translation context "LibraryPage"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QInputDialog, QMessageBox, QPushButton, QWidget
from sqlalchemy.orm import Session

from schedules import audit, library, settings

from ...hub import Hub
from .meta_dialog import MetaDialog


def operator_name(session: Session) -> str:
    """Who approves: the person signed in to the window, else the approver the settings name
    ("" when neither: the window asks)."""
    return audit.current_actor() or str(settings.get(session, "operator.name") or "")


class ApprovalBar(QWidget):
    """The buttons acting on the selected item, enabled as its state allows."""

    acted = Signal(int)  # the id of the item a write changed

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.item_id: int | None = None
        self.current: dict[str, Any] | None = None  # the item shown, when it is the selected one
        self.approve_button = QPushButton(QCoreApplication.translate("LibraryPage", "Approve"))
        self.reject_button = QPushButton(QCoreApplication.translate("LibraryPage", "Reject…"))
        self.retire_button = QPushButton(QCoreApplication.translate("LibraryPage", "Retire"))
        self.edit_button = QPushButton(QCoreApplication.translate("LibraryPage", "Edit…"))
        # a retired item is not a dead end (issue 16): approved again if it had been, else a draft
        self.restore_button = QPushButton(QCoreApplication.translate("LibraryPage", "Restore"))
        self.restore_button.setToolTip(
            QCoreApplication.translate("LibraryPage", "Use this retired item again: approved again if it had been approved, else a draft to approve")
        )
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for b in (self.approve_button, self.reject_button, self.retire_button, self.restore_button, self.edit_button):
            lay.addWidget(b)
        self.approve_button.clicked.connect(lambda: self.approve_selected())
        self.reject_button.clicked.connect(lambda: self.reject_selected())
        self.retire_button.clicked.connect(lambda: self.retire_selected())
        self.restore_button.clicked.connect(self.restore_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.set_item(None, None)

    def set_item(self, item_id: int | None, current: dict[str, Any] | None) -> None:
        """The selected item and, when loaded, its details (``current``)."""
        self.item_id = item_id
        self.current = current if current is not None and current.get("id") == item_id else None
        state = self.current["state"] if self.current else None
        has = item_id is not None
        self.approve_button.setEnabled(has and state in ("draft", "rejected"))
        self.reject_button.setEnabled(has and state in ("draft", "approved"))
        self.retire_button.setEnabled(has and state != "retired")
        self.restore_button.setVisible(state == "retired")
        self.restore_button.setEnabled(has and state == "retired")
        self.edit_button.setEnabled(has)

    def _write(self, item_id: int, fn: Any) -> None:
        self.hub.write(fn, lambda _r: self.acted.emit(item_id))

    def approve_selected(self, by: str | None = None) -> None:
        """Approve as ``by``; without it, as the operator the settings name, else ask who."""
        item_id = self.item_id
        if item_id is None:
            return
        if by:
            self._approve(item_id, by)
            return
        self.hub.read(operator_name, lambda name: self._approve(item_id, name or self.ask_approver()))

    def ask_approver(self) -> str | None:
        text, ok = QInputDialog.getText(
            self, QCoreApplication.translate("LibraryPage", "Approve"), QCoreApplication.translate("LibraryPage", "Who approves? (name)")
        )
        return text.strip() if ok and text.strip() else None

    def _approve(self, item_id: int, name: str | None) -> None:
        if name:
            self._write(item_id, lambda s: library.approve(s, item_id, name))

    def reject_selected(self, reason: str | None = None) -> None:
        item_id = self.item_id
        if item_id is None:
            return
        if reason is None:
            text, ok = QInputDialog.getText(
                self, QCoreApplication.translate("LibraryPage", "Reject"), QCoreApplication.translate("LibraryPage", "Why is it rejected?")
            )
            if not ok or not text.strip():
                return
            reason = text.strip()
        why = reason
        self._write(item_id, lambda s: library.reject(s, item_id, why, "gui"))

    def retire_selected(self, confirm: bool = True) -> None:
        item_id = self.item_id
        if item_id is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self, QCoreApplication.translate("LibraryPage", "Retire"), QCoreApplication.translate("LibraryPage", "Retire this item? It will no longer air.")
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._write(item_id, lambda s: library.retire(s, item_id, "gui"))

    def restore_selected(self) -> None:
        item_id = self.item_id
        if item_id is None:
            return
        self._write(item_id, lambda s: library.restore(s, item_id, "gui"))

    def edit_selected(self) -> None:
        if self.current is None:
            return
        dlg = MetaDialog(self.current, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            meta = dlg.meta()
        except Exception as exc:  # noqa: BLE001 - shown to the operator
            from ...errors import report_exception

            report_exception(exc, self)
            return
        item_id = self.current["id"]
        self._write(item_id, lambda s: library.edit_item(s, item_id, meta, actor="gui"))
