"""Soạn thông báo (compose a notice): type the text, see it as it will be said, hear it, dress it
with the station's jingle and say it twice, save it as an item through the import pipeline.

The speech and the bulletin are made by ``broadcast.speech`` and ``broadcast.composer`` in the
background; the commune's abbreviations are edited here too (setting ``speech.abbreviations``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from schedules import settings as settings_mod
from schedules.errors import LoaxaError
from schedules.models import Item
from schedules.speech_text import spoken

from . import background
from .hub import Hub
from .widgets import Combo


def load_choices(s: Session) -> dict[str, Any]:
    """What the dialog offers: settings, the voices there are, the items that can be a jingle."""
    from broadcast import speech

    exe = speech.find_espeak()
    voices = speech.espeak_voices(exe) if exe else []
    g = lambda k: settings_mod.get(s, k)
    items = [(i.id, i.title) for i in s.scalars(select(Item).where(Item.state != "retired").where(Item.duration_s <= 60).order_by(Item.id.desc()).limit(500))]
    return {
        "voices": voices, "voice": g("speech.voice"), "rate": int(g("speech.rate")), "piper": bool(g("speech.piper_model")),
        "engine": g("speech.engine"), "max_chars": int(g("speech.max_chars")), "abbreviations": dict(g("speech.abbreviations") or {}),
        "operator": str(g("operator.name") or ""), "jingles": items,
    }  # fmt: skip


class ComposeDialog(QDialog):
    previewed = Signal(str)  # the preview's WAV path
    saved = Signal(int)  # the new item's id
    emergency_ready = Signal(int)  # saved approved at priority 1, to be broadcast now
    refused = Signal(str)  # a message for people (bad text, missing voice...)
    loaded = Signal()  # the voices, settings and jingles are in

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.choices: dict[str, Any] = {"abbreviations": {}, "max_chars": 5000}
        self._tmp = tempfile.TemporaryDirectory(prefix="loaxa-preview-")
        self._player: Any = None
        self._busy = False
        self.setWindowTitle(self.tr("Compose a notice"))
        self.setMinimumWidth(620)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. Tiêm chủng tháng 3"))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Type the notice as it is written: 15/3/2027, 7h30, UBND, 0912345678…"))
        self.count = QLabel()
        self.said = QPlainTextEdit()
        self.said.setReadOnly(True)
        self.said.setMaximumHeight(110)
        self.voice = Combo()
        self.rate = QSpinBox()
        self.rate.setRange(80, 450)
        self.rate.setSuffix(self.tr(" words/min"))
        self.jingle = Combo()
        self.twice = QCheckBox(self.tr("Say it twice"))
        self.gap = QDoubleSpinBox()
        self.gap.setRange(0, 60)
        self.gap.setDecimals(1)
        self.gap.setValue(5.0)
        self.gap.setSuffix(self.tr(" s between"))
        self.approve = QCheckBox(self.tr("Approve now"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.words_button = QPushButton(self.tr("Abbreviations…"))
        self.preview_button = QPushButton(self.tr("Listen"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"))
        self.emergency_button = QPushButton(self.tr("Broadcast as emergency…"))
        self.emergency_button.setToolTip(self.tr("Save the notice approved, at priority 1, then choose where it airs now"))
        self.emergency_button.setStyleSheet("color: #c62828; font-weight: bold;")

        voice_row = QHBoxLayout()
        voice_row.addWidget(self.voice, 1)
        voice_row.addWidget(self.rate)
        repeat_row = QHBoxLayout()
        repeat_row.addWidget(self.twice)
        repeat_row.addWidget(self.gap)
        repeat_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Text"), self.text)
        form.addRow("", self.count)
        form.addRow(self.tr("Will be read as"), self.said)
        form.addRow(self.tr("Voice"), voice_row)
        form.addRow(self.tr("Jingle before and after"), self.jingle)
        form.addRow("", repeat_row)
        form.addRow("", self.approve)
        buttons = QHBoxLayout()
        buttons.addWidget(self.words_button)
        buttons.addStretch(1)
        buttons.addWidget(self.emergency_button)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.status)
        lay.addLayout(buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.update_said)
        self.text.textChanged.connect(self._debounce.start)
        self.twice.toggled.connect(self.gap.setEnabled)
        self.gap.setEnabled(False)
        self.words_button.clicked.connect(self.edit_words)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save)
        self.emergency_button.clicked.connect(self.save_for_emergency)
        self.close_button.clicked.connect(self.reject)
        self.finished.connect(self._cleanup)
        self.update_said()
        hub.read(load_choices, self._loaded)

    # -- choices -----------------------------------------------------------------------------

    def _loaded(self, choices: dict[str, Any]) -> None:
        self.choices = choices
        self.voice.clear()
        for v in choices["voices"]:
            self.voice.addItem(v, v)
        if choices["piper"]:
            self.voice.addItem(self.tr("Piper (voice model of the settings)"), "piper")
        wanted = "piper" if choices["engine"] == "piper" else choices["voice"]
        idx = self.voice.findData(wanted)
        self.voice.setCurrentIndex(max(idx, 0))
        self.rate.setValue(choices["rate"])
        self.jingle.clear()
        self.jingle.addItem(self.tr("(none)"), None)
        for item_id, title in choices["jingles"]:
            self.jingle.addItem(f"{item_id}: {title}", item_id)
        self.update_said()
        self.loaded.emit()

    def update_said(self) -> None:
        """The text as it will be said, shown while typing (a pure function: no disk, no sound)."""
        raw = self.text.toPlainText()
        limit = int(self.choices.get("max_chars", 5000))
        self.count.setText(self.tr("{n} / {limit} characters").replace("{n}", str(len(raw.strip()))).replace("{limit}", str(limit)))
        self.count.setStyleSheet("color: #c62828;" if len(raw.strip()) > limit else "")
        self.said.setPlainText(spoken(raw, self.choices.get("abbreviations") or {}) if raw.strip() else "")

    # -- preview and save --------------------------------------------------------------------

    def _composition(self) -> Any:
        from broadcast.composer import Composition, Part

        jingle = self.jingle.currentData()
        if jingle is None and not self.twice.isChecked():
            return None
        j = Part("item", str(jingle)) if jingle is not None else None
        return Composition(
            parts=[Part("speech", self.text.toPlainText())], intro=j, outro=Part("item", str(jingle)) if jingle is not None else None,
            repeat=2 if self.twice.isChecked() else 1, gap_s=float(self.gap.value()) if self.twice.isChecked() else 0.0,
            voice=self.voice.currentData(), rate=self.rate.value(),
        )  # fmt: skip

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self._busy = busy
        for b in (self.preview_button, self.save_button, self.emergency_button):
            b.setEnabled(not busy)
        self.status.setStyleSheet("")
        self.status.setText(message)

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, LoaxaError):
            self.status.setStyleSheet("color: #c62828;")
            self.status.setText(exc.message)
            self.refused.emit(exc.message)
            return
        from .errors import report_exception

        report_exception(exc)

    def preview(self) -> None:
        """Make the audio in the background and play it; nothing is saved."""
        if self._busy:
            return
        ws = self.hub.ws
        text, voice, rate, comp = self.text.toPlainText(), self.voice.currentData(), self.rate.value(), self._composition()
        out = Path(self._tmp.name) / f"preview{id(comp)}.wav"

        def job() -> tuple[str, float]:
            if comp is not None:
                from broadcast import composer

                built = composer.assemble(ws, comp)
                composer.export_wav(built, out)
                return str(out), len(built.audio) / 1000
            from broadcast import audio, speech

            speech.preview(ws, text, out, voice=voice, rate=rate)
            return str(out), audio.probe(out).duration_s or 0.0

        def done(result: tuple[str, float]) -> None:
            path, seconds = result
            self._set_busy(False, self.tr("Preview: {s} s. Playing…").replace("{s}", f"{seconds:.1f}"))
            self.play(path)
            self.previewed.emit(path)

        self._set_busy(True, self.tr("Making the audio…"))
        background.run(job, done, self._refused, owner=self)

    def play(self, path: str) -> None:
        if self._player is None:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

            self._player = QMediaPlayer(self)
            self._audio = QAudioOutput(self)
            self._player.setAudioOutput(self._audio)
        self._player.stop()
        self._player.setSource(QUrl.fromLocalFile(path))
        self._player.play()

    def save_for_emergency(self) -> None:
        """The crisis path: the notice saved approved at priority 1; then the emergency dialog
        (where it airs, confirm) opens with it chosen."""
        self.save(emergency=True)

    def save(self, *, emergency: bool = False) -> None:
        """Make the item (speech, or the bulletin with its jingle) through the import pipeline."""
        if self._busy:
            return
        from schedules import library

        ws = self.hub.ws
        text, voice, rate, comp = self.text.toPlainText(), self.voice.currentData(), self.rate.value(), self._composition()
        try:
            meta = library.meta_from_options(title=self.title.text() or None, priority=1 if emergency else None)
        except LoaxaError as exc:
            self._refused(exc)
            return
        approver = (self.choices.get("operator") or self.tr("operator")) if (self.approve.isChecked() or emergency) else None

        def job() -> int:
            if comp is not None:
                from broadcast import composer

                return composer.compose(ws, comp, meta, approve_by=approver).id
            from broadcast import speech

            return speech.say(ws, text, meta, voice=voice, rate=rate, approve_by=approver).id

        def done(item_id: int) -> None:
            self._set_busy(False, self.tr("Saved as item {id}.").replace("{id}", str(item_id)))
            self.hub.changed.emit(frozenset({"items"}))
            self.saved.emit(item_id)
            if emergency:
                self.emergency_ready.emit(item_id)

        self._set_busy(True, self.tr("Making the audio…"))
        background.run(job, done, self._refused, owner=self)

    def edit_words(self) -> None:
        dlg = AbbreviationsDialog(self.hub, dict(self.choices.get("abbreviations") or {}), self)
        dlg.changed.connect(self._words_changed)
        dlg.open()
        self.words_dialog = dlg

    def _words_changed(self, words: dict[str, str]) -> None:
        self.choices["abbreviations"] = words
        self.update_said()

    def _cleanup(self, _result: int) -> None:
        if self._player is not None:
            self._player.stop()
            self._player.setSource(QUrl())
        self._tmp.cleanup()


class AbbreviationsDialog(QDialog):
    """The commune's abbreviations and how they are said (setting ``speech.abbreviations``)."""

    changed = Signal(object)  # the saved dictionary

    def __init__(self, hub: Hub, words: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.setWindowTitle(self.tr("Abbreviations"))
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Written"), self.tr("Said")])
        self.table.horizontalHeader().setStretchLastSection(True)
        for k, v in sorted(words.items()):
            self.add_row(k, v)
        self.add_row()
        self.status = QLabel()
        self.status.setWordWrap(True)
        add = QPushButton(self.tr("Add a row"))
        save = QPushButton(self.tr("Save"))
        close = QPushButton(self.tr("Close"))
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        row.addWidget(save)
        row.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Built-in words (UBND, HĐND, BHYT…) need no row; a row here adds a word or changes how one is said.")))
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        lay.addLayout(row)
        add.clicked.connect(lambda: self.add_row())
        save.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        self.resize(460, 360)

    def add_row(self, written: str = "", said: str = "") -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(written))
        self.table.setItem(r, 1, QTableWidgetItem(said))

    def words(self) -> dict[str, str]:
        out = {}
        for r in range(self.table.rowCount()):
            k, v = (self.table.item(r, c) for c in (0, 1))
            written, said = (k.text().strip() if k else ""), (v.text().strip() if v else "")
            if written or said:
                out[written] = said
        return out

    def save(self) -> None:
        words = self.words()

        def job(s: Session) -> dict[str, str]:
            settings_mod.set_value(s, "speech.abbreviations", words)
            return words

        def failed(exc: BaseException) -> None:
            if isinstance(exc, LoaxaError):
                self.status.setStyleSheet("color: #c62828;")
                self.status.setText(exc.message)
                return
            from .errors import report_exception

            report_exception(exc)

        def done(saved: dict[str, str]) -> None:
            self.changed.emit(saved)
            self.accept()

        self.hub.write(job, {"settings"}, done, failed)


