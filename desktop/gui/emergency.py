"""Phát khẩn cấp (emergency broadcast): choose content (an approved item, a file, or a recording
made here from the microphone), choose
targets (all, an area, chosen endpoints), see exactly what will be interrupted, confirm; the
command goes through the engine's queue and the Today page shows it taking effect."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QProcess, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from schedules import lease
from schedules.models import Area, Endpoint, Item

from . import background
from .hub import Hub
from .widgets import Combo


def load_choices(s: Session) -> dict[str, Any]:
    items = [(i.id, i.title, i.priority) for i in s.scalars(select(Item).where(Item.state == "approved").order_by(Item.priority, Item.id.desc()))]
    areas = [(a.code, a.name) for a in s.scalars(select(Area).order_by(Area.code))]
    eps = [(e.code, e.name) for e in s.scalars(select(Endpoint).where(Endpoint.enabled.is_(True)).order_by(Endpoint.code))]
    info = lease.read(s, datetime.now(UTC))
    on_air = (info.info or {}).get("on_air", []) if info.alive else []
    from schedules.planner import load_input

    area_eps = load_input(s).area_endpoints
    from schedules import settings as settings_mod

    operator = str(settings_mod.get(s, "operator.name") or "")
    return {"operator": operator, "items": items, "areas": areas, "endpoints": eps, "on_air": on_air, "engine": info.alive, "area_endpoints": area_eps}


class EmergencyDialog(QDialog):
    sent = Signal(object)  # the command id
    recorded = Signal(str)  # the recording's path ("" when the recording failed)

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.choices: dict[str, Any] = {"items": [], "areas": [], "endpoints": [], "on_air": [], "engine": False, "area_endpoints": {}}
        self.setWindowTitle(self.tr("Emergency broadcast"))
        self.setMinimumWidth(520)
        self.use_item = QRadioButton(self.tr("An approved item"))
        self.use_file = QRadioButton(self.tr("An audio file"))
        self.use_item.setChecked(True)
        self.item = Combo()
        self.file = QLineEdit()
        self.browse = QPushButton(self.tr("Choose…"))
        self.record_button = QPushButton(self.tr("Record…"))
        self.record_button.setToolTip(self.tr("Record the announcement from this PC's microphone"))
        self.record_label = QLabel()
        self.record_label.setWordWrap(True)
        self._recording: QProcess | None = None
        self._record_out: Path | None = None
        self._record_clock = QTimer(self)
        self._record_clock.setInterval(500)
        self._record_clock.timeout.connect(self._show_record_time)
        fr = QHBoxLayout()
        fr.addWidget(self.file, 1)
        fr.addWidget(self.browse)
        fr.addWidget(self.record_button)
        self.to_all = QRadioButton(self.tr("Every endpoint"))
        self.to_area = QRadioButton(self.tr("An area"))
        self.to_some = QRadioButton(self.tr("Chosen endpoints"))
        self.to_all.setChecked(True)
        group = QButtonGroup(self)
        for b in (self.to_all, self.to_area, self.to_some):
            group.addButton(b)
        cgroup = QButtonGroup(self)
        for b in (self.use_item, self.use_file):
            cgroup.addButton(b)
        self.area = Combo()
        self.endpoints = QListWidget()
        self.impact = QLabel()
        self.impact.setWordWrap(True)
        self.send_button = QPushButton(self.tr("BROADCAST NOW"))
        self.send_button.setStyleSheet(
            "QPushButton { background: #c62828; color: white; font-weight: bold; padding: 8px; } QPushButton:disabled { background: #e0e0e0; color: #757575; }"
        )
        self.cancel_button = QPushButton(self.tr("Cancel"))
        form = QFormLayout()
        form.addRow(self.use_item, self.item)
        form.addRow(self.use_file, fr)
        form.addRow("", self.record_label)
        form.addRow(self.to_all)
        form.addRow(self.to_area, self.area)
        form.addRow(self.to_some, self.endpoints)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.impact)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.send_button)
        lay.addLayout(row)
        self.browse.clicked.connect(self.choose_file)
        self.record_button.clicked.connect(self.toggle_recording)
        self.cancel_button.clicked.connect(self.reject)
        self.send_button.clicked.connect(self.confirm_and_send)
        for b in (self.to_all, self.to_area, self.to_some):
            b.toggled.connect(self._update_impact)
        self.area.currentIndexChanged.connect(self._update_impact)
        self.endpoints.itemChanged.connect(self._update_impact)
        hub.read(load_choices, self._on_choices)

    def _on_choices(self, c: dict[str, Any]) -> None:
        self.choices = c
        self.item.clear()
        for item_id, title, prio in c["items"]:
            self.item.addItem(("⚠ " if prio == 1 else "") + title, item_id)
        self.area.clear()
        for code, name in c["areas"]:
            self.area.addItem(f"{name} ({code})", code)
        self.endpoints.clear()
        for code, name in c["endpoints"]:
            it = QListWidgetItem(f"{name} ({code})")
            it.setData(Qt.ItemDataRole.UserRole, code)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Unchecked)
            self.endpoints.addItem(it)
        self._update_impact()

    def choose_file(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self, self.tr("Emergency audio"), "", self.tr("Audio (*.mp3 *.wav *.m4a *.ogg *.amr *.wma *.flac);;All files (*)")
        )
        if path:
            self.file.setText(path)
            self.use_file.setChecked(True)

    # -- recording from the microphone (ffmpeg in its own process; the window never waits) --------

    def toggle_recording(self) -> None:
        if self._recording is None:
            self.start_recording()
        else:
            self.stop_recording()

    def start_recording(self) -> None:
        from broadcast import capture
        from schedules.errors import LoaxaError

        folder = self.hub.ws.data_dir / "recordings"
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / f"ghi-am-{datetime.now():%Y%m%d-%H%M%S}.wav"
        try:
            program, args = capture.record_command(out)
        except LoaxaError as exc:
            self.record_label.setText(self.tr("Could not record: {error}").format(error=exc.message))
            return
        proc = QProcess(self)
        proc.setProgram(program)
        proc.setArguments(args)
        proc.finished.connect(self._recording_finished)
        proc.errorOccurred.connect(self._recording_error)
        self._recording, self._record_out = proc, out
        proc.start()
        self.record_button.setText(self.tr("Stop recording"))
        self._record_clock.start()
        self._show_record_time()

    def stop_recording(self) -> None:
        from broadcast import capture

        if self._recording is not None:
            self._recording.write(capture.STOP_KEY)  # ffmpeg finishes the file and exits

    def done(self, result: int) -> None:  # noqa: D102 - closing the dialog ends a recording
        if self._recording is not None:
            proc, self._recording = self._recording, None
            proc.kill()
            proc.waitForFinished(2000)
        super().done(result)

    def recorded_seconds(self) -> float:
        """Seconds of sound in the recording so far (from the file: what the microphone gave)."""
        from broadcast import capture

        out = self._record_out
        size = out.stat().st_size if out is not None and out.is_file() else 0
        return capture.wav_seconds(size)

    def _show_record_time(self) -> None:
        secs = self.recorded_seconds()
        self.record_label.setText(self.tr("● Recording… {s} s (press Stop recording to finish)").format(s=int(secs)))

    def _recording_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:  # no finished() follows
            self._recording_finished(-1, QProcess.ExitStatus.CrashExit)

    def _recording_finished(self, code: int, _status: Any) -> None:
        from broadcast import capture

        proc, out = self._recording, self._record_out
        if proc is None or out is None:
            return
        self._recording = None
        self._record_clock.stop()
        self.record_button.setText(self.tr("Record…"))
        secs = capture.wav_seconds(out.stat().st_size) if out.is_file() else 0.0
        if code == 0 and secs >= 0.5:
            self.file.setText(str(out))
            self.use_file.setChecked(True)
            self.record_label.setText(self.tr("Recorded {s} s: it will air as the file above.").format(s=f"{secs:.1f}"))
            self.recorded.emit(str(out))
            return
        detail = bytes(proc.readAllStandardError().data()).decode(errors="replace").strip()[-200:] or self.tr("no sound came from the microphone")
        self.record_label.setText(self.tr("Could not record from the microphone: {error}").format(error=detail))
        out.unlink(missing_ok=True)
        self.recorded.emit("")

    def targets(self) -> list[str]:
        if self.to_all.isChecked():
            return [code for code, _n in self.choices["endpoints"]]
        if self.to_area.isChecked():
            return [self.area.currentData()] if self.area.currentData() else []
        return [
            str(self.endpoints.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.endpoints.count())
            if self.endpoints.item(i).checkState() == Qt.CheckState.Checked
        ]

    def target_endpoints(self) -> set[str]:
        """Endpoint codes the targets mean (areas expand)."""
        if not self.to_area.isChecked():
            return set(self.targets())
        return set(self.choices["area_endpoints"].get(self.area.currentData() or "", ()))

    def impact_text(self) -> str:
        """What the broadcast will do: where, and what it interrupts."""
        eps = self.target_endpoints()
        names = dict(self.choices["endpoints"])
        on = [a for a in self.choices["on_air"] if a.get("endpoint") in eps]
        lines = [self.tr("It will air at once on {n} endpoints: {names}.").format(n=len(eps), names=", ".join(names.get(e, e) for e in sorted(eps)) or "—")]
        if on:
            lines.append(self.tr("It interrupts what is on air now:"))
            lines += [f"  • {names.get(a['endpoint'], a['endpoint'])}: {a.get('title') or ''}" for a in on]
            lines.append(self.tr("The interrupted programmes resume afterwards as their schedules say."))
        else:
            lines.append(self.tr("Nothing is on air on these endpoints now."))
        if not self.choices["engine"]:
            lines.append(self.tr("Warning: the engine is not running; start it first or nothing will air."))
        return "\n".join(lines)

    def _update_impact(self) -> None:
        self.impact.setText(self.impact_text())

    def confirm_and_send(self) -> None:
        text = self.impact_text()
        answer = QMessageBox.question(self, self.tr("Confirm the emergency broadcast"), text + "\n\n" + self.tr("Broadcast now?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.send()

    def send(self) -> None:
        targets = self.targets()
        if not targets:
            QMessageBox.warning(self, self.tr("Emergency broadcast"), self.tr("Choose at least one target."))
            return
        actor = self.choices.get("operator") or self.tr("the operator")
        path = Path(self.file.text()) if self.use_file.isChecked() and self.file.text() else None
        item_id = None if path else self.item.currentData()
        ws = self.hub.ws
        self.send_button.setEnabled(False)

        def job() -> int:
            from broadcast import requests
            from schedules.commands import BroadcastRequest

            if path is not None:
                ids = [requests.item_from_file(ws, path, actor)]
            else:
                assert item_id is not None  # no file: an item was chosen
                ids = [int(item_id)]
            return requests.enqueue(ws, BroadcastRequest(targets, item_ids=ids, priority=1, actor=actor))

        def done(cmd_id: int) -> None:
            self.sent.emit(cmd_id)
            self.hub.changed.emit(frozenset({"runs", "items"}))
            self.accept()

        def failed(exc: BaseException) -> None:
            self.send_button.setEnabled(True)
            from .errors import report_exception

            report_exception(exc, self)

        background.run(job, done, failed, owner=self)
