"""The live microphone: one ffmpeg process captures the sound card and gives, at once, MP3 in an
endpoints' delivery format (for the engine to air as it arrives: the sound card's clock paces it),
a WAV recording (kept as an item afterwards) and a level every 100 ms (the window's meter, and the
rule "no sound in the first 3 s: say so and air nothing").

The airing itself (targets, priority 1 cutting in, resuming the interrupted airing, as-run rows)
belongs to the engine; :class:`LiveCapture` is the source it reads from.
"""

from __future__ import annotations

import logging
import math
import queue
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from schedules.errors import DeliveryError
from schedules.formats import DeliveryFormat
from schedules.i18n import _

from . import ffmpeg
from .audio import standalone_mp3_args
from .capture import microphone_input

log = logging.getLogger("loaxa.live")

SILENCE_LUFS = -50.0  # momentary loudness under which the microphone is taken as silent
FIRST_SOUND_S = 3.0
_MOMENTARY = re.compile(r"\bt:\s*([\d.]+)\s+.*?\bM:\s*(-?[\d.]+|-inf|nan)")


def device_input(exe: str, device: str | None, platform: str = sys.platform) -> list[str]:
    """ffmpeg's input options for ``device`` (a PulseAudio source name, a DirectShow device name,
    an AVFoundation index) or the default microphone."""
    if not device:
        return microphone_input(exe, platform)
    if platform == "win32":
        return ["-f", "dshow", "-i", f"audio={device}"]
    if platform == "darwin":
        return ["-f", "avfoundation", "-i", f":{device}"]
    # 20 ms fragments: PulseAudio's default buffers much more (latency to the listener)
    return ["-f", "pulse", "-fragment_size", "1764", "-i", device]


def capture_command(fmt: DeliveryFormat, recording: Path, *, device: str | None = None, max_s: float = 3600.0, source_file: Path | None = None) -> list[str]:
    """ffmpeg's arguments: MP3 frames on stdout, the WAV recording, momentary loudness on stderr.
    ``source_file`` stands in for the sound card (read in real time): a technician's test
    without a microphone, and the tests on a machine without one."""
    exe = ffmpeg.find().path
    source = ["-re", "-i", ffmpeg.as_input(source_file)] if source_file is not None else device_input(exe, device)
    graph = f"[0:a]aformat=channel_layouts=mono,aresample={fmt.sample_rate},asplit=3[enc][rec][m];[m]ebur128=framelog=info,anullsink"
    return [
        "-hide_banner",
        "-nostats",
        "-loglevel",
        "info",
        "-t",
        f"{max_s:g}",
        *source,
        "-filter_complex",
        graph,
        "-map",
        "[enc]",
        "-ac",
        str(fmt.channels),
        *standalone_mp3_args(fmt),
        "-flush_packets",
        "1",
        "-f",
        "mp3",
        "pipe:1",
        "-map",
        "[rec]",
        "-ac",
        "1",
        "-c:a",
        "pcm_s16le",
        "-y",
        ffmpeg.as_input(recording),
    ]


@dataclass
class LiveResult:
    recording: Path
    seconds: float
    mp3_bytes: int
    peak_lufs: float
    had_sound: bool
    levels: list[tuple[float, float]] = field(default_factory=list)


