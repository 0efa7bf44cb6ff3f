"""The dialog that edits an item's metadata (the HTTTN fields)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from schedules import library
from schedules.library import ItemMeta

from ...formatting import date_edit_format, from_qdate, local_today, to_qdate
from ...widgets import Combo
from .labels import field_names, priority_label


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
                edit.setDate(to_qdate(date.fromisoformat(value)))
            else:
                edit.setDate(to_qdate(local_today()))
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
            title=self.title.text(),
            summary=self.summary.text() or None,
            field=self.field.currentData(),
            priority=self.priority.currentData(),
            language=self.language.text() or None,
            author=self.author.text() or None,
            source=self.source.text() or None,
            valid_from=from_qdate(self.valid_from.date()).isoformat() if self.has_from.isChecked() else None,
            valid_until=from_qdate(self.valid_until.date()).isoformat() if self.has_until.isChecked() else None,
        )
