"""Measuring live audio at a listener: a test "microphone" file with a tone whose onset is known,
and where that onset arrived in what a :class:`~tests.support.icecast.Listener` received; and the
``microphone`` fixture, PulseAudio's sine source (tests/integration/conftest.py offers it)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from broadcast.mp3 import parse_header
from tests.conftest import have
from tests.support.pulse import ensure_server

RATE = 44100
ONSET_S = 3.0  # the marker tone starts here in the test microphone file
MARK_HZ = 1000


MIC = "loaxa_live_test_mic"


@pytest.fixture(scope="module")
def microphone() -> Iterator[str]:
    """A 440 Hz sine source named MIC on a PulseAudio server (started here when none runs)."""
    pactl = ensure_server()
    mod = subprocess.run(
        [pactl, "load-module", "module-sine-source", f"source_name={MIC}", "frequency=440"], capture_output=True, text=True, check=True
    ).stdout.strip()
    yield MIC
    subprocess.run([pactl, "unload-module", mod], capture_output=True, check=False)


def microphone_file(tmp_path: Path, *, onset_s: float = ONSET_S, mark_s: float = 2.0, tail_s: float = 1.0) -> Path:
    """WAV: 1.2 s of 440 Hz (the microphone is heard), silence until ``onset_s``, then the 1 kHz
    marker for ``mark_s``, then silence."""
    out = tmp_path / "mikro.wav"
    total = onset_s + mark_s + tail_s
    expr = f"if(lt(t,1.2),0.5*sin(2*PI*440*t),0)+if(between(t,{onset_s},{onset_s + mark_s}),0.5*sin(2*PI*{MARK_HZ}*t),0)"
    subprocess.run(
        [have("ffmpeg"), "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", f"aevalsrc='{expr}':s={RATE}:d={total}", "-ac", "1", str(out)], check=True
    )
    return out


def band_levels(mp3: bytes, hz: int, window_s: float = 0.01, *, fmt: list[str] | None = None) -> list[float]:
    """RMS (0..1) per window of the stream after a band-pass around ``hz`` (MP3, or raw input
    described by ``fmt``, e.g. ["-f", "s16le", "-ar", "44100", "-ac", "1"])."""
    res = subprocess.run(
        [
            have("ffmpeg"),
            "-nostdin",
            "-loglevel",
            "error",
            *(fmt or ["-f", "mp3"]),
            "-i",
            "pipe:0",
            "-af",
            f"bandpass=f={hz}:width_type=h:w={hz // 5}",
            "-ac",
            "1",
            "-ar",
            str(RATE),
            "-f",
            "s16le",
            "pipe:1",
        ],
        input=mp3,
        capture_output=True,
        check=True,
    )
    import array

    pcm = array.array("h")
    pcm.frombytes(res.stdout[: len(res.stdout) // 2 * 2])
    n = int(RATE * window_s)
    out: list[float] = []
    for i in range(0, len(pcm) - n + 1, n):
        w = pcm[i : i + n]
        out.append((sum(x * x for x in w) / n) ** 0.5 / 32768.0)
    return out


def first_loud(levels: list[float], threshold: float = 0.05) -> int | None:
    for i, v in enumerate(levels):
        if v >= threshold:
            return i
    return None


def arrival_of_sample(chunks: list[tuple[float, bytes]], sample: int) -> float | None:
    """When the MP3 frame holding decoded ``sample`` of the received stream had arrived."""
    data = b"".join(d for _t, d in chunks)
    pos = 0
    while pos + 4 <= len(data) and parse_header(data, pos) is None:
        pos += 1
    frame = sample // 1152
    k = 0
    end = None
    while pos + 4 <= len(data):
        h = parse_header(data, pos)
        if h is None:
            pos += 1
            continue
        pos += h.length
        if k == frame:
            end = pos
            break
        k += 1
    if end is None:
        return None
    got = 0
    for t, d in chunks:
        got += len(d)
        if got >= end:
            return t
    return None
