"""Speech from text: `loaxa clips say` through the real CLI, real espeak-ng and real ffmpeg, the
audio measured (ebur128, silencedetect); Piper model discovery and its errors."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Cli, db_rows, have, tree_digest

NOTICE = (
    "UBND xã thông báo: ngày 15/3/2027, lúc 7h30, trạm y tế tiêm vắc xin phòng bệnh cho trẻ em "
    "dưới 5 tuổi. Đề nghị phụ huynh mang theo thẻ BHYT. Mọi thắc mắc xin gọi 0912345678."
)


def measure(path: Path) -> tuple[float, float, float]:
    """(integrated LUFS, seconds of sound, seconds in total) of an audio file, by ffmpeg."""
    res = subprocess.run(
        [have("ffmpeg"), "-nostdin", "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128,silencedetect=noise=-45dB:d=0.4", "-f", "null", "-"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    err = res.stderr
    lufs = float(re.findall(r"I:\s+(-?[\d.]+) LUFS", err)[-1])
    total = float(
        subprocess.run(
            [have("ffprobe"), "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)], capture_output=True, text=True, check=True
        ).stdout
    )
    silent = sum(float(x) for x in re.findall(r"silence_duration: ([\d.]+)", err))
    starts = re.findall(r"silence_start: ([\d.]+)", err)
    ends = re.findall(r"silence_end: ([\d.]+)", err)
    if len(starts) > len(ends):  # silence running to the end
        silent += total - float(starts[-1])
    return lufs, total - silent, total


def snapshot(cli: Cli) -> tuple[object, object]:
    return db_rows(cli.data_dir / "loaxa.db"), tree_digest(cli.data_dir / "media")


@pytest.fixture
def ready(cli: Cli) -> Cli:
    cli.ok("init")
    return cli


def test_say_makes_a_measured_item_with_its_text(ready: Cli) -> None:
    have("espeak-ng")
    d = ready.json("clips", "say", "--text", NOTICE, "--title", "Tiêm chủng tháng 3")
    assert d["duplicate"] is False and d["engine"] == "espeak-ng" and d["voice"] == "vi"
    assert d["text_typed"] == NOTICE
    assert "ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi bảy" in d["text_spoken"]
    assert "bảo hiểm y tế" in d["text_spoken"] and "không chín một hai" in d["text_spoken"]
    # about 40 words at 150 wpm: 15 to 40 seconds of speech
    assert 15 <= d["duration_s"] <= 40, d

    from schedules.models import Item, Rendition
    from schedules.workspace import Workspace

    ws = Workspace.open(ready.data_dir)
    try:
        with ws.session() as s:
            item = s.get(Item, d["id"])
            assert item is not None
            assert item.text_typed == NOTICE and item.text_spoken == d["text_spoken"]
            assert item.composition == {"kind": "speech", "engine": "espeak-ng", "voice": "vi", "rate": 150}
            assert item.loudness_lufs is not None
            rendition = s.query(Rendition).filter_by(item_id=item.id).first()
            assert rendition is not None
            path = ws.media.path(rendition.path)
    finally:
        ws.close()
    lufs, sound_s, total_s = measure(path)
    assert abs(lufs - (-16.0)) <= 1.0, f"the rendition is at {lufs} LUFS, not the preset's -16"
    assert sound_s >= 0.6 * total_s, f"only {sound_s:.1f} s of {total_s:.1f} s is sound: not speech"
    assert abs(total_s - d["duration_s"]) < 0.5

    # shown: as typed and as said
    assert ready.ok("clips", "text", str(d["id"])).stdout.strip() == NOTICE
    assert ready.ok("clips", "text", str(d["id"]), "--spoken").stdout.strip() == d["text_spoken"]
    # searchable by the words of its text, accents optional
    found = ready.json("clips", "list", "--search", "vac xin phu huynh")
    assert [r["id"] for r in found] == [d["id"]]
    # the same text again is the same audio: not a second item
    again = ready.json("clips", "say", "--text", NOTICE, "--title", "Tiêm chủng tháng 3")
    assert again["duplicate"] is True and again["id"] == d["id"]


def test_dry_run_prints_the_spoken_text_and_adds_nothing(ready: Cli, tmp_path: Path) -> None:
    f = tmp_path / "thong-bao.txt"
    f.write_text("Họp HĐND lúc 19:00 ngày 2/9.\n", encoding="utf-8")
    before = snapshot(ready)
    r = ready.ok("clips", "say", "--text-file", str(f), "--title", "Họp", "--dry-run")
    assert r.stdout.strip() == "Họp hội đồng nhân dân lúc mười chín giờ ngày hai tháng chín."
    assert snapshot(ready) == before
    piped = ready("clips", "say", "--text-file", "-", "--title", "Họp", "--dry-run", "--json", input_text="Gọi 113 lúc 7h.")
    assert piped.code == 0 and piped.json()["text_spoken"] == "Gọi một một ba lúc bảy giờ."


def test_approve_and_rate(ready: Cli) -> None:
    slow = ready.json("clips", "say", "--text", "Bà con chú ý.", "--title", "Chú ý", "--rate", "100", "--approve-by", "Chủ tịch xã")
    fast = ready.json("clips", "say", "--text", "Bà con chú ý.", "--title", "Chú ý nhanh", "--rate", "300", "--voice", "vi-vn-x-south")
    assert slow["duration_s"] > fast["duration_s"] * 1.5
    shown = ready.json("clips", "show", str(slow["id"]))
    assert shown["state"] == "approved"


@pytest.mark.parametrize(
    ("case", "kind"),
    [("empty", "empty"), ("too_long", "long"), ("no_voice", "voice"), ("bad_rate", "rate"), ("punctuation_only", "nothing"), ("missing_file", "file")],
)
def test_bad_input_is_refused_and_changes_nothing(ready: Cli, tmp_path: Path, case: str, kind: str) -> None:
    ready.ok("settings", "set", "speech.max_chars", "50")
    args = {
        "empty": ["--text", "   \n "],
        "too_long": ["--text", "Thông báo " * 10],
        "no_voice": ["--text", "Xin chào", "--voice", "fr-klingon"],
        "bad_rate": ["--text", "Xin chào", "--rate", "5"],
        "punctuation_only": ["--text", "... !!! ---"],
        "missing_file": ["--text-file", str(tmp_path / "không có.txt")],
    }[case]
    before = snapshot(ready)
    r = ready("clips", "say", *args, "--title", "X", "--json")
    assert r.code == 3, (r.stdout, r.stderr)
    assert json.loads(r.stdout)["error"]["code"] == 3
    assert r.stderr.strip(), "a refusal says why"
    assert snapshot(ready) == before


def test_messages_are_vietnamese_by_default(ready: Cli) -> None:
    env = {k: v for k, v in ready.env.items() if k != "LOAXA_LANG"}
    r = subprocess.run(ready.cmd("clips", "say", "--text", " ", "--title", "X"), capture_output=True, text=True, env=env, timeout=60, check=False)
    assert r.returncode == 3
    assert "Văn bản trống" in r.stderr


# --- Piper: discovery and errors (no model can be downloaded here) ----------------------------


def _piper_case(tmp_path: Path, case: str) -> Path:
    model = tmp_path / "vi_VN-test-medium.onnx"
    if case == "missing":
        return model
    if case == "not_onnx":
        p = tmp_path / "voice.bin"
        p.write_bytes(b"\x08\x07" + bytes(100))
        return p
    if case == "garbage":
        model.write_text("<html>404 Not Found</html>" * 10, encoding="utf-8")
        return model
    model.write_bytes(b"\x08\x07\x12\x0cpytorch\x1a\x03" + bytes(200))  # an ONNX header
    if case == "no_config":
        return model
    cfg = model.with_name(model.name + ".json")
    cfg.write_text("{broken" if case == "bad_config" else json.dumps({"audio": {"sample_rate": 22050}, "language": {"code": "vi_VN"}}), encoding="utf-8")
    return model


@pytest.mark.parametrize("case", ["missing", "not_onnx", "garbage", "no_config", "bad_config"])
def test_piper_model_problems_are_named(ready: Cli, tmp_path: Path, case: str) -> None:
    model = _piper_case(tmp_path, case)
    before = snapshot(ready)
    r = ready("clips", "say", "--text", "Xin chào", "--title", "X", "--voice", str(model))
    assert r.code == 3, (r.stdout, r.stderr)
    assert model.name in r.stderr
    assert snapshot(ready) == before
    # the same through the setting
    ready.ok("settings", "set", "speech.piper_model", str(model))
    ready.ok("settings", "set", "speech.engine", "piper")
    r = ready("clips", "say", "--text", "Xin chào", "--title", "X")
    assert r.code == 3 and model.name in r.stderr


def test_piper_model_discovered(tmp_path: Path) -> None:
    from broadcast.speech import discover_piper_model

    model = _piper_case(tmp_path, "good")
    m = discover_piper_model(model)
    assert m.sample_rate == 22050 and m.language == "vi_VN" and m.config.name == "vi_VN-test-medium.onnx.json"


def test_piper_not_configured_says_which_setting(ready: Cli) -> None:
    r = ready("clips", "say", "--text", "Xin chào", "--title", "X", "--voice", "piper")
    assert r.code == 3 and "speech.piper_model" in r.stderr
