"""Phát trực tiếp (live from the microphone): choose the microphone (or, to test, an audio file
read in real time), the targets and the priority; "Phát trực tiếp" asks the running engine to put
it on air (the engine owns the capture: broadcast/engine/live.py), a red "ĐANG PHÁT TRỰC TIẾP"
banner and a level meter show it is on air, "Dừng" ends it. The meter reads the level the engine
publishes (a small file in the data folder) every 200 ms, off the GUI thread.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from schedules.models import Area, Endpoint

from . import background
from .hub import Hub
from .widgets import Combo

METER_FLOOR = -60  # LUFS at the meter's left end


def list_microphones() -> list[str]:
    """Capture devices this PC offers (PulseAudio sources without the monitors; DirectShow audio
    devices on Windows). Empty when none can be listed: the system's default is always offered."""
    if sys.platform == "win32":
        from broadcast import ffmpeg

        res = subprocess.run(
            [ffmpeg.find().path, "-hide_banner", "-list_devices", "true", "-f", "dshow", "-i", "dummy"],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=20,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
        import re

        return [m.group(1) for m in re.finditer(r'"([^"]+)"\s*\(audio\)', res.stderr)]
    pactl = shutil.which("pactl")
    if pactl is None:
        return []
    try:
        out = subprocess.run([pactl, "list", "short", "sources"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [line.split("\t")[1] for line in out.splitlines() if "\t" in line and not line.split("\t")[1].endswith(".monitor")]


def load_choices(s: Session) -> dict[str, Any]:
    from schedules import settings as settings_mod

    return {
        "areas": [(a.code, a.name) for a in s.scalars(select(Area).order_by(Area.code))],
        "endpoints": [(e.code, e.name) for e in s.scalars(select(Endpoint).where(Endpoint.enabled.is_(True)).order_by(Endpoint.code))],
        "operator": str(settings_mod.get(s, "operator.name") or ""),
        "max_s": float(settings_mod.get(s, "live.max_s")),
        "microphones": list_microphones(),
    }


def read_command(ws: Any, cmd_id: int) -> dict[str, Any]:
    """The live command's state and result, and the engine's level file."""
    from schedules.models import Command

    with ws.sessions() as s:
        cmd = s.get(Command, cmd_id)
        state, result = (cmd.state, dict(cmd.result or {})) if cmd is not None else ("missing", {})
    level: dict[str, Any] = {}
    path = Path(ws.data_dir) / "live" / "level.json"
    try:
        level = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    return {"state": state, "result": result, "level": level if level.get("live_id") == cmd_id else {}}


class LiveDialog(QDialog):
    loaded = Signal()
    on_air = Signal(object)  # the command's result once on air
    ended = Signal(object)  # the final result (or the refusal)
    level_shown = Signal(float)
    tested = Signal(bool)  # the microphone test heard sound

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.choices: dict[str, Any] = {"areas": [], "endpoints": [], "operator": "", "max_s": 3600.0, "microphones": []}
        self.command_id: int | None = None
        self._polling = False
        self._live = False
        self.setWindowTitle(self.tr("Live broadcast"))
        self.setMinimumWidth(520)
        self.banner = QLabel(self.tr("● ON AIR LIVE"))
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet("background: #c62828; color: white; font-weight: bold; font-size: 16px; padding: 6px;")
        self.banner.hide()
        self.use_mic = QRadioButton(self.tr("Microphone"))
        self.use_file = QRadioButton(self.tr("An audio file (test)"))
        self.use_mic.setChecked(True)
        self.device = Combo()
        self.file = QLineEdit()
        self.browse = QPushButton(self.tr("Choose…"))
        fr = QHBoxLayout()
        fr.addWidget(self.file, 1)
        fr.addWidget(self.browse)
        self.targets_list = QListWidget()
        self.priority = Combo()
        self.priority.addItem(self.tr("1 – emergency: cuts in at once"), 1)
        self.priority.addItem(self.tr("2 – priority"), 2)
        self.meter = QProgressBar()
        self.meter.setRange(METER_FLOOR, 0)
        self.meter.setValue(METER_FLOOR)
        self.meter.setFormat(self.tr("%v LUFS"))
        self.test_button = QPushButton(self.tr("Test the microphone"))
        self.test_button.setToolTip(self.tr("Listen for 3 seconds and show the level, without going on air"))
        self._test_cap: Any = None
        self._test_timer = QTimer(self)
        self._test_timer.setInterval(100)
        self._test_timer.timeout.connect(self._show_test_level)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.start_button = QPushButton(self.tr("GO LIVE"))
        self.start_button.setStyleSheet(
            "QPushButton { background: #c62828; color: white; font-weight: bold; padding: 8px; } QPushButton:disabled { background: #e0e0e0; color: #757575; }"
        )
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"))
        form = QFormLayout()
        form.addRow(self.use_mic, self.device)
        form.addRow(self.use_file, fr)
        form.addRow(self.tr("Targets"), self.targets_list)
        form.addRow(self.tr("Priority"), self.priority)
        meter_row = QHBoxLayout()
        meter_row.addWidget(self.meter, 1)
        meter_row.addWidget(self.test_button)
        form.addRow(self.tr("Level"), meter_row)
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addLayout(form)
        lay.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.start_button)
        lay.addLayout(row)
        self.timer = QTimer(self)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self._poll)
        self.browse.clicked.connect(self.choose_file)
        self.start_button.clicked.connect(self.start)
        self.test_button.clicked.connect(self.test_microphone)
        self.stop_button.clicked.connect(self.stop)
        self.close_button.clicked.connect(self.reject)
        hub.read(load_choices, self._on_choices)

    def _on_choices(self, c: dict[str, Any]) -> None:
        self.choices = c
        self.device.clear()
        self.device.addItem(self.tr("The system's microphone"), "")
        for name in c["microphones"]:
            self.device.addItem(name, name)
        self.targets_list.clear()
        for code, name in [*c["areas"], *c["endpoints"]]:
            it = QListWidgetItem(f"{name} ({code})")
            it.setData(Qt.ItemDataRole.UserRole, code)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Unchecked)
            self.targets_list.addItem(it)
        self.status.setText(self.tr("It stops by itself after {m} minutes.").format(m=round(c["max_s"] / 60)))
        self.loaded.emit()

    def choose_file(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Audio file"), "", self.tr("Audio (*.mp3 *.wav *.m4a *.ogg *.flac);;All files (*)"))
        if path:
            self.file.setText(path)
            self.use_file.setChecked(True)

    def check_target(self, code: str) -> None:
        for i in range(self.targets_list.count()):
            it = self.targets_list.item(i)
            if it.data(Qt.ItemDataRole.UserRole) == code:
                it.setCheckState(Qt.CheckState.Checked)

    def targets(self) -> list[str]:
        items = [self.targets_list.item(i) for i in range(self.targets_list.count())]
        return [str(it.data(Qt.ItemDataRole.UserRole)) for it in items if it.checkState() == Qt.CheckState.Checked]

    # -- testing the microphone here (nothing airs) -------------------------------------------

    def _source(self) -> tuple[str | None, str | None]:
        """(device, file) chosen; (None, None) with a message when the file is missing."""
        if self.use_file.isChecked():
            file = self.file.text().strip()
            if not (file and Path(file).is_file()):
                self.status.setText(self.tr("Choose an audio file that exists."))
                return None, None
            return None, str(Path(file).resolve())
        return (self.device.currentData() or None), None

    def test_microphone(self) -> None:
        from broadcast.live import FIRST_SOUND_S, LiveCapture
        from schedules.formats import DEFAULT_FORMAT, parse_format

        device, file = self._source()
        if self.use_file.isChecked() and file is None:
            return
        out = Path(self.hub.ws.data_dir) / "live" / "test.wav"
        cap = LiveCapture(parse_format(DEFAULT_FORMAT), out, device=device, max_s=FIRST_SOUND_S + 1, source_file=Path(file) if file else None)
        self.test_button.setEnabled(False)
        self.status.setText(self.tr("Listening to the microphone…"))

        def started(_c: Any) -> None:
            self._test_cap = cap
            self._test_timer.start()
            QTimer.singleShot(int(FIRST_SOUND_S * 1000), self._end_test)

        background.run(cap.start, started, self._test_failed, owner=self)

    def _show_test_level(self) -> None:
        cap = self._test_cap
        if cap is not None:
            lufs = max(float(METER_FLOOR), min(0.0, float(cap.level_lufs)))
            self.meter.setValue(int(lufs))
            self.level_shown.emit(lufs)

    def _end_test(self) -> None:
        cap, self._test_cap = self._test_cap, None
        self._test_timer.stop()
        if cap is None:
            return

        def done(result: Any) -> None:
            self.test_button.setEnabled(True)
            result.recording.unlink(missing_ok=True)
            if result.had_sound:
                self.status.setText(self.tr("The microphone hears sound (peak {lufs} LUFS).").format(lufs=round(result.peak_lufs, 1)))
            else:
                self.status.setText(self.tr("No sound from the microphone: check that it is plugged in and not muted."))
            self.tested.emit(result.had_sound)

        background.run(cap.stop, done, self._test_failed, owner=self)

    def _test_failed(self, exc: BaseException) -> None:
        self._test_cap = None
        self._test_timer.stop()
        self.test_button.setEnabled(True)
        self._failed(exc)

    # -- on air ---------------------------------------------------------------------------------

    def start(self) -> None:
        targets = self.targets()
        if not targets:
            self.status.setText(self.tr("Choose at least one target."))
            return
        file = self.file.text().strip() if self.use_file.isChecked() else ""
        if self.use_file.isChecked() and not (file and Path(file).is_file()):
            self.status.setText(self.tr("Choose an audio file that exists."))
            return
        from broadcast.engine.livetap import LiveRequest

        actor = self.choices.get("operator") or self.tr("the operator")
        req = LiveRequest(
            targets,
            device=(self.device.currentData() or None) if not file else None,
            file=str(Path(file).resolve()) if file else None,
            priority=int(self.priority.currentData() or 1),
            actor=actor,
            max_s=float(self.choices["max_s"]),
        )
        ws = self.hub.ws
        self.start_button.setEnabled(False)
        self.status.setText(self.tr("Opening the microphone…"))

        def job() -> int:
            from schedules import commands

            with ws.session() as s:
                return int(commands.enqueue(s, "live", req.payload(), by=actor).id)

        def queued(cmd_id: int) -> None:
            self.command_id = cmd_id
            self.timer.start()

        background.run(job, queued, self._failed, owner=self)

    def stop(self) -> None:
        if self.command_id is None:
            return
        ws, live_id = self.hub.ws, self.command_id
        actor = self.choices.get("operator") or self.tr("the operator")
        self.stop_button.setEnabled(False)
        self.status.setText(self.tr("Stopping…"))

        def job() -> int:
            from schedules import commands

            with ws.session() as s:
                return int(commands.enqueue(s, "live_stop", {"live_id": live_id, "actor": actor}, by=actor).id)

        background.run(job, lambda _id: None, self._failed, owner=self)

    def _poll(self) -> None:
        if self._polling or self.command_id is None:
            return
        self._polling = True
        ws, cmd_id = self.hub.ws, self.command_id

        def done(r: dict[str, Any]) -> None:
            self._polling = False
            self._show(r)

        def failed(exc: BaseException) -> None:
            self._polling = False
            self._failed(exc)

        background.run(lambda: read_command(ws, cmd_id), done, failed, owner=self)

    def _show(self, r: dict[str, Any]) -> None:
        state, result, level = r["state"], r["result"], r["level"]
        if state in ("pending", "taken"):
            return
        if state in ("failed", "cancelled", "missing") or result.get("error") or (state == "done" and not self._live and not result.get("started")):
            self.timer.stop()
            why = (
                result.get("error")
                or "; ".join(f"{x['endpoint']}: {x['reason']}" for x in result.get("skipped", []))
                or self.tr("the engine did not take the command")
            )
            self.status.setText(self.tr("Not on air: {why}").format(why=why))
            self.start_button.setEnabled(True)
            self.command_id = None
            self.ended.emit(result)
            return
        if not self._live:
            self._live = True
            self.banner.show()
            self.stop_button.setEnabled(True)
            names = ", ".join(x["endpoint"] for x in result.get("started", []))
            self.status.setText(self.tr("On air live on: {names}").format(names=names))
            self.on_air.emit(result)
        if level:
            lufs = max(float(METER_FLOOR), min(0.0, float(level.get("lufs", METER_FLOOR))))
            self.meter.setValue(int(lufs))
            self.level_shown.emit(lufs)
        if result.get("ended"):
            self.timer.stop()
            self._live = False
            self.banner.hide()
            self.meter.setValue(METER_FLOOR)
            self.stop_button.setEnabled(False)
            self.start_button.setEnabled(True)
            text = self.tr("The live broadcast ended after {s} s.").format(s=result.get("seconds"))
            if result.get("recording_item") is not None:
                text += " " + self.tr("The recording is kept as item {id} (a draft).").format(id=result["recording_item"])
            self.status.setText(text)
            self.command_id = None
            self.hub.changed.emit(frozenset({"runs", "items"}))
            self.ended.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.timer.stop()
        self.start_button.setEnabled(True)
        from .errors import report_exception

        report_exception(exc, self)

    def done(self, result: int) -> None:  # noqa: D102 - closing the window does not stop the broadcast
        self.timer.stop()
        self._test_timer.stop()
        cap, self._test_cap = self._test_cap, None
        if cap is not None:
            background.run(cap.stop, lambda _r: None, lambda _e: None)
        super().done(result)