class LiveCapture:
    """A running capture: read MP3 chunks with :meth:`read`, the level in :attr:`level_lufs`."""

    def __init__(self, fmt: DeliveryFormat, recording: Path, *, device: str | None = None, max_s: float = 3600.0, source_file: Path | None = None) -> None:
        self.fmt, self.recording, self.device, self.max_s = fmt, recording, device, max_s
        self.source_file = source_file
        self.level_lufs = -120.0
        self.peak_lufs = -120.0
        self.levels: list[tuple[float, float]] = []  # (seconds, momentary LUFS)
        self.mp3_bytes = 0
        self.started_at = 0.0
        self.first_byte_at: float | None = None
        self._chunks: queue.Queue[bytes | None] = queue.Queue()
        self._sound = threading.Event()
        self._ended = threading.Event()
        self._stderr_tail: list[str] = []
        self._proc: subprocess.Popen[bytes] | None = None
        self._threads: list[threading.Thread] = []

    def start(self) -> LiveCapture:
        self.recording.parent.mkdir(parents=True, exist_ok=True)
        self.started_at = time.monotonic()
        try:
            self._proc = subprocess.Popen(
                [ffmpeg.find().path, *capture_command(self.fmt, self.recording, device=self.device, max_s=self.max_s, source_file=self.source_file)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError as exc:
            raise DeliveryError(_("The microphone could not be opened: {error}", error=exc), kind="no_microphone") from exc
        self._threads = [
            threading.Thread(target=self._pump_audio, name="live-mp3", daemon=True),
            threading.Thread(target=self._pump_levels, name="live-levels", daemon=True),
        ]
        for t in self._threads:
            t.start()
        return self

    def _pump_audio(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        out = self._proc.stdout
        while True:
            chunk = out.read1(4096) if hasattr(out, "read1") else out.read(4096)
            if not chunk:
                break
            if self.first_byte_at is None:
                self.first_byte_at = time.monotonic()
            self.mp3_bytes += len(chunk)
            self._chunks.put(chunk)
        self._chunks.put(None)
        self._ended.set()

    def _pump_levels(self) -> None:
        assert self._proc is not None and self._proc.stderr is not None
        err = self._proc.stderr
        buf = b""
        for raw in iter(lambda: err.read1(1024) if hasattr(err, "read1") else err.read(1), b""):
            buf += raw
            *lines, buf = re.split(rb"[\r\n]", buf)
            for line in lines:
                text = line.decode("utf-8", "replace")
                m = _MOMENTARY.search(text)
                if m is None:
                    if text.strip():
                        self._stderr_tail = [*self._stderr_tail[-20:], text]
                    continue
                try:
                    lufs = float(m.group(2))
                except ValueError:
                    lufs = -120.0
                if math.isnan(lufs):
                    lufs = -120.0
                self.level_lufs = lufs
                self.peak_lufs = max(self.peak_lufs, lufs)
                self.levels.append((float(m.group(1)), lufs))
                if lufs > SILENCE_LUFS:
                    self._sound.set()

    def read(self, timeout: float = 1.0) -> bytes | None:
        """The next MP3 bytes as they come; b"" when none came within ``timeout``; None at the end."""
        try:
            return self._chunks.get(timeout=timeout)
        except queue.Empty:
            return b""

    def wait_for_sound(self, within_s: float = FIRST_SOUND_S) -> bool:
        """True as soon as the microphone hears something; False after ``within_s`` of silence
        (or when the capture ended first: a microphone that cannot be opened)."""
        deadline = self.started_at + within_s
        while time.monotonic() < deadline:
            if self._sound.wait(0.05):
                return True
            if self._ended.is_set() and self._proc is not None and self._proc.poll() is not None:
                break
        return self._sound.is_set()

    def problem(self) -> str:
        """What ffmpeg said when the capture failed (for the message)."""
        return " ".join(self._stderr_tail[-3:])[-300:]

    def stop(self, timeout: float = 10.0) -> LiveResult:
        """Stop the capture cleanly (the recording is closed properly)."""
        proc = self._proc
        if proc is not None and proc.poll() is None:
            try:
                assert proc.stdin is not None
                proc.stdin.write(b"q")
                proc.stdin.flush()
                proc.stdin.close()
            except (OSError, ValueError):
                pass
            # the MP3 must keep being read or ffmpeg blocks on a full pipe while finishing
            deadline = time.monotonic() + timeout
            while proc.poll() is None and time.monotonic() < deadline:
                self.read(0.05)
            if proc.poll() is None:
                proc.kill()
                proc.wait(5)
        if proc is not None:
            for t in self._threads:
                t.join(5)
            for pipe in (proc.stdin, proc.stdout, proc.stderr):  # stdin too: ffmpeg may have ended by itself (the source ran out)
                if pipe is not None and not pipe.closed:
                    try:
                        pipe.close()
                    except OSError:  # a broken pipe when flushing what ffmpeg no longer reads
                        pass
        from .capture import wav_seconds

        size = self.recording.stat().st_size if self.recording.is_file() else 0
        return LiveResult(self.recording, wav_seconds(size), self.mp3_bytes, self.peak_lufs, self._sound.is_set(), list(self.levels))


def check_microphone(fmt: DeliveryFormat, recording: Path, *, device: str | None = None, seconds: float = FIRST_SOUND_S) -> LiveResult:
    """Open the microphone for ``seconds`` and tell whether it hears anything; DeliveryError (exit
    5) that says so when it stays silent for the first 3 s or cannot be opened."""
    cap = LiveCapture(fmt, recording, device=device, max_s=max(seconds, FIRST_SOUND_S) + 1).start()
    try:
        heard = cap.wait_for_sound(FIRST_SOUND_S)
        if heard:
            time.sleep(max(0.0, seconds - (time.monotonic() - cap.started_at)))
    finally:
        result = cap.stop()
    if not heard:
        if not result.levels:
            raise DeliveryError(
                _("The microphone could not be opened ({detail}). Check the device (loaxa live --check --device NAME).", detail=cap.problem() or "?"),
                kind="no_microphone",
            )
        raise DeliveryError(
            _("No sound from the microphone in the first {s} s: nothing would be aired. Check that it is plugged in and not muted.", s=round(FIRST_SOUND_S)),
            kind="mic_silent",
        )
    return result
