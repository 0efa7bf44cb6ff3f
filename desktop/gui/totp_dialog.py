"""Setting up one-time codes (TOTP) for an account: the QR code for the authenticator app, the key
for typing it in by hand, and a first code to prove the app holds it before anything is saved."""

from __future__ import annotations

import io
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from schedules import accounts as acc_mod
from schedules import audit

QR_SCALE = 6  # pixels per module: a phone camera reads it from a screen at arm's length
QR_BORDER = 4  # the quiet zone the QR standard asks for, in modules


def qr_code(uri: str) -> Any:
    """The QR code the dialog shows for ``uri`` (segno, error correction M)."""
    import segno

    return segno.make(uri, error="m")


def qr_png(uri: str) -> bytes:
    buf = io.BytesIO()
    qr_code(uri).save(buf, kind="png", scale=QR_SCALE, border=QR_BORDER)
    return buf.getvalue()


def confirm(s: Session, name: str, secret: str, code: str) -> str:
    """Save the codes of ``name`` after a first code matched: one's own account, or an admin for
    anyone (as ``loaxa accounts totp``), checked in the transaction that writes."""
    me = acc_mod.find(s, audit.current_actor())
    if me is None or me.name != acc_mod.check_name(name):
        acc_mod.require(s, me, acc_mod.ADMIN, "loaxa accounts totp")
    return acc_mod.totp_confirm(s, name, secret, code).name


def grouped(secret: str) -> str:
    """The key in groups of four, as authenticator apps show it."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class TotpDialog(QDialog):
    """Shows a new secret for ``name`` and saves it only when a first code from the app matches."""

    enrolled = Signal(str)  # the account's name

    def __init__(self, hub: Any, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.name = name
        self.secret = ""
        self.uri = ""
        self.setWindowTitle(self.tr("One-time codes for {name}").format(name=name))
        self.intro = QLabel(
            self.tr(
                "Open the authenticator app (Google Authenticator, Microsoft Authenticator, FreeOTP…) on the phone, "
                "add an account and scan this code. Without a camera, type the key instead."
            )
        )
        self.intro.setWordWrap(True)
        self.qr = QLabel(self.tr("Making the code…"))
        self.qr.setObjectName("totp_qr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(240, 240)
        self.key = QLabel()
        self.key.setObjectName("totp_key")
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        f = self.key.font()
        f.setFamily("DejaVu Sans Mono")
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.key.setFont(f)
        self.code = QLineEdit()
        self.code.setObjectName("totp_code")
        self.code.setMaxLength(6)
        self.code.setPlaceholderText(self.tr("6 digits"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel { color: #b3261e; }")
        form = QFormLayout()
        form.addRow(self.tr("Key"), self.key)
        form.addRow(self.tr("Code shown by the app"), self.code)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(self.tr("Confirm and save"))
        self.save_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        self.code.returnPressed.connect(self.confirm)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.qr)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        hub.read(lambda s: acc_mod.totp_offer(s, name), self._offered, self._failed)

    def _offered(self, offer: tuple[str, str]) -> None:
        self.secret, self.uri = offer
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png(self.uri), "PNG")
        self.qr.setPixmap(pixmap)
        self.key.setText(grouped(self.secret))
        self.save_button.setEnabled(True)
        self.code.setFocus()

    def confirm(self) -> None:
        if not self.secret:
            return
        name, secret, code = self.name, self.secret, self.code.text().strip()
        self.save_button.setEnabled(False)
        self.message.clear()
        self.hub.write(lambda s: confirm(s, name, secret, code), self._saved, self._failed)

    def _saved(self, name: str) -> None:
        self.enrolled.emit(name)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from schedules.errors import LoaxaError

        if not isinstance(exc, LoaxaError):  # a bug: the crash dialog with the log's path
            from .errors import report_exception

            report_exception(exc, self)
            return
        self.save_button.setEnabled(bool(self.secret))
        self.code.selectAll()
        self.message.setText(str(exc))
