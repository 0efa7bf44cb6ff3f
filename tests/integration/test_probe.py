"""Real ffmpeg probing real files: the system ffmpeg and the one in the imageio-ffmpeg wheel."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from broadcast import audio, ffmpeg


def test_probe_mp3_and_wav(make_audio: Callable[..., Path]) -> None:
    mp3 = make_audio("a.mp3", seconds=2.5, rate=22050)
    wav = make_audio("b.wav", seconds=1.5, rate=16000, channels=2)
    p = audio.probe(mp3)
    assert (p.codec, p.sample_rate, p.channels) == ("mp3", 22050, 1)
    assert p.duration_s == pytest.approx(2.5, abs=0.1)
    w = audio.probe(wav)
    assert (w.sample_rate, w.channels) == (16000, 2)
    assert w.duration_s == pytest.approx(1.5, abs=0.05)


def test_probe_refuses_text(tmp_path: Path) -> None:
    f = tmp_path / "notes.mp3"
    f.write_text("không phải âm thanh\n" * 50, encoding="utf-8")
    with pytest.raises(audio.AudioError) as e:
        audio.probe(f)
    assert e.value.exit_code == 3


def test_prefers_system_ffmpeg() -> None:
    ff = ffmpeg.find()
    assert ff.origin in ("system", "env")


def test_works_with_the_wheel_ffmpeg_alone(make_audio: Callable[..., Path], tmp_path: Path) -> None:
    """A machine with no system ffmpeg: probe, analyse and render with imageio-ffmpeg's binary."""
    src = make_audio("speech.mp3", seconds=3.0, rate=44100, lead_silence=0.6)
    code = (
        "import sys; from pathlib import Path; from broadcast import audio, ffmpeg; from schedules.formats import parse_format\n"
        "ff = ffmpeg.find(); assert ff.origin == 'imageio-ffmpeg', ff\n"
        "p = audio.probe(Path(sys.argv[1])); a = audio.analyse(Path(sys.argv[1]))\n"
        "r = audio.render(Path(sys.argv[1]), Path(sys.argv[2]), parse_format('mp3-64k-mono'), audio.Preset(), a)\n"
        "print(p.codec, round(a.lead_silence_s, 2), round(r.loudness_lufs, 1))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "LOAXA_FFMPEG"}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if not (Path(p) / "ffmpeg").exists())
    out = subprocess.run([sys.executable, "-c", code, str(src), str(tmp_path / "out.mp3")], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    codec, lead, lufs = out.stdout.split()
    assert codec == "mp3"
    assert float(lead) == pytest.approx(0.6, abs=0.05)
    assert float(lufs) == pytest.approx(-16.0, abs=0.5)
