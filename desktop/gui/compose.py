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
    QListWidget,
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

    def g(k: str) -> Any:
        return settings_mod.get(s, k)

    items = [(i.id, i.title) for i in s.scalars(select(Item).where(Item.state != "retired").where(Item.duration_s <= 60).order_by(Item.id.desc()).limit(500))]
    return {
        "voices": voices,
        "voice": g("speech.voice"),
        "rate": int(g("speech.rate")),
        "piper": bool(g("speech.piper_model")),
        "engine": g("speech.engine"),
        "max_chars": int(g("speech.max_chars")),
        "abbreviations": dict(g("speech.abbreviations") or {}),
        "operator": str(g("operator.name") or ""),
        "jingles": items,
    }


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
            parts=[Part("speech", self.text.toPlainText())],
            intro=j,
            outro=Part("item", str(jingle)) if jingle is not None else None,
            repeat=2 if self.twice.isChecked() else 1,
            gap_s=float(self.gap.value()) if self.twice.isChecked() else 0.0,
            voice=self.voice.currentData(),
            rate=self.rate.value(),
        )

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

        self.hub.write(job, done, failed)


def install(window: Any) -> None:
    """Hook the dialog into the window: a button on the library page beside the imports, and
    Ctrl+Shift+N."""
    from PySide6.QtGui import QKeySequence, QShortcut

    library = window.library

    def open_dialog() -> ComposeDialog:
        dlg = ComposeDialog(window.hub, window)

        def on_saved(item_id: int) -> None:
            library.model.reload()
            window.statusBar().showMessage(QCoreApplication.translate("ComposeDialog", "Notice saved as item {id}.").replace("{id}", str(item_id)), 10000)

        def on_emergency(item_id: int) -> None:
            dlg.accept()
            broadcast_now(item_id)

        dlg.emergency_ready.connect(on_emergency)
        dlg.saved.connect(on_saved)
        dlg.open()
        window.compose_dialog = dlg
        return dlg

    button = QPushButton(QCoreApplication.translate("ComposeDialog", "Compose a notice…"))
    button.setObjectName("compose_notice")
    button.clicked.connect(open_dialog)
    library.importer.add_action(button)  # beside the import buttons
    library.compose_button = button

    def open_composer(from_item: int | None = None) -> ComposerDialog:
        dlg = ComposerDialog(window.hub, window, from_item=from_item)
        dlg.saved.connect(lambda _id: library.model.reload())
        dlg.open()
        window.composer_dialog = dlg
        return dlg

    composer_button = QPushButton(QCoreApplication.translate("ComposerDialog", "Assemble a bulletin…"))
    composer_button.setObjectName("assemble_bulletin")
    composer_button.clicked.connect(lambda: open_composer(library.selected_id()))
    composer_button.setToolTip(
        QCoreApplication.translate("ComposerDialog", "Jingle, parts, repeats; with a composed item chosen, it opens that bulletin's recipe")
    )
    library.importer.add_action(composer_button)
    library.composer_button = composer_button
    window.compose_bulletin = open_composer

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


