"""Issue 16, points 1, 2, 6, 7 and 9 and the calendar export, as the operator meets them through
the real ``loaxa`` command line: a folder with one bad file, a retired clip, one spelling for
options, ``listen`` before an airing, and ``check`` telling of the engine and the week's plan."""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from schedules.timeutil import zone
from tests.conftest import Cli, have, wait_until
from tests.support.icecast import IcecastServer

TZ = zone("Asia/Ho_Chi_Minh")


def _commune(cli: Cli, out_dir: Path) -> None:
    cli.ok("init")
    cli.ok("areas", "add", "X1", "--name", "Xã An Bình", "--level", "commune", "--quiet-hours", "none")
    cli.ok("endpoints", "add", "loa1", "--name", "Loa thôn Đông", "--area", "X1", "--url", out_dir.as_uri())


def _stop(engine: subprocess.Popen[str]) -> None:
    engine.send_signal(signal.SIGTERM)
    engine.wait(40)
    engine.communicate()


# --- point 1: a folder with good files and one that is not audio -----------------------------


def test_folder_with_one_bad_file_says_how_many_were_added_first_and_keeps_them(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    cli.ok("init")
    for i in range(8):
        make_audio(f"tin{i}.mp3", seconds=1.0, freq=300 + 40 * i)
    folder = tmp_path / "audio"
    (folder / "ghi chu.mp3").write_text("đây không phải âm thanh\n", encoding="utf-8")
    r = cli("clips", "add", str(folder), "--workers", "2")
    assert r.code == 3, "a refused file is exit 3 (the contract), also when others were added"
    lines = r.stdout.splitlines()
    assert lines[0] == "8 added, 0 already in the library, 1 refused:", r.stdout
    assert lines[1].startswith("  - ghi chu.mp3: ") and "not an audio file" in lines[1]
    assert "The files added are kept" in lines[2]
    assert r.stderr.strip() == "1 of 9 files refused; the others were kept."
    assert len(cli.json("clips", "list")) == 8, "per file: the good ones stay"
    # the same folder again, in Vietnamese: the count comes first, in words
    r = cli("--lang", "vi", "clips", "add", str(folder))
    assert r.code == 3
    first, why = r.stdout.splitlines()[:2]
    assert first == "Đã thêm 0, 8 đã có trong thư viện, 1 bị từ chối:"
    assert "ghi chu.mp3" in why and "không phải tệp âm thanh" in why
    # JSON is unchanged: one object per file, the refused one with its error
    r = cli("clips", "add", str(folder), "--json")
    rows = r.json()
    assert r.code == 3 and len(rows) == 9 and [x["path"] for x in rows if "error" in x] == [str(folder / "ghi chu.mp3")]


# --- point 2: a retired clip is not a dead end ----------------------------------------------


@pytest.mark.slow
def test_retired_clip_offers_restore_and_airs_from_its_file(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    _commune(cli, tmp_path / "out")
    clip = make_audio("thong bao.mp3", seconds=2.0)
    item = cli.json("clips", "add", str(clip), "--approve-by", "Cán bộ A")
    cli.ok("clips", "retire", str(item["id"]))
    # importing it again names the way back instead of a bare "already in the library"
    r = cli.ok("clips", "add", str(clip))
    assert f"loaxa clips restore {item['id']}" in r.stdout and "retired" in r.stdout
    r = cli("clips", "approve", str(item["id"]), "--by", "B")
    assert r.code == 3 and f"loaxa clips restore {item['id']}" in r.stderr and "Import it anew" not in r.stderr
    # broadcast now --file of the retired clip restores it (airing it is the approval) and airs it
    engine = cli.popen("engine", "--for", "60")
    try:
        assert wait_until(lambda: cli.json("status")["engine"]["running"], timeout=15)
        r = cli("--lang", "vi", "broadcast", "now", "--file", str(clip), "--target", "X1", "--by", "Chủ tịch xã")
        assert r.code == 0, r.stderr
        assert "Đang phát: loa1" in r.stdout and "Không phát" not in r.stdout, r.stdout
        assert f"Bản tin {item['id']} chứa âm thanh này đã ngừng dùng: đã được khôi phục để phát (người duyệt: Cán bộ A)" in r.stdout
        assert wait_until(lambda: any(x["outcome"] == "completed" for x in cli.json("runs", "list")), timeout=15, interval=0.3), cli.json("runs", "list")
    finally:
        _stop(engine)
    d = cli.json("clips", "show", str(item["id"]))
    assert d["state"] == "approved" and d["approved_by"] == "Cán bộ A", "its approval kept"
    # clips restore: an item that had been approved is approved again (its approval kept)
    cli.ok("clips", "retire", str(item["id"]))
    assert cli.json("clips", "restore", str(item["id"]), "--by", "Cán bộ B")["state"] == "approved"
    assert cli.json("clips", "show", str(item["id"]))["approved_by"] == "Cán bộ A"
    r = cli("clips", "restore", str(item["id"]))
    assert r.code == 3 and "not retired" in r.stderr
    # a draft that was retired comes back a draft, with the next step
    draft = cli.json("clips", "add", str(make_audio(seconds=1.0, freq=660)))
    cli.ok("clips", "retire", str(draft["id"]))
    r = cli.ok("clips", "restore", str(draft["id"]))
    assert "draft" in r.stdout and f"loaxa clips approve {draft['id']}" in r.stdout
    assert cli("clips", "restore", "999").code == 4


# --- point 6: one spelling for options, the old ones still work ------------------------------


def test_outputs_are_out_and_names_are_name_old_spellings_still_work(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    cli.ok("init")
    r = cli.ok("backup", "--out", str(tmp_path / "a.zip"))
    assert (tmp_path / "a.zip").is_file() and "old" not in r.stderr
    r = cli("backup", str(tmp_path / "b.zip"), "--json")  # the old spelling
    assert r.code == 0 and (tmp_path / "b.zip").is_file()
    assert r.json()["path"].endswith("b.zip"), "stdout stays one JSON document"
    assert "Note: this spelling is old" in r.stderr and "loaxa backup --out FILE" in r.stderr
    r = cli("backup", str(tmp_path / "c.zip"), "--out", str(tmp_path / "d.zip"))
    assert r.code == 2 and not (tmp_path / "c.zip").exists() and not (tmp_path / "d.zip").exists()
    r = cli("backup")
    assert r.code == 2 and "--out" in r.stderr
    assert "OLD_OUT" not in cli.ok("backup", "--help").stdout.upper()
    # names: --name everywhere, the old positional kept
    d = cli.json("holidays", "add", "2027-05-03", "--name", "Nghỉ bù", "--instead-of", "2027-05-08")
    assert d["name"] == "Nghỉ bù"
    r = cli("holidays", "add", "2027-05-04", "Nghỉ thêm", "--json")
    assert r.code == 0 and r.json()["name"] == "Nghỉ thêm" and "loaxa holidays add YYYY-MM-DD --name NAME" in r.stderr
    assert cli.json("supply", "add", "--name", "Bản tin tuần", "--source", "Huyện", "--by", "14:00")["name"] == "Bản tin tuần"
    assert cli.json("campaigns", "add", "--name", "Tiêm chủng 2027")["name"] == "Tiêm chủng 2027"
    r = cli("campaigns", "add", "Phòng cháy", "--json")
    assert r.code == 0 and r.json()["name"] == "Phòng cháy" and "--name" in r.stderr
    # a bundle is written with --out too
    item = cli.json("clips", "add", str(make_audio(seconds=1.0)), "--approve-by", "A")
    cli.ok("bundle", "create", "--out", str(tmp_path / "g.loaxa"), "--items", str(item["id"]), "--issuer", "H1")
    assert (tmp_path / "g.loaxa").is_file()
    d = cli.json("playlists", "create", "--name", "Sáng 2027", str(item["id"]), str(item["id"]))
    assert d["name"] == "Sáng 2027" and len(d["entries"]) == 2
    r = cli("playlists", "create", "Chiều", str(item["id"]), "--json")  # the old spelling
    assert r.code == 0 and r.json()["name"] == "Chiều" and "loaxa playlists create --name NAME ITEM_ID..." in r.stderr
    assert cli("playlists", "create", "--name", "X", "một").code == 2
    assert cli("playlists", "create", str(item["id"])).code == 2, "a name is needed"
    vi = cli("--lang", "vi", "backup", str(tmp_path / "e.zip"))
    assert vi.code == 0 and "Lưu ý: cách viết này đã cũ" in vi.stderr


# --- point 7: listen before an airing --------------------------------------------------------


@pytest.fixture
def icecast() -> Iterator[IcecastServer]:
    srv = IcecastServer().start()
    yield srv
    srv.close()


@pytest.mark.slow
def test_listen_before_the_airing_says_no_source_yet_and_waits_for_it(cli: Cli, icecast: IcecastServer) -> None:
    url = icecast.listen_url("an-binh")
    r = cli("listen", url, "--for", "2")
    assert r.code == 5
    assert "no source yet" in r.stderr and "--wait" in r.stderr and "HTTP 404" not in r.stderr
    r = cli("--lang", "vi", "listen", url, "--for", "2")
    assert r.code == 5 and "chưa có nguồn phát" in r.stderr
    r = cli("listen", url, "--for", "1", "--wait", "1")
    assert r.code == 5 and "no source came to this mount within 1 s" in r.stderr
    # the airing starts 2 s after the technician began to listen with --wait
    src: list[subprocess.Popen[bytes]] = []

    def start_source() -> None:
        time.sleep(2.0)
        src.append(
            subprocess.Popen(
                [
                    have("ffmpeg"),
                    "-nostdin",
                    "-loglevel",
                    "error",
                    "-re",
                    "-f",
                    "lavfi",
                    "-i",
                    "sine=f=440:d=20",
                    "-ac",
                    "1",
                    "-b:a",
                    "64k",
                    "-content_type",
                    "audio/mpeg",
                    "-f",
                    "mp3",
                    icecast.source_url("an-binh"),
                ]
            )
        )

    t = threading.Thread(target=start_source)
    t.start()
    try:
        t0 = time.monotonic()
        r = cli("listen", url, "--for", "2", "--wait", "20", "--json")
        took = time.monotonic() - t0
    finally:
        t.join()
        for p in src:
            p.kill()
            p.wait()
    assert r.code == 0, r.stderr
    assert r.json()["codec"] == "mp3" and took >= 3.5


# --- point 9: check tells of the engine and the week's plan ---------------------------------


def _check_line(r: object, name: str) -> dict[str, object]:
    (line,) = [c for c in r.json()["checks"] if c["check"] == name]  # type: ignore[attr-defined]
    return line  # type: ignore[no-any-return]


@pytest.mark.slow
def test_check_reports_engine_not_running_and_plan_problems_with_contract_codes(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    _commune(cli, tmp_path / "out")
    r = cli("check", "--json")
    assert r.code == 0 and _check_line(r, "engine")["status"] == "WARN", "nothing due: a warning only"
    item = cli.json("clips", "add", str(make_audio(seconds=1.0)), "--approve-by", "A")
    cli.ok("playlists", "create", "Sáng", str(item["id"]))
    soon = datetime.now(TZ) + timedelta(hours=2)
    cli.ok("schedules", "add", "--playlist", "1", "--target", "X1", "--times", soon.strftime("%H:%M"), "--days", "daily")
    r = cli("check", "--json")
    assert r.code == 5, r.stdout  # the contract: no engine running is exit 5
    eng = _check_line(r, "engine")
    assert eng["status"] == "FAIL" and "not running" in str(eng["message"]) and "will not air" in str(eng["message"])
    assert "loaxa engine" in str(eng["next_step"])
    assert _check_line(r, "plan for the next 7 days")["status"] == "OK"
    assert "bộ phát: không chạy" in cli("--lang", "vi", "check").stdout
    # a draft in the week's playlist: a plan problem, exit 6 (data comes before the engine)
    draft = cli.json("clips", "add", str(make_audio(seconds=1.0, freq=550)))
    cli.ok("playlists", "create", "Chiều", str(draft["id"]))
    cli.ok("schedules", "add", "--playlist", "2", "--target", "X1", "--times", (soon + timedelta(hours=1)).strftime("%H:%M"), "--days", "daily")
    r = cli("check", "--json")
    assert r.code == 6, r.stdout
    plan_line = _check_line(r, "plan for the next 7 days")
    assert plan_line["status"] == "FAIL" and "problems" in str(plan_line["message"]) and "loaxa plan" in str(plan_line["next_step"])
    assert "draft" in str(plan_line["message"]).lower() or str(draft["id"]) in str(plan_line["message"])
    cli.ok("clips", "approve", str(draft["id"]), "--by", "A")
    # the engine running: both lines OK, exit 0
    engine = cli.popen("engine", "--for", "60")
    try:
        assert wait_until(lambda: cli.json("status")["engine"]["running"], timeout=15)
        r = cli("check", "--json")
    finally:
        _stop(engine)
    assert _check_line(r, "engine")["status"] == "OK" and _check_line(r, "plan for the next 7 days")["status"] == "OK"
    assert r.code == 0, r.stdout


# --- "priority 2" in the calendar export ------------------------------------------------------


def test_calendar_export_says_the_priority_in_the_readers_language(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    _commune(cli, tmp_path / "out")
    item = cli.json("clips", "add", str(make_audio(seconds=1.0)), "--approve-by", "A", "--priority", "2")
    cli.ok("playlists", "create", "Sáng", str(item["id"]))
    cli.ok("schedules", "add", "--playlist", "1", "--target", "X1", "--times", "05:30", "--days", "daily", "--from", "2027-03-01", "--until", "2027-03-02")
    ics = tmp_path / "lich.ics"
    cli.ok("--lang", "vi", "plan", "--from", "2027-03-01", "--until", "2027-03-02", "--ics", str(ics))
    text = ics.read_bytes().decode("utf-8").replace("\r\n ", "")  # unfolded
    descs = [line for line in text.split("\r\n") if line.startswith("DESCRIPTION:")]
    assert len(descs) == 2 and all(d.startswith("DESCRIPTION:Mức ưu tiên: ") for d in descs), descs
    assert "priority" not in text.lower()
    cli.ok("--lang", "en", "plan", "--from", "2027-03-01", "--until", "2027-03-02", "--ics", str(ics))
    assert "DESCRIPTION:Priority: " in ics.read_bytes().decode("utf-8")
