"""The speech-first loudness pipeline on real files of every format, measured independently.

Sources are made here: Vietnamese speech from espeak-ng with silence at both ends, brought to a
quiet (-35 LUFS), normal or hot (-6 LUFS) level, encoded by ffmpeg in each codec (AMR-NB with the
imageio-ffmpeg binary, whose build has the OpenCORE encoder Debian's lacks). Each rendition is
measured with ffmpeg's ebur128 filter in a separate process, not with LoaXa's own code.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import imageio_ffmpeg
import pytest

from broadcast import importer
from schedules import library
from schedules.models import Item
from schedules.workspace import Workspace
from tests.conftest import have, probe_duration

TEXT = "Thông báo của Ủy ban nhân dân xã về lịch tiêm phòng cho gia súc và gia cầm trong tháng này."
LEAD, TRAIL = 1.2, 1.6

# (name, extension, codec args, rate, channels, level LUFS, encoder binary)
CASES = [
    ("mp3-mono-44k-quiet", "mp3", ["-c:a", "libmp3lame", "-b:a", "96k"], 44100, 1, -35, "system"),
    ("wav-stereo-48k-hot", "wav", ["-c:a", "pcm_s16le"], 48000, 2, -6, "system"),
    ("m4a-stereo-44k-normal", "m4a", ["-c:a", "aac", "-b:a", "96k"], 44100, 2, -20, "system"),
    ("ogg-mono-22k-quiet", "ogg", ["-c:a", "libvorbis", "-q:a", "4"], 22050, 1, -35, "system"),
    ("opus-stereo-48k-hot", "opus", ["-c:a", "libopus", "-b:a", "64k"], 48000, 2, -6, "system"),
    ("flac-mono-16k-normal", "flac", ["-c:a", "flac"], 16000, 1, -23, "system"),
    ("amr-mono-8k-normal", "amr", ["-c:a", "libopencore_amrnb", "-b:a", "12.2k"], 8000, 1, -20, "imageio"),
    ("wma-stereo-44k-quiet", "wma", ["-c:a", "wmav2", "-b:a", "128k"], 44100, 2, -35, "system"),
    ("wav-mono-8k-hot", "wav", ["-c:a", "pcm_s16le"], 8000, 1, -6, "system"),
    ("mp3-stereo-32k-normal", "mp3", ["-c:a", "libmp3lame", "-b:a", "64k"], 32000, 2, -18, "system"),
]

_I = re.compile(r"I:\s+(-?[\d.]+) LUFS")
_TP = re.compile(r"Peak:\s+(-?[\d.]+) dBFS")


def ebur128(path: Path) -> tuple[float, float]:
    out = subprocess.run(
        [have("ffmpeg"), "-nostdin", "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    summary = out.stderr[out.stderr.rfind("Summary:") :]
    return float(_I.search(summary).group(1)), float(_TP.search(summary).group(1))  # type: ignore[union-attr]


def decoded_duration(path: Path) -> float:
    """Seconds of audio ffmpeg decodes (container durations of AMR or MP3 are estimates)."""
    out = subprocess.run(
        [have("ffmpeg"), "-nostdin", "-v", "error", "-i", str(path), "-ac", "1", "-ar", "48000", "-f", "s16le", "-"],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return len(out.stdout) / 2 / 48000


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("speech")
    wav = d / "speech.wav"
    subprocess.run([have("espeak-ng"), "-v", "vi", "-w", str(wav), TEXT], check=True)
    return wav


def make_source(speech: Path, folder: Path, name: str, ext: str, codec: list[str], rate: int, channels: int, level: float, binary: str) -> Path:
    """Speech padded with silence, at ``level`` LUFS, encoded with ``codec``."""
    padded = folder / f"{name}-pcm.wav"
    subprocess.run(
        [
            have("ffmpeg"),
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-i",
            str(speech),
            "-af",
            f"adelay={int(LEAD * 1000)}:all=1,apad=pad_dur={TRAIL}",
            "-ar",
            "48000",
            "-ac",
            str(channels),
            "-c:a",
            "pcm_f32le",
            str(padded),
        ],
        check=True,
    )
    now, _tp = ebur128(padded)
    exe = imageio_ffmpeg.get_ffmpeg_exe() if binary == "imageio" else have("ffmpeg")
    out = folder / f"{name}.{ext}"
    subprocess.run(
        [
            exe,
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-i",
            str(padded),
            "-af",
            f"volume={level - now:.2f}dB",
            "-ar",
            str(rate),
            "-ac",
            str(channels),
            *codec,
            str(out),
        ],
        check=True,
    )
    return out


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_rendition_meets_the_speech_preset(case: tuple[str, str, list[str], int, int, float, str], speech: Path, tmp_path: Path) -> None:
    name, ext, codec, rate, channels, level, binary = case
    src = make_source(speech, tmp_path, name, ext, codec, rate, channels, level, binary)
    ws = Workspace.open(tmp_path / "data")
    try:
        report = importer.import_files(ws, [src], workers=1)
        assert not report.refused, report.refused
        (added,) = report.added
        with ws.session() as s:
            item = s.get(Item, added["id"])
            assert item is not None
            d = library.item_dict(item, full=True)
            (rend,) = item.renditions
            path = ws.media.path(rend.path)
        assert d["source_format"]["sample_rate"] == rate and d["source_format"]["channels"] == channels
        assert d["loudness_lufs"] is not None and d["true_peak_dbtp"] is not None and d["lra"] is not None
        src_lufs, src_tp = ebur128(src)
        assert d["loudness_lufs"] == pytest.approx(src_lufs, abs=0.3), "the source's own loudness is stored"
        assert d["true_peak_dbtp"] == pytest.approx(src_tp, abs=0.3)
        lufs, tp = ebur128(path)
        assert abs(lufs - (-16.0)) <= 0.5, f"{name}: rendition at {lufs} LUFS"
        assert tp <= -1.5, f"{name}: true peak {tp} dBTP above the ceiling"
        # silence trimmed at both ends (a little kept so no word is clipped)
        assert d["trim_start_s"] == pytest.approx(LEAD, abs=0.25)
        assert d["trim_end_s"] == pytest.approx(TRAIL, abs=0.35)
        source = decoded_duration(src)
        assert d["source_duration_s"] == pytest.approx(source, abs=0.02)
        expected = source - d["trim_start_s"] - d["trim_end_s"]
        got = decoded_duration(path)
        assert abs(got - expected) <= 0.05, f"{name}: rendition lasts {got:.3f} s, source minus trimmed silence {expected:.3f} s"
        # what airs: whole MP3 frames, encoder priming and padding included (under two frames)
        assert 0 <= probe_duration(path) - got <= 0.06
        assert d["waveform_points"] >= 2000
    finally:
        ws.close()
