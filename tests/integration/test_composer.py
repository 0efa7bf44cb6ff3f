"""The bulletin composer through the real CLI: pydub assembly measured with ffmpeg (length to the
millisecond arithmetic, the jingle found by a band-pass filter), the recipe kept and rebuilt, bad
parts refused with nothing added."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Cli, db_rows, ffmpeg_run, have, probe_duration, tree_digest


def tone(path: Path, freq: int, seconds: float) -> Path:
    ffmpeg_run("-f", "lavfi", "-i", f"sine=frequency={freq}:sample_rate=44100:duration={seconds}", "-ac", "1", str(path))
    return path


def sounding(path: Path, band_hz: int | None = None, noise_db: int = -35) -> list[tuple[float, float]]:
    """The (start, end) seconds where ``path`` sounds, within a narrow band around ``band_hz``."""
    band = f"bandpass=f={band_hz}:width_type=q:w=8,bandpass=f={band_hz}:width_type=q:w=8," if band_hz else ""
    res = subprocess.run(
        [have("ffmpeg"), "-nostdin", "-hide_banner", "-nostats", "-i", str(path), "-af", f"{band}silencedetect=noise={noise_db}dB:d=0.3", "-f", "null", "-"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    starts = [float(x) for x in re.findall(r"silence_start: (-?[\d.]+)", res.stderr)]
    ends = [float(x) for x in re.findall(r"silence_end: ([\d.]+)", res.stderr)]
    total = probe_duration(path)
    silences = list(zip(starts, [*ends, total][: len(starts)], strict=True))
    out, t = [], 0.0
    for s, e in silences:
        if s > t + 0.05:
            out.append((t, s))
        t = e
    if t < total - 0.05:
        out.append((t, total))
    return out


def source_of(cli: Cli, item_id: int) -> Path:
    from schedules.media import source_relpath
    from schedules.models import Item
    from schedules.workspace import Workspace

    ws = Workspace.open(cli.data_dir)
    try:
        with ws.session() as s:
            item = s.get(Item, item_id)
            assert item is not None and item.media_sha256
            return ws.media.path(source_relpath(item.media_sha256, item.media_ext or "bin"))
    finally:
        ws.close()


@pytest.fixture
def ready(cli: Cli, tmp_path: Path) -> Cli:
    cli.ok("init")
    tone(tmp_path / "jingle.wav", 1000, 2.0)
    tone(tmp_path / "a.wav", 440, 3.0)
    tone(tmp_path / "b.wav", 330, 1.5)
    return cli


def test_length_and_jingle_positions(ready: Cli, tmp_path: Path) -> None:
    jingle = ready.json("clips", "add", str(tmp_path / "jingle.wav"), "--title", "Nhạc hiệu")["id"]
    d = ready.json(
        "clips",
        "compose",
        "--intro",
        str(jingle),
        "--part",
        str(tmp_path / "a.wav"),
        "--part",
        str(tmp_path / "b.wav"),
        "--gain",
        "-3",
        "--repeat",
        "2",
        "--gap",
        "5",
        "--outro",
        str(jingle),
        "--crossfade",
        "200",
        "--title",
        "Bản tin có nhạc hiệu",
    )
    # 2 + 2 x (3 + 1.5) + 5 + 2 = 18 s, minus four 200 ms crossfades (a->b twice, intro->body, body->outro)
    expected = 18.0 - 4 * 0.2
    src = source_of(ready, d["id"])
    measured = probe_duration(src)
    assert abs(measured - expected) <= 0.05, (measured, expected)
    assert abs(d["duration_s"] - expected) <= 0.05
    jingles = sounding(src, 1000)
    assert len(jingles) == 2, jingles
    (s1, e1), (s2, e2) = jingles
    assert s1 < 0.1 and abs(e1 - 2.0) < 0.3, jingles  # the intro, first
    assert abs(s2 - (expected - 2.0)) < 0.3 and e2 > expected - 0.1, jingles  # the outro, last
    # the gap between the two sayings: 5 s of silence in the middle
    sound = sounding(src)
    gaps = [b[0] - a[1] for a, b in itertools.pairwise(sound)]
    assert any(abs(g - 5.0) < 0.2 for g in gaps), sound


def test_said_twice_and_the_recipe_rebuilds(ready: Cli, tmp_path: Path) -> None:
    d = ready.json(
        "clips",
        "compose",
        "--say",
        "Bà con chú ý: ngày 2/9 mất điện từ 7h đến 11h.",
        "--repeat",
        "2",
        "--gap",
        "5",
        "--outro",
        str(tmp_path / "jingle.wav"),
        "--title",
        "Mất điện",
    )
    src = source_of(ready, d["id"])
    sound = sounding(src)
    gaps = [b[0] - a[1] for a, b in itertools.pairwise(sound)]
    assert any(4.8 < g < 5.8 for g in gaps), sound  # the speech's own trailing pause adds a little
    shown = ready.json("clips", "show", str(d["id"]))
    assert shown["duration_s"] > 7
    # the recipe is kept: rebuilt unchanged it is the same audio (the same item)...
    same = ready.json("clips", "compose", "--from", str(d["id"]))
    assert same["id"] == d["id"] and same["duplicate"] is True
    # ...and edited (said three times) it is a new, longer item with the same parts
    three = ready.json("clips", "compose", "--from", str(d["id"]), "--repeat", "3", "--title", "Mất điện (3 lần)")
    assert three["id"] != d["id"]
    assert three["composition"]["parts"] == d["composition"]["parts"] and three["composition"]["repeat"] == 3
    assert three["duration_s"] > d["duration_s"] + 5


@pytest.mark.parametrize("case", ["missing", "not_audio", "no_parts", "gain_first", "bad_repeat", "bad_number", "not_composed", "no_item"])
def test_bad_parts_are_refused(ready: Cli, tmp_path: Path, case: str) -> None:
    txt = tmp_path / "notes.mp3"
    txt.write_text("không phải âm thanh\n" * 50, encoding="utf-8")
    a = str(tmp_path / "a.wav")
    plain = ready.json("clips", "add", a)["id"] if case == "not_composed" else 0
    args = {
        "missing": ["--part", str(tmp_path / "không có.wav")],
        "not_audio": ["--intro", a, "--part", str(txt)],
        "no_parts": ["--intro", a, "--silence", "2"],
        "gain_first": ["--gain", "3", "--part", a],
        "bad_repeat": ["--part", a, "--repeat", "99"],
        "bad_number": ["--part", a, "--gain", "loud"],
        "not_composed": ["--from", str(plain)],
        "no_item": ["--part", "9999"],
    }[case]
    before = (db_rows(ready.data_dir / "loaxa.db"), tree_digest(ready.data_dir / "media"))
    r = ready("clips", "compose", *args, "--title", "X")
    assert r.code == (4 if case == "no_item" else 3), (r.stdout, r.stderr)
    assert r.stderr.strip()
    if case in ("missing", "not_audio"):
        assert ("không có.wav" if case == "missing" else "notes.mp3") in r.stderr
    assert (db_rows(ready.data_dir / "loaxa.db"), tree_digest(ready.data_dir / "media")) == before
