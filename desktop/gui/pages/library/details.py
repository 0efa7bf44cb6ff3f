"""The selected item: title, state, loudness, warnings, its waveform and a preview player."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from ...widgets import WaveformView
from .labels import state_label


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}"


class ItemDetails(QWidget):
    """Shows one item (the dict of ``schedules.library.item_preview``) and plays it."""

    shown = Signal(int)  # the id of the item now shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current: dict[str, Any] | None = None
        self._player: Any = None
        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.waveform = WaveformView()
        self.play_button = QPushButton(QCoreApplication.translate("LibraryPage", "Play"))
        self.position = QSlider(Qt.Orientation.Horizontal)
        self.position.setRange(0, 1000)
        player_row = QHBoxLayout()
        player_row.addWidget(self.play_button)
        player_row.addWidget(self.position, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.detail_title)
        lay.addWidget(self.waveform)
        lay.addLayout(player_row)
        lay.addWidget(self.detail, 1)
        self.play_button.clicked.connect(self.toggle_play)
        self.waveform.seek_requested.connect(self._seek)
        self.position.sliderMoved.connect(lambda v: self._seek(v / 1000))

    def show_item(self, d: dict[str, Any]) -> None:
        self.current = d
        self.detail_title.setText(f"<b>{d['title']}</b>")
        lines = [
            QCoreApplication.translate("LibraryPage", "State: {state}").format(state=state_label(d["state"]))
            + (f" — {d['approved_by']}" if d.get("approved_by") else ""),
            QCoreApplication.translate("LibraryPage", "Length: {s} s").format(s=f"{d['duration_s']:.1f}"),
            QCoreApplication.translate("LibraryPage", "Loudness of the source: {lufs} LUFS, true peak {tp} dBTP, range {lra} LU").format(
                lufs=_num(d.get("loudness_lufs")), tp=_num(d.get("true_peak_dbtp")), lra=_num(d.get("lra"))
            ),
        ]
        for r in d.get("renditions", []):
            lines.append(
                QCoreApplication.translate("LibraryPage", "Rendition {format}: {lufs} LUFS, {tp} dBTP").format(
                    format=r["format"], lufs=_num(r.get("loudness_lufs")), tp=_num(r.get("true_peak_dbtp"))
                )
            )
        if d.get("rejected_reason"):
            lines.append(QCoreApplication.translate("LibraryPage", "Rejected: {reason}").format(reason=d["rejected_reason"]))
        for w in d.get("warnings") or []:
            lines.append("⚠ " + w.get("message", ""))
        self.detail.setText("\n".join(lines))
        self.waveform.set_peaks(d.get("waveform"))
        self.shown.emit(d["id"])

    def set_playable(self, playable: bool) -> None:
        self.play_button.setEnabled(playable)

    # -- preview ------------------------------------------------------------------------------

    def player(self) -> Any:
        if self._player is None:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

            self._player = QMediaPlayer(self)
            self._audio = QAudioOutput(self)
            self._player.setAudioOutput(self._audio)
            self._player.positionChanged.connect(self._on_position)
            self._player.playbackStateChanged.connect(self._on_state)
        return self._player

    def toggle_play(self) -> None:
        if self.current is None:
            return
        p = self.player()
        from PySide6.QtMultimedia import QMediaPlayer

        if p.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            p.pause()
            return
        src = QUrl.fromLocalFile(self.current["play_path"])
        if p.source() != src:
            p.setSource(src)
        p.play()

    def _seek(self, fraction: float) -> None:
        p = self.player()
        if p.duration() > 0:
            p.setPosition(int(fraction * p.duration()))

    def _on_position(self, ms: int) -> None:
        d = self.player().duration()
        if d > 0:
            self.waveform.set_position(ms / d)
            if not self.position.isSliderDown():
                self.position.setValue(int(1000 * ms / d))

    def _on_state(self, state: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        self.play_button.setText(
            QCoreApplication.translate("LibraryPage", "Pause")
            if state == QMediaPlayer.PlaybackState.PlayingState
            else QCoreApplication.translate("LibraryPage", "Play")
        )