def waveform_peaks(audio: Any, points: int = 1000) -> bytes:
    """Peaks (0-255) of a mono 16-bit pydub segment, for WaveformView."""
    import array

    samples = array.array("h", audio.raw_data)
    n = len(samples)
    if n == 0:
        return bytes(points)
    out = bytearray(points)
    for k in range(points):
        a, b = k * n // points, max(k * n // points + 1, (k + 1) * n // points)
        chunk = samples[a:b]
        peak = max(max(chunk), -min(chunk)) if chunk else 0
        out[k] = min(255, peak * 255 // 32767)
    return bytes(out)


class ComposerDialog(QDialog):
    """Dựng bản tin: parts in a list (library items, files, typed text, silences) with their gain,
    an intro and outro jingle, repeats with a gap, crossfades; a waveform of the result and a
    preview; saved through the import pipeline with its recipe (``broadcast.composer``)."""

    loaded = Signal()
    previewed = Signal(str)
    saved = Signal(int)
    refused = Signal(str)

    def __init__(self, hub: Hub, parent: QWidget | None = None, *, from_item: int | None = None) -> None:
        super().__init__(parent)
        from broadcast.composer import Part

        from .widgets import WaveformView

        self.hub = hub
        self.parts: list[Part] = []
        self.choices: dict[str, Any] = {}
        self._tmp = tempfile.TemporaryDirectory(prefix="loaxa-composer-")
        self._player: Any = None
        self._busy = False
        self.setWindowTitle(self.tr("Assemble a bulletin"))
        self.setMinimumWidth(720)
        self.title = QLineEdit()
        self.intro = Combo()
        self.outro = Combo()
        self.part_list = QListWidget()
        self.item_choice = Combo()
        self.add_item_button = QPushButton(self.tr("Add item"))
        self.add_file_button = QPushButton(self.tr("Add file…"))
        self.say_text = QLineEdit()
        self.say_text.setPlaceholderText(self.tr("Text to read aloud"))
        self.add_say_button = QPushButton(self.tr("Add text"))
        self.silence = QDoubleSpinBox()
        self.silence.setRange(0.1, 120)
        self.silence.setValue(2.0)
        self.silence.setDecimals(1)
        self.add_silence_button = QPushButton(self.tr("Add silence"))
        self.up_button = QPushButton(self.tr("Up"))
        self.down_button = QPushButton(self.tr("Down"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.gain = QDoubleSpinBox()
        self.gain.setRange(-30, 20)
        self.gain.setDecimals(1)
        self.gain.setSuffix(" dB")
        self.repeat = QSpinBox()
        self.repeat.setRange(1, 10)
        self.gap = QDoubleSpinBox()
        self.gap.setRange(0, 120)
        self.gap.setDecimals(1)
        self.gap.setSuffix(self.tr(" s between"))
        self.crossfade = QSpinBox()
        self.crossfade.setRange(0, 5000)
        self.crossfade.setSingleStep(100)
        self.crossfade.setSuffix(" ms")
        self.waveform = WaveformView()
        self.length = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.preview_button = QPushButton(self.tr("Listen"))
        self.save_button = QPushButton(self.tr("Save"))
        self.close_button = QPushButton(self.tr("Close"))

        add_row = QHBoxLayout()
        add_row.addWidget(self.item_choice, 1)
        add_row.addWidget(self.add_item_button)
        add_row.addWidget(self.add_file_button)
        say_row = QHBoxLayout()
        say_row.addWidget(self.say_text, 1)
        say_row.addWidget(self.add_say_button)
        say_row.addWidget(self.silence)
        say_row.addWidget(self.add_silence_button)
        move_row = QHBoxLayout()
        for w in (self.up_button, self.down_button, self.remove_button):
            move_row.addWidget(w)
        move_row.addWidget(QLabel(self.tr("Gain of the chosen part")))
        move_row.addWidget(self.gain)
        move_row.addStretch(1)
        rep_row = QHBoxLayout()
        rep_row.addWidget(self.repeat)
        rep_row.addWidget(self.gap)
        rep_row.addWidget(QLabel(self.tr("Crossfade")))
        rep_row.addWidget(self.crossfade)
        rep_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Intro"), self.intro)
        form.addRow(self.tr("Parts"), self.part_list)
        form.addRow("", move_row)
        form.addRow("", add_row)
        form.addRow("", say_row)
        form.addRow(self.tr("Outro"), self.outro)
        form.addRow(self.tr("Said"), rep_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.length, 1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.waveform)
        lay.addWidget(self.status)
        lay.addLayout(buttons)

        self.add_item_button.clicked.connect(self.add_item)
        self.add_file_button.clicked.connect(self.choose_file)
        self.add_say_button.clicked.connect(self.add_text)
        self.add_silence_button.clicked.connect(lambda: self.add_part(Part("silence", f"{self.silence.value():g}")))
        self.up_button.clicked.connect(lambda: self.move_part(-1))
        self.down_button.clicked.connect(lambda: self.move_part(1))
        self.remove_button.clicked.connect(self.remove)
        self.part_list.currentRowChanged.connect(self._on_part)
        self.gain.valueChanged.connect(self._on_gain)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.finished.connect(self._cleanup)
        self._from_item = from_item
        hub.read(self._load, self._loaded)

    def _load(self, s: Session) -> dict[str, Any]:
        items = [(i.id, i.title) for i in s.scalars(select(Item).where(Item.state != "retired").order_by(Item.id.desc()).limit(500))]
        recipe = None
        title = ""
        if self._from_item is not None:
            item = s.get(Item, self._from_item)
            if item is not None and item.composition and item.composition.get("kind") == "composition":
                recipe, title = dict(item.composition), item.title
        return {"items": items, "recipe": recipe, "title": title}

    def _loaded(self, c: dict[str, Any]) -> None:
        from broadcast.composer import Composition

        self.choices = c
        for combo, none in ((self.intro, True), (self.outro, True), (self.item_choice, False)):
            combo.clear()
            if none:
                combo.addItem(self.tr("(none)"), None)
            for item_id, title in c["items"]:
                combo.addItem(f"{item_id}: {title}", item_id)
        if c["recipe"]:
            comp = Composition.from_dict(c["recipe"])
            self.title.setText(c["title"])
            for combo, part in ((self.intro, comp.intro), (self.outro, comp.outro)):
                if part is not None and part.kind == "item":
                    combo.setCurrentIndex(max(0, combo.findData(int(part.ref))))
            for p in comp.parts:
                self.add_part(p)
            self.repeat.setValue(comp.repeat)
            self.gap.setValue(comp.gap_s)
            self.crossfade.setValue(comp.crossfade_ms)
        self.loaded.emit()

    # -- the parts ---------------------------------------------------------------------------

    def add_part(self, part: Any) -> None:
        self.parts.append(part)
        self.part_list.addItem(part.label())
        self.part_list.setCurrentRow(len(self.parts) - 1)

    def add_item(self) -> None:
        from broadcast.composer import Part

        item_id = self.item_choice.currentData()
        if item_id is not None:
            self.add_part(Part("item", str(item_id)))

    def add_text(self) -> None:
        from broadcast.composer import Part

        text = self.say_text.text().strip()
        if text:
            self.add_part(Part("speech", text))
            self.say_text.clear()

    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from broadcast.composer import Part

        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose an audio file"))
        if path:
            self.add_part(Part("file", path))

    def move_part(self, step: int) -> None:
        row = self.part_list.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < len(self.parts):
            return
        self.parts[row], self.parts[to] = self.parts[to], self.parts[row]
        for r in (row, to):
            self.part_list.item(r).setText(self.parts[r].label())
        self.part_list.setCurrentRow(to)

    def remove(self) -> None:
        row = self.part_list.currentRow()
        if row >= 0:
            del self.parts[row]
            self.part_list.takeItem(row)

    def _on_part(self, row: int) -> None:
        if 0 <= row < len(self.parts):
            self.gain.blockSignals(True)
            self.gain.setValue(self.parts[row].gain_db)
            self.gain.blockSignals(False)

    def _on_gain(self, value: float) -> None:
        row = self.part_list.currentRow()
        if 0 <= row < len(self.parts):
            self.parts[row].gain_db = float(value)

    def composition(self) -> Any:
        from broadcast.composer import Composition, Part

        def jingle(combo: Combo) -> Part | None:
            v = combo.currentData()
            return Part("item", str(v)) if v is not None else None

        return Composition(
            parts=[Part(p.kind, p.ref, p.gain_db, p.fade_in_ms, p.fade_out_ms, p.sha256) for p in self.parts],
            intro=jingle(self.intro),
            outro=jingle(self.outro),
            repeat=self.repeat.value(),
            gap_s=float(self.gap.value()),
            crossfade_ms=self.crossfade.value(),
        )

    # -- preview and save ----------------------------------------------------------------------

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self._busy = busy
        for b in (self.preview_button, self.save_button):
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
        if self._busy:
            return
        ws, comp = self.hub.ws, self.composition()
        out = Path(self._tmp.name) / f"preview{id(comp)}.wav"

        def job() -> tuple[str, float, bytes]:
            from broadcast import composer

            built = composer.assemble(ws, comp)
            composer.export_wav(built, out)
            return str(out), len(built.audio) / 1000, waveform_peaks(built.audio)

        def done(result: tuple[str, float, bytes]) -> None:
            path, seconds, peaks = result
            self.waveform.set_peaks(peaks)
            self.length.setText(self.tr("{s} s").replace("{s}", f"{seconds:.1f}"))
            self._set_busy(False)
            if self._player is None:
                from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

                self._player = QMediaPlayer(self)
                self._audio = QAudioOutput(self)
                self._player.setAudioOutput(self._audio)
            self._player.setSource(QUrl.fromLocalFile(path))
            self._player.play()
            self.previewed.emit(path)

        self._set_busy(True, self.tr("Making the audio…"))
        background.run(job, done, self._refused, owner=self)

    def save(self) -> None:
        if self._busy:
            return
        from schedules import library

        ws, comp = self.hub.ws, self.composition()
        try:
            meta = library.meta_from_options(title=self.title.text() or None)
        except LoaxaError as exc:
            self._refused(exc)
            return

        def job() -> int:
            from broadcast import composer

            return composer.compose(ws, comp, meta).id

        def done(item_id: int) -> None:
            self._set_busy(False, self.tr("Saved as item {id}.").replace("{id}", str(item_id)))
            self.hub.changed.emit(frozenset({"items"}))
            self.saved.emit(item_id)

        self._set_busy(True, self.tr("Making the audio…"))
        background.run(job, done, self._refused, owner=self)

    def _cleanup(self, _result: int) -> None:
        if self._player is not None:
            self._player.stop()
            self._player.setSource(QUrl())
        self._tmp.cleanup()
