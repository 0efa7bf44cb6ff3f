"""The MP3 frame finder that the relay, `loaxa listen` and the programme cache share."""

from __future__ import annotations

import subprocess
from pathlib import Path

from broadcast.mp3 import FrameIndex, first_header, parse_header
from tests.conftest import have


def _mp3(tmp_path: Path, seconds: float = 1.0) -> bytes:
    out = tmp_path / "t.mp3"
    subprocess.run(
        [
            have("ffmpeg"),
            "-nostdin",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=440:duration={seconds}",
            "-ac",
            "1",
            "-ar",
            "44100",
            "-b:a",
            "64k",
            str(out),
        ],
        check=True,
    )
    return out.read_bytes()


def test_first_header_needs_a_second_frame_behind_the_first(tmp_path: Path) -> None:
    data = _mp3(tmp_path)
    h = first_header(data)
    assert h is not None and (h.sample_rate, h.channels, h.bitrate_kbps) == (44100, 1, 64)
    # a lone sync word (in a tag or garbage) ahead of the stream is passed over
    false_sync = b"\xff\xfb\x50\xc4" + b"\x00" * 300
    assert parse_header(false_sync) is not None
    assert first_header(false_sync + data) == h
    assert first_header(false_sync) is None and first_header(b"") is None and first_header(b"<html>" * 100) is None


def test_first_header_looks_only_as_far_as_asked(tmp_path: Path) -> None:
    data = _mp3(tmp_path)
    padded = b"\x00" * 10000 + data
    assert first_header(padded) is None
    assert first_header(padded, search=65536) == first_header(data)


def test_frame_index_keeps_the_audio_frames_only(tmp_path: Path) -> None:
    data = _mp3(tmp_path, 2.0)
    idx = FrameIndex.build(data)
    assert idx.header is not None and abs(idx.duration - 2.0) < 0.1
    assert len(idx.data) == idx.offsets[-1] and idx.offsets[0] == 0
    assert all(parse_header(idx.data, idx.offsets[i]) is not None for i in range(idx.frames))
