"""Cài đặt (Settings): language, loudness preset, quiet hours, trusted keys, data folder, engine
autostart, operator name. Values are stored in the database (shared with the CLI and engine)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from schedules import areas as areas_mod
from schedules import keys as keys_mod
from schedules import settings as settings_mod

from .. import background
from ..hub import Hub
from ..widgets import Combo


def load(s: Session) -> dict[str, Any]:
    d = settings_mod.all_values(s)
    d["areas"] = areas_mod.quiet_hours_rows(s)
    d["keys"] = [(k.key_id, k.issuer_code, k.name, k.revoked_at is not None) for k in keys_mod.list_keys(s)]
    return d


class SettingsPage(QWidget):
    loaded = Signal()
    saved = Signal()

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.values: dict[str, Any] = {}

        general = QGroupBox(self.tr("General"))
        g = QFormLayout(general)
        self.language = Combo()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.operator = QLineEdit()
        self.autostart = QCheckBox(self.tr("Start the engine with the application"))
        self.data_dir = QLabel(str(hub.ws.data_dir))
        g.addRow(self.tr("Language (after a restart)"), self.language)
        g.addRow(self.tr("Operator name (for approvals)"), self.operator)
        g.addRow("", self.autostart)
        self.preroll = QDoubleSpinBox()
        self.preroll.setRange(0, 120)
        self.preroll.setDecimals(1)
        self.preroll.setSuffix(" " + self.tr("s"))
        self.preroll.setToolTip(self.tr("The engine connects to each loudspeaker stream this long before an airing, so the first word is heard."))
        self.grace = QSpinBox()
        self.grace.setRange(1, 3600)
        self.grace.setSuffix(" " + self.tr("s"))
        self.grace.setToolTip(
            self.tr(
                "After the computer was off or busy, an airing still starts (joining where it has reached) if it is at most this late; later ones are recorded as missed."
            )
        )
        g.addRow(self.tr("Connect before each airing"), self.preroll)
        g.addRow(self.tr("An airing may still start late by"), self.grace)
        g.addRow(self.tr("Data folder"), self.data_dir)
        self.backup_folder = QLineEdit()
        self.backup_folder.setPlaceholderText(self.tr("off (choose a folder on another disk or a USB drive)"))
        self.backup_browse = QPushButton(self.tr("Choose…"))
        self.backup_keep = QSpinBox()
        self.backup_keep.setRange(1, 365)
        self.backup_keep.setSuffix(" " + self.tr("backups"))
        br = QHBoxLayout()
        br.addWidget(self.backup_folder, 1)
        br.addWidget(self.backup_browse)
        br.addWidget(QLabel(self.tr("keep")))
        br.addWidget(self.backup_keep)
        g.addRow(self.tr("Daily automatic backup"), br)

        loud = QGroupBox(self.tr("Loudness (speech preset)"))
        lf = QFormLayout(loud)
        self.target = QDoubleSpinBox()
        self.target.setRange(-30, -10)
        self.target.setSuffix(" LUFS")
        self.peak = QDoubleSpinBox()
        self.peak.setRange(-6, 0)
        self.peak.setSuffix(" dBTP")
        self.trim = QCheckBox(self.tr("Trim silence at both ends"))
        self.highpass = QSpinBox()
        self.highpass.setRange(0, 400)
        self.highpass.setSuffix(" Hz")
        self.highpass.setSpecialValueText(self.tr("off"))
        self.render_button = QPushButton(self.tr("Render every item again now"))
        lf.addRow(self.tr("Target loudness"), self.target)
        lf.addRow(self.tr("True-peak ceiling"), self.peak)
        lf.addRow("", self.trim)
        lf.addRow(self.tr("High-pass for horn speakers"), self.highpass)
        lf.addRow("", self.render_button)

        quiet = QGroupBox(self.tr("Quiet hours"))
        qf = QFormLayout(quiet)
        self.area = Combo()
        self.quiet_mode = Combo(chars=20)
        self.quiet_mode.addItem(self.tr("As the area above it"), "inherit")
        self.quiet_mode.addItem(self.tr("No quiet hours"), "none")
        self.quiet_mode.addItem(self.tr("From … to …"), "range")
        self.quiet = QLineEdit()
        self.quiet.setPlaceholderText("21:00-05:00")
        self.quiet_button = QPushButton(self.tr("Apply to the area"))
        self.quiet_effective = QLabel()
        qr = QHBoxLayout()
        qr.addWidget(self.quiet_mode)
        qr.addWidget(self.quiet, 1)
        qr.addWidget(self.quiet_button)
        qf.addRow(self.tr("Area"), self.area)
        qf.addRow(self.tr("Quiet hours"), qr)
        qf.addRow("", self.quiet_effective)
        self.quiet_mode.currentIndexChanged.connect(lambda _i: self.quiet.setEnabled(self.quiet_mode.currentData() == "range"))

        keys = QGroupBox(self.tr("Trusted keys (content bundles)"))
        kl = QVBoxLayout(keys)
        self.keys = QListWidget()
        self.trust_button = QPushButton(self.tr("Trust a public key…"))
        self.revoke_button = QPushButton(self.tr("Revoke"))
        kr = QHBoxLayout()
        kr.addWidget(self.trust_button)
        kr.addWidget(self.revoke_button)
        kr.addStretch(1)
        kl.addWidget(self.keys)
        kl.addLayout(kr)

        self.save_button = QPushButton(self.tr("Save settings"))
        self.status = QLabel()
        from ..backup_panel import BackupPanel

        self.backup_panel = BackupPanel(hub, self)
        from ..httn_panel import HttnPanel

        self.httn_panel = HttnPanel(hub, self)  # the province server (HTTTN), tested off the GUI thread
        inner = QWidget()
        lay = QVBoxLayout(inner)
        scroll = QScrollArea()  # a page that grows never forces the window taller than the screen
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        for box in (general, self.backup_panel, self.httn_panel, loud, quiet, keys):
            lay.addWidget(box)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.status, 1)
        lay.addLayout(row)
        lay.addStretch(1)

        self.save_button.clicked.connect(self.save)
        self.backup_browse.clicked.connect(self.choose_backup_folder)
        self.render_button.clicked.connect(self.render_again)
        self.quiet_button.clicked.connect(self.apply_quiet)
        self.area.currentIndexChanged.connect(self._show_area)
        self.trust_button.clicked.connect(self.trust_key)
        self.revoke_button.clicked.connect(self.revoke_key)
        hub.changed.connect(lambda w: self.refresh() if w & {"settings", "areas", "keys"} else None)
        self.refresh()

    def refresh(self) -> None:
        self.hub.read(load, self._on_loaded)

    def _on_loaded(self, d: dict[str, Any]) -> None:
        self.values = d
        self.language.setCurrentIndex(max(0, self.language.findData(d["language"])))
        self.operator.setText(d["operator.name"] or "")
        self.autostart.setChecked(bool(d["engine.autostart"]))
        self.preroll.setValue(float(d["engine.preroll_s"]))
        self.grace.setValue(int(d["engine.misfire_grace_s"]))
        self.backup_folder.setText(str(d.get("backup.folder") or ""))
        self.backup_keep.setValue(int(d.get("backup.keep") or 7))
        preset = d["loudness.preset"] or {}
        self.target.setValue(float(preset.get("target_lufs", -16.0)))
        self.peak.setValue(float(preset.get("true_peak_dbtp", -1.5)))
        self.trim.setChecked(bool(preset.get("trim", True)))
        self.highpass.setValue(int(preset.get("highpass_hz") or 0))
        keep = self.area.currentData()
        self.area.blockSignals(True)
        self.area.clear()
        for code, name, _own, _eff in d["areas"]:
            self.area.addItem(f"{name} ({code})", code)
        if keep is not None:
            self.area.setCurrentIndex(max(0, self.area.findData(keep)))
        self.area.blockSignals(False)
        self._show_area()
        self.keys.clear()
        for key_id, issuer, name, revoked in d["keys"]:
            it = QListWidgetItem(f"{issuer} — {name or ''} — {key_id[:16]}…" + (" (" + self.tr("revoked") + ")" if revoked else ""))
            it.setData(256, key_id)
            self.keys.addItem(it)
        self.loaded.emit()

    def _show_area(self) -> None:
        code = self.area.currentData()
        for c, _n, own, eff in self.values.get("areas", []):
            if c == code:
                mode = "inherit" if own is None else "none" if own == "none" else "range"
                self.quiet_mode.setCurrentIndex(self.quiet_mode.findData(mode))
                self.quiet.setText(own if mode == "range" else "")
                self.quiet.setEnabled(mode == "range")
                hours = self.tr("none") if eff == "none" else eff.replace("-", "–")
                self.quiet_effective.setText(self.tr("In effect: {hours}").format(hours=hours))

    def preset(self) -> dict[str, Any]:
        return {
            "target_lufs": round(self.target.value(), 1),
            "true_peak_dbtp": round(self.peak.value(), 1),
            "trim": self.trim.isChecked(),
            "highpass_hz": self.highpass.value() or None,
        }

    def save(self) -> None:
        values = {
            "language": self.language.currentData(),
            "operator.name": self.operator.text().strip(),
            "engine.autostart": self.autostart.isChecked(),
            "engine.preroll_s": round(self.preroll.value(), 1),
            "engine.misfire_grace_s": float(self.grace.value()),
            "backup.folder": self.backup_folder.text().strip(),
            "backup.keep": self.backup_keep.value(),
            "loudness.preset": self.preset(),
        }

        def job(s: Session) -> None:
            for k, v in values.items():
                settings_mod.set_value(s, k, v)

        def done(_r: None) -> None:
            self.status.setText(self.tr("Saved. Items are rendered again with a new loudness preset when you press Render."))
            self.saved.emit()

        self.hub.write(job, done)

    def choose_backup_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the daily backup"), self.backup_folder.text())
        if folder:
            self.backup_folder.setText(folder)

    def render_again(self) -> None:
        ws = self.hub.ws
        self.status.setText(self.tr("Rendering…"))

        def job() -> dict[str, Any]:
            from broadcast import renditions

            return renditions.render_missing(ws)

        background.run(
            job,
            lambda r: self.status.setText(self.tr("{made} renditions made, {failed} failed.").format(made=len(r["made"]), failed=len(r["failed"]))),
            owner=self,
        )

    def apply_quiet(self) -> None:
        code = self.area.currentData()
        mode = self.quiet_mode.currentData()
        value = self.quiet.text().strip() if mode == "range" else str(mode)
        if code is None:
            return
        self.hub.write(lambda s: areas_mod.edit_area(s, code, quiet_hours=value), lambda _r: self.status.setText(self.tr("Quiet hours changed.")), self._error)

    def _error(self, exc: BaseException) -> None:
        from schedules.errors import LoaxaError

        self.status.setText("⚠ " + (exc.message if isinstance(exc, LoaxaError) else str(exc)))

    def trust_key(self, path: str | None = None, issuer: str | None = None) -> None:
        from PySide6.QtWidgets import QInputDialog

        if path is None:
            path, _f = QFileDialog.getOpenFileName(self, self.tr("A public key (PEM)"), "", "PEM (*.pub *.pem);;*")
            if not path:
                return
        if issuer is None:
            issuer, ok = QInputDialog.getText(self, self.tr("Trust a key"), self.tr("Issuer code (the province or district code)"))
            if not ok or not issuer.strip():
                return
        from pathlib import Path

        from schedules import keys

        p, who = Path(path), issuer.strip()
        self.hub.write(lambda s: keys.trust(s, p, who), lambda _r: self.status.setText(self.tr("Key trusted.")), self._error)

    def revoke_key(self) -> None:
        it = self.keys.currentItem()
        if it is None:
            return
        key_id = str(it.data(256))
        from schedules import keys

        self.hub.write(lambda s: keys.revoke(s, key_id), lambda _r: self.status.setText(self.tr("Key revoked.")), self._error)
