"""The live microphone's source (broadcast.live) with PulseAudio's sine source as the microphone:
MP3 frames and a WAV recording as it hears, the level for the meter, and the 3-second rule (a
silent or missing microphone: said so, nothing aired); `loaxa live --check` through the real CLI."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import Cli, have, probe_duration


def silent_source() -> str:
    """A source that hears nothing: the monitor of a null sink."""
    out = subprocess.run([have("pactl"), "list", "short", "sources"], capture_output=True, text=True, check=True).stdout
    names = [line.split("\t")[1] for line in out.splitlines() if ".monitor" in line]
    assert names, out
    return names[0]


def test_capture_gives_mp3_a_recording_and_levels(microphone: str, tmp_path: Path) -> None:
    from broadcast.live import LiveCapture
    from schedules.formats import parse_format

    cap = LiveCapture(parse_format("mp3-64k-mono"), tmp_path / "live.wav", device=microphone, max_s=30).start()
    assert cap.wait_for_sound(), "the sine microphone was not heard within 3 s"
    heard_after = time.monotonic() - cap.started_at
    data = bytearray()
    t_end = time.monotonic() + 1.5
    while time.monotonic() < t_end:
        data += cap.read(0.1) or b""
    result = cap.stop()
    assert heard_after < 3.0
    assert cap.level_lufs > -30 and result.peak_lufs > -30, result.peak_lufs  # a full-scale-ish tone
    assert data[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xe3"), data[:4]  # MPEG audio frames, as they come
    mp3 = tmp_path / "live.mp3"
    mp3.write_bytes(bytes(data))
    assert probe_duration(mp3) > 1.0
    assert result.recording.is_file() and probe_duration(result.recording) > 1.0
    assert result.had_sound


def test_a_silent_microphone_airs_nothing(microphone: str, tmp_path: Path) -> None:
    from broadcast.live import check_microphone
    from schedules.errors import DeliveryError
    from schedules.formats import parse_format

    t0 = time.monotonic()
    with pytest.raises(DeliveryError) as err:
        check_microphone(parse_format("mp3-64k-mono"), tmp_path / "silent.wav", device=silent_source())
    assert err.value.kind == "mic_silent"
    assert time.monotonic() - t0 < 8


def test_live_check_cli(microphone: str, cli: Cli, tmp_path: Path) -> None:
    keep = tmp_path / "thu.wav"
    d = cli.json("live", "--check", "--device", microphone, "--seconds", "2", "--keep", str(keep))
    assert d["heard"] is True and d["peak_lufs"] > -30 and keep.is_file()
    r = cli("live", "--check", "--device", silent_source())
    assert r.code == 5 and "No sound from the microphone" in r.stderr
    r = cli("live", "--check", "--device", "không-có-micro")
    assert r.code == 5 and "could not be opened" in r.stderr
