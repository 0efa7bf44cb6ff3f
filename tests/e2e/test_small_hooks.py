"""Small user-visible hooks: the backup's progress bar, leftovers in ``check``, checked names,
library search by spoken words, Vietnamese ``clips show`` / ``areas list``."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Cli


def test_backup_shows_a_progress_bar_on_stderr_and_json_stays_clean(cli: Cli, tmp_path: Path) -> None:
    cli.ok("check")  # creates the data folder and database
    r = cli.ok("backup", str(tmp_path / "a.zip"))
    assert "Backing up [" in r.stderr and "files" in r.stderr
    # no window.ini in a fresh data folder: the bar reaches its end (n/n), not 9/10
    last = [line for line in r.stderr.splitlines() if "Backing up [" in line][-1]
    done, total = last.rsplit(" ", 2)[-2].split("/")
    assert done == total, last
    assert "Backup written" in r.stdout and "Backing up" not in r.stdout
    r = cli("backup", str(tmp_path / "b.zip"), "--json")
    assert r.code == 0 and "Backing up" not in r.stderr + r.stdout
    d = json.loads(r.stdout)  # one clean document
    assert d["path"].endswith("b.zip") and d["files"] >= 1
    vi = Cli(cli.data_dir, env={"LOAXA_LANG": "vi"})
    r = vi.ok("backup", str(tmp_path / "c.zip"))
    assert "Đang sao lưu [" in r.stderr and "tệp" in r.stderr


def _check_lines(cli: Cli) -> tuple[int, list[dict[str, object]]]:
    r = cli("check", "--json")
    return r.code, [c for c in json.loads(r.stdout)["checks"] if c["check"] == "leftovers"]


def test_check_warns_of_a_killed_import_and_restore_and_render_clears_the_import(cli: Cli) -> None:
    import socket

    code_before, lines = _check_lines(cli)
    assert [x["status"] for x in lines] == ["OK"]
    staging = cli.data_dir / "media" / ".staging" / "dead"
    staging.mkdir(parents=True)
    (staging / ".owner").write_text(f"{socket.gethostname()} 999999999\n", encoding="utf-8")
    code, lines = _check_lines(cli)
    assert code == code_before  # a WARN does not change the exit code
    assert [x["status"] for x in lines] == ["WARN"] and "loaxa clips render" in str(lines[0]["next_step"]) and "dead" in str(lines[0]["message"])
    r = cli("check")
    assert "→ Remove them and render what is missing: loaxa clips render" in r.stdout
    cli.ok("clips", "render")
    assert not staging.exists()
    (cli.data_dir / ".restore-abc").mkdir()
    _, lines = _check_lines(cli)
    assert [x["status"] for x in lines] == ["WARN"] and ".restore-abc" in str(lines[0]["message"]) and "loaxa restore" in str(lines[0]["next_step"])
    vi = Cli(cli.data_dir, env={"LOAXA_LANG": "vi"})
    assert "một lần khôi phục bị dừng" in vi("check").stdout


def test_area_and_schedule_names_are_checked_like_endpoint_names(cli: Cli, make_audio: Callable[..., Path]) -> None:
    cli.ok("init")
    bidi = "Xã \u202eAn Bình"
    r = cli("areas", "add", "X1", "--name", bidi, "--level", "commune")
    assert r.code == 3 and "--name" in r.stderr and "control or text-direction" in r.stderr and "Traceback" not in r.stderr
    r = cli("areas", "add", "X1", "--name", "x" * 201, "--level", "commune")
    assert r.code == 3 and "at most 200 characters (201 given)" in r.stderr
    assert not any(a["code"] == "X1" for a in cli.json("areas", "list"))
    decomposed = unicodedata.normalize("NFD", "Xã An Bình")
    cli.ok("areas", "add", "X1", "--name", decomposed, "--level", "commune", "--quiet-hours", "none")
    [area] = [a for a in cli.json("areas", "list") if a["code"] == "X1"]
    assert area["name"] == unicodedata.normalize("NFC", "Xã An Bình")
    r = cli("areas", "edit", "X1", "--name", "Xã\x07")
    assert r.code == 3 and "control or text-direction" in r.stderr
    assert next(a for a in cli.json("areas", "list") if a["code"] == "X1")["name"] == "Xã An Bình"
    cli.ok("clips", "add", str(make_audio(seconds=1)), "--approve-by", "A")
    cli.ok("playlists", "create", "Sáng", "1")
    base = ("schedules", "add", "--playlist", "1", "--target", "X1", "--times", "06:00", "--days", "daily")
    r = cli(*base, "--name", "Bản tin \u200fsáng")
    assert r.code == 3 and "--name" in r.stderr and "control or text-direction" in r.stderr
    r = cli(*base, "--name", "s" * 201)
    assert r.code == 3 and "at most 200" in r.stderr
    assert cli.json("schedules", "list") == []  # nothing half-written
    cli.ok(*base, "--name", unicodedata.normalize("NFD", "Bản tin sáng"))
    [s] = cli.json("schedules", "list")
    assert s["name"] == unicodedata.normalize("NFC", "Bản tin sáng")
    vi = Cli(cli.data_dir, env={"LOAXA_LANG": "vi"})
    r = vi(*base, "--name", "x" * 201)
    assert r.code == 3 and "tối đa 200 ký tự" in r.stderr, r.stderr


def test_library_search_finds_a_spoken_notice_by_its_words_even_after_an_edit(cli: Cli, make_audio: Callable[..., Path]) -> None:
    cli.ok("init")
    text = "Thông báo tiêm chủng cho trẻ em tại trạm y tế xã vào sáng thứ Bảy."
    d = cli.json("clips", "say", "--text", text, "--title", "Tiêm chủng")
    item = str(d["id"])
    cli.ok("clips", "add", str(make_audio(seconds=1)), "--title", "Nhạc hiệu")  # another item the search must not find

    def found(words: str) -> list[int]:
        return [r["id"] for r in cli.json("clips", "list", "--search", words)]

    assert found("tram y te") == [d["id"]]  # words of the text only, typed without accents
    cli.ok("clips", "edit", item, "--title", "Tiêm chủng đợt 2")  # recomputes the search key
    assert found("tram y te") == [d["id"]] and found("đợt 2") == [d["id"]]
    shown = cli.json("clips", "show", item)
    assert shown["text_typed"] == text and "thứ bảy" in str(shown["text_spoken"]).lower()
    assert isinstance(shown["composition"], dict) and shown["composition"]


def test_clips_show_and_areas_list_speak_vietnamese_with_local_times(cli: Cli, make_audio: Callable[..., Path]) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    cli.ok("init")
    cli.ok("areas", "add", "X1", "--name", "Xã An Bình", "--level", "commune", "--quiet-hours", "none")
    item = cli.json("clips", "add", str(make_audio(seconds=1)), "--approve-by", "Chị Lan")
    vi = Cli(cli.data_dir, env={"LOAXA_LANG": "vi"})
    r = vi.ok("areas", "list")
    assert "Xã An Bình  xã" in r.stdout and "commune" not in r.stdout
    assert cli.json("areas", "list")[0]["level"] == "commune"  # JSON keeps the code
    d = cli.json("clips", "show", str(item["id"]))
    approved = datetime.fromisoformat(d["approved_at"])
    assert approved.utcoffset() is not None  # JSON: ISO with its offset
    local = approved.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    text = vi.ok("clips", "show", str(item["id"])).stdout
    assert f"Thời điểm duyệt: {local.strftime('%d/%m/%Y %H:%M:%S')}" in text, text
    assert "Trạng thái: đã duyệt" in text and "Người duyệt: Chị Lan" in text and "Tiêu đề:" in text
    assert "approved_at" not in text and "None" not in text
