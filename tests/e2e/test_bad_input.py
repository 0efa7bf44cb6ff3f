"""Bad input through the CLI: exit 3 with a clear message, and nothing changed on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, clone, db_rows, tree_digest


def build_ready(cli: Cli, make_audio: Callable[..., Path], _folder: Path) -> None:
    cli.ok("init")
    cli.ok("clips", "add", str(make_audio("good.mp3", seconds=2.0)))


@pytest.fixture
def ready(cli: Cli, data_template: Any) -> Cli:
    """A database with one clip (built once, copied)."""
    return clone(data_template("one-clip", build_ready), cli)


def snapshot(cli: Cli) -> tuple[object, object]:
    return db_rows(cli.data_dir / "loaxa.db"), tree_digest(cli.data_dir / "media")


@pytest.mark.parametrize("case", ["not_audio", "empty", "missing", "corrupt_mp3", "empty_folder"])
def test_bad_clip_changes_nothing(ready: Cli, tmp_path: Path, case: str) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    if case == "not_audio":
        path = bad / "Thông báo 'quan trọng' $(rm -rf).mp3"
        path.write_text("đây là văn bản, không phải âm thanh\n" * 100, encoding="utf-8")
    elif case == "empty":
        path = bad / "empty.wav"
        path.touch()
    elif case == "missing":
        path = bad / "không có.mp3"
    elif case == "corrupt_mp3":
        path = bad / "corrupt.mp3"
        path.write_bytes(b"\xff\xfb\x90\x00" + bytes(range(256)) * 40)
    else:
        path = bad / "empty-folder"
        path.mkdir()
    before = snapshot(ready)
    r = ready("clips", "add", str(path), "--json")
    assert r.code == 3, r.stderr
    assert str(path.name) in r.stderr or str(path) in r.stderr
    out = r.json()
    assert "error" in out
    assert snapshot(ready) == before, "a refused file must leave the database and media store as they were"


def test_good_files_are_kept_when_others_are_refused(ready: Cli, tmp_path: Path, make_audio: Callable[..., Path]) -> None:
    good = make_audio("Bản tin sáng.mp3", seconds=2.0, freq=660)
    missing = tmp_path / "nope.mp3"
    r = ready("clips", "add", str(good), str(missing), "--json")
    assert r.code == 3
    results = r.json()
    assert [("id" in x, "error" in x) for x in results] == [(True, False), (False, True)]
    assert results[0]["title"] == "Bản tin sáng"


def test_same_audio_twice_is_one_item(ready: Cli, tmp_path: Path, data_template: Any) -> None:
    first = ready.json("clips", "list")
    good = data_template("one-clip", build_ready).parent / "audio" / "good.mp3"
    copy = tmp_path / "copy of good.mp3"
    copy.write_bytes(good.read_bytes())
    r = ready.json("clips", "add", str(copy))
    assert r["duplicate"] is True and r["id"] == first[0]["id"]
    assert len(ready.json("clips", "list")) == 1


@pytest.mark.parametrize(
    ("args", "code", "word"),
    [
        (["schedules", "add", "--playlist", "1", "--target", "X1", "--times", "25:00"], 3, "25:00"),
        (["schedules", "add", "--playlist", "1", "--target", "X1", "--times", "05:30", "--days", "funday"], 3, "funday"),
        (["schedules", "add", "--playlist", "1", "--target", "X1", "--times", "05:30", "--from", "2027-03-05", "--until", "2027-03-01"], 3, "2027-03-01"),
        (["schedules", "add", "--playlist", "1", "--target", "X1", "--times", "05:30", "--repeat", "11"], 3, "--repeat"),
        (["schedules", "add", "--playlist", "1", "--target", "NOPE", "--times", "05:30"], 4, "NOPE"),
        (["schedules", "add", "--playlist", "99", "--target", "X1", "--times", "05:30"], 4, "99"),
        (["clips", "approve", "42", "--by", "A"], 4, "42"),
        (["schedules", "frobnicate"], 2, "frobnicate"),
        (["settings", "set", "backup.keep", "0"], 3, "backup.keep"),
        (["settings", "set", "engine.autostart", "maybe"], 3, "maybe"),
        (["settings", "set", "loudness.preset", '{"target_lufs": "loud"}'], 3, "target_lufs"),
        (["settings", "set", "language", "fr"], 3, "fr"),
        (["settings", "set", "no.such", "1"], 3, "no.such"),
    ],
)
def test_refusals_have_the_right_exit_code(ready: Cli, args: list[str], code: int, word: str) -> None:
    ready.ok("areas", "add", "X1", "--name", "Xã", "--level", "commune", "--quiet-hours", "none")
    ready.ok("playlists", "create", "P", "1")
    before = db_rows(ready.data_dir / "loaxa.db")
    r = ready(*args)
    assert r.code == code, (r.stdout, r.stderr)
    assert word in r.stderr
    assert db_rows(ready.data_dir / "loaxa.db") == before


def test_messages_are_vietnamese_by_default(ready: Cli) -> None:
    env_cli = Cli(ready.data_dir, env={"LOAXA_LANG": "vi"})
    r = env_cli("clips", "approve", "42", "--by", "A")
    assert r.code == 4
    assert "không tồn tại" in r.stderr
    # argparse's own headings and help too, not only our messages
    help_text = env_cli.ok("runs", "list", "--help").stdout
    assert help_text.startswith("cách dùng: loaxa runs list") and "tùy chọn" in help_text and "hiện trợ giúp này rồi thoát" in help_text
    assert "usage:" not in help_text and "show this help" not in help_text


def test_settings_round_trip(ready: Cli) -> None:
    assert ready.json("settings", "get", "backup.keep")["value"] == 7
    ready.ok("settings", "set", "backup.keep", "3")
    ready.ok("settings", "set", "engine.autostart", "không")
    ready.ok("settings", "set", "engine.preroll_s", "2,5")  # a decimal comma is a decimal point
    values = {r["key"]: r for r in ready.json("settings", "list")}
    assert (values["backup.keep"]["value"], values["engine.autostart"]["value"], values["engine.preroll_s"]["value"]) == (3, False, 2.5)
    assert not values["backup.keep"]["is_default"] and values["language"]["is_default"]
    ready.ok("settings", "reset", "backup.keep")
    assert ready.json("settings", "get", "backup.keep") | {"title": ""} == {"key": "backup.keep", "value": 7, "default": 7, "is_default": True, "title": ""}