def install(window: Any) -> None:
    """Hook the dialog into the window: a button on the library page beside the imports, and
    Ctrl+Shift+N."""
    from PySide6.QtGui import QKeySequence, QShortcut

    library = window.library

    def open_dialog() -> ComposeDialog:
        dlg = ComposeDialog(window.hub, window)
        dlg.emergency_ready.connect(lambda item_id: (dlg.accept(), broadcast_now(item_id)))
        dlg.saved.connect(lambda item_id: (library.model.reload(), window.statusBar().showMessage(QCoreApplication.translate("ComposeDialog", "Notice saved as item {id}.").replace("{id}", str(item_id)), 10000)))
        dlg.open()
        window.compose_dialog = dlg
        return dlg

    button = QPushButton(QCoreApplication.translate("ComposeDialog", "Compose a notice…"))
    button.setObjectName("compose_notice")
    button.clicked.connect(open_dialog)
    lay = library.layout()
    for i in range(lay.count()):
        sub = lay.itemAt(i).layout()
        if sub is not None and sub.indexOf(library.import_folder_button) >= 0:
            sub.insertWidget(sub.indexOf(library.import_folder_button) + 1, button)
            break
    library.compose_button = button
    def broadcast_now(item_id: int) -> None:
        window.emergency()
        dlg = window.emergency_dialog

        def choose(*_args: Any) -> None:  # the dialog fills its list in the background
            idx = dlg.item.findData(item_id)
            if idx >= 0:
                dlg.use_item.setChecked(True)
                dlg.item.setCurrentIndex(idx)

        dlg.item.model().rowsInserted.connect(choose)
        choose()

    window.compose_notice = open_dialog
    window.compose_broadcast_now = broadcast_now
    QShortcut(QKeySequence("Ctrl+Shift+N"), window, open_dialog)
