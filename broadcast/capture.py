"""Recording an announcement from the PC's microphone with ffmpeg (the emergency dialog's
"Record" button): PulseAudio/PipeWire on Linux, DirectShow on Windows, AVFoundation on macOS.

The recording is a mono 44.1 kHz WAV; it then goes through the clip pipeline like any file.
ffmpeg stops at ``max_s`` or, earlier, when it reads ``q`` on its standard input (which is how
the GUI stops it, so the file is closed properly).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from schedules.errors import DeliveryError
from schedules.i18n import _

from . import ffmpeg

STOP_KEY = b"q"
RATE = 44100
WAV_HEADER = 78  # what ffmpeg's WAV muxer writes before the samples (mono s16le)


def wav_seconds(size: int) -> float:
    """Seconds of sound in a recording file of ``size`` bytes (mono, 16-bit, RATE)."""
    return max(0, size - WAV_HEADER) / (RATE * 2)


def _dshow_microphone(exe: str) -> str:
    """The first DirectShow audio capture device's name (Windows)."""
    res = subprocess.run(
        [exe, "-hide_banner", "-list_devices", "true", "-f", "dshow", "-i", "dummy"],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=20,
        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
    )
    name = first_dshow_microphone(res.stderr)
    if name is None:
        raise DeliveryError(_("No microphone was found on this PC."))
    return name


def first_dshow_microphone(listing: str) -> str | None:
    """The first audio device in ffmpeg's ``-list_devices true -f dshow`` listing."""
    for line in listing.splitlines():
        m = re.search(r'"([^"]+)"\s*\(audio\)', line)
        if m:
            return m.group(1)
    return None


def microphone_input(exe: str, platform: str = sys.platform) -> list[str]:
    """ffmpeg's input options for the default microphone on this platform."""
    if platform == "win32":
        return ["-f", "dshow", "-i", f"audio={_dshow_microphone(exe)}"]
    if platform == "darwin":
        return ["-f", "avfoundation", "-i", ":0"]
    return ["-f", "pulse", "-i", "default"]  # PulseAudio, or PipeWire's PulseAudio service


def record_command(out: Path, *, max_s: float = 600.0) -> tuple[str, list[str]]:
    """The program and arguments that record the microphone into ``out`` (WAV, mono, 44.1 kHz)."""
    exe = ffmpeg.find().path
    args = [
        "-hide_banner",
        "-loglevel",
        "error",
        *microphone_input(exe),
        "-ac",
        "1",
        "-ar",
        str(RATE),
        "-c:a",
        "pcm_s16le",
        "-t",
        f"{max_s:g}",
        "-y",
        ffmpeg.as_input(out),
    ]
    return exe, args
