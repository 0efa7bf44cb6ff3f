"""The technician's kit through the real CLI, with a real icecast2 on loopback."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import Cli, db_rows, have, rewrite_backup, tree_digest, wait_until
from tests.support.icecast import SOURCE_PASSWORD, IcecastServer

pytestmark = pytest.mark.slow


@pytest.fixture
def icecast() -> Iterator[IcecastServer]:
    srv = IcecastServer().start()
    yield srv
    srv.close()


@pytest.fixture
def station(cli: Cli, icecast: IcecastServer, make_audio: Callable[..., Path], tmp_path: Path) -> Cli:
    """A commune with one Icecast endpoint, one approved clip, scheduled daily."""
    pw = tmp_path / "pw.txt"
    pw.write_text(SOURCE_PASSWORD + "\n", encoding="utf-8")
    cli.ok("init")
    cli.ok("areas", "add", "X1", "--name", "Xã", "--level", "commune", "--quiet-hours", "none")
    cli.ok(
        "endpoints", "add", "loa1", "--name", "Loa 1", "--area", "X1", "--url", f"icecast://source@127.0.0.1:{icecast.port}/an-binh", "--password-file", str(pw)
    )
    item = cli.json("clips", "add", str(make_audio(seconds=3)), "--approve-by", "A")
    cli.ok("playlists", "create", "Sáng", str(item["id"]))
    # from in three days: airings in the next 7 days (renditions checked), none in the
    # next 24 hours, so `check` without an engine warns instead of failing (exit 5)
    first = date.today() + timedelta(days=3)
    cli.ok("schedules", "add", "--playlist", "1", "--target", "X1", "--times", "06:00", "--days", "daily", "--from", first.isoformat())
    return cli


def lines(r: object) -> dict[str, dict[str, object]]:
    return {c["check"]: c for c in r.json()["checks"]}  # type: ignore[attr-defined]


def test_check_passes_on_a_healthy_station(station: Cli) -> None:
    r = station("check", "--json")
    assert r.code == 0, r.stdout
    checks = r.json()["checks"]
    assert {c["status"] for c in checks} <= {"OK", "WARN"}
    names = [c["check"] for c in checks]
    assert "ffmpeg" in names and "endpoint loa1" in names
    clock = [c for c in checks if c["check"] == "clock"][0]
    assert clock["status"] == "OK", "the Icecast server's Date header is a time source"
    # the daily backup: off says so (a WARN), then a backup in the folder makes it OK
    assert lines(r)["automatic backup"]["status"] == "WARN" and "backup.folder" in str(lines(r)["automatic backup"]["next_step"])
    folder = station.data_dir.parent / "backups"
    folder.mkdir()
    station.ok("settings", "set", "backup.folder", str(folder))
    station.ok("backup", str(folder))
    auto = lines(station("check", "--json"))["automatic backup"]
    assert auto["status"] == "OK" and "loaxa-backup-" in str(auto["message"])


def test_check_names_each_failure_and_its_next_step(station: Cli, icecast: IcecastServer, tmp_path: Path) -> None:
    # a wrong source password: endpoint problem, exit 5
    bad = tmp_path / "bad.txt"
    bad.write_text("sai\n", encoding="utf-8")
    station.ok("endpoints", "edit", "loa1", "--password-file", str(bad))
    r = station("check", "--json")
    assert r.code == 5
    ep = lines(r)["endpoint loa1"]
    assert ep["status"] == "FAIL" and "401" in str(ep["message"]) and "--password-file" in str(ep["next_step"])
    # the server down: endpoint problem, exit 5
    good = tmp_path / "good.txt"
    good.write_text(SOURCE_PASSWORD, encoding="utf-8")
    station.ok("endpoints", "edit", "loa1", "--password-file", str(good))
    icecast.stop()
    r = station("check", "--json")
    assert r.code == 5 and lines(r)["endpoint loa1"]["status"] == "FAIL"
    icecast.start()
    assert station("check").code == 0
    # a rendition missing: data problem, exit 6
    renditions = sorted((station.data_dir / "media" / "renditions").rglob("*.mp3"))
    renditions[0].unlink()
    r = station("check", "--json")
    assert r.code == 6
    assert lines(r)["media files"]["status"] == "FAIL"
    assert lines(r)["renditions for the next 7 days"]["status"] == "FAIL"
    assert "loaxa clips render" in str(lines(r)["renditions for the next 7 days"]["next_step"])
    station.ok("clips", "render")
    assert station("check").code == 0
    # a source file deleted: data problem
    sources = sorted((station.data_dir / "media" / "sources").rglob("*"))
    next(p for p in sources if p.is_file()).unlink()
    r = station("check", "--json")
    assert r.code == 6 and "missing" in str(lines(r)["media files"]["message"])


def test_check_waits_briefly_for_a_locked_database_then_says_so(station: Cli) -> None:
    con = sqlite3.connect(station.data_dir / "loaxa.db", timeout=1)
    con.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        t0 = time.monotonic()
        r = station("check", "--json")
        waited = time.monotonic() - t0
    finally:
        con.rollback()
        con.close()
    assert r.code == 6
    db = lines(r)["database"]
    assert db["status"] == "FAIL" and "locked" in str(db["message"])
    assert waited >= 2.5, "it waits a little before saying so"


def test_listen_records_a_live_mount(cli: Cli, icecast: IcecastServer, tmp_path: Path) -> None:
    src = subprocess.Popen(
        [
            have("ffmpeg"),
            "-nostdin",
            "-loglevel",
            "error",
            "-re",
            "-f",
            "lavfi",
            "-i",
            "sine=f=440:d=30",
            "-ac",
            "1",
            "-b:a",
            "64k",
            "-content_type",
            "audio/mpeg",
            "-f",
            "mp3",
            icecast.source_url("vov"),
        ],
    )
    try:
        assert wait_until(lambda: icecast.has_source("vov"), 10), "ffmpeg's source is on the mount"
        out = tmp_path / "rec.mp3"
        r = cli("listen", icecast.listen_url("vov"), "--for", "4", "--record", str(out), "--json")
    finally:
        src.kill()
        src.wait()
    assert r.code == 0, r.stderr
    d = r.json()
    assert (d["codec"], d["bitrate_kbps"], d["channels"]) == ("mp3", 64, 1)
    assert 4000 <= d["bytes_per_s"] <= 30000  # real time plus the server's burst on connect
    assert d["silent_s"] == 0
    from tests.conftest import probe_duration

    assert abs(probe_duration(out) - d["audio_s"]) < 0.2 and d["audio_s"] >= 4.0


@pytest.mark.parametrize("case", ["refused", "timeout", "html", "missing"])
def test_listen_failures_exit_5_with_a_message(cli: Cli, icecast: IcecastServer, case: str) -> None:
    import socket

    hole = None
    if case == "refused":
        url = "http://127.0.0.1:1/vov"
    elif case == "timeout":
        hole = socket.socket()
        hole.bind(("127.0.0.1", 0))
        hole.listen(1)
        url = f"http://127.0.0.1:{hole.getsockname()[1]}/vov"
    elif case == "html":
        url = f"http://127.0.0.1:{icecast.port}/status.xsl"
    else:
        url = icecast.listen_url("khong-co")
    try:
        r = cli("listen", url, "--for", "2")
    finally:
        if hole is not None:
            hole.close()
    assert r.code == 5, (r.stdout, r.stderr)
    assert url.split("//")[1].split("/")[0] in r.stderr or "127.0.0.1" in r.stderr


def test_simulate_a_demo_week_matches_the_plan(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init", "--demo")
    first = date.today() + timedelta(days=1)
    last = first + timedelta(days=6)
    t0 = time.monotonic()
    sim = cli.json("simulate", "--from", first.isoformat(), "--until", last.isoformat(), "--out", str(tmp_path / "sim"))
    assert time.monotonic() - t0 < 60
    plan = cli.json("plan", "--from", first.isoformat(), "--until", last.isoformat())
    keys = ("schedule_id", "endpoint", "start", "end", "items", "priority")
    assert [tuple(a[k] for k in keys) for a in sim["airings"]] == [tuple(o[k] for k in keys) for o in plan["occurrences"]]
    assert {a["outcome"] for a in sim["airings"]} == {"completed"}
    files = sorted((tmp_path / "sim").rglob("*.mp3"))
    assert len(files) == len(sim["airings"]) == 2 * 2 * 7


def test_play_to_file_is_what_the_engine_sends(station: Cli, tmp_path: Path) -> None:
    out = tmp_path / "nghe-thu.mp3"
    d = station.json("play", "1", "--to-file", str(out))
    from broadcast.mp3 import FrameIndex

    (rend,) = list((station.data_dir / "media" / "renditions").rglob("*.mp3"))
    assert out.read_bytes() == FrameIndex.build(rend.read_bytes()).data
    assert d["frames"] == FrameIndex.build(rend.read_bytes()).frames


def test_backup_wipe_restore_round_trip(station: Cli, tmp_path: Path) -> None:
    bk = tmp_path / "sao-luu.zip"
    pp = tmp_path / "cum-tu.txt"
    pp.write_text("cụm từ bí mật của xã\n", encoding="utf-8")
    station.ok("backup", str(bk), "--passphrase-file", str(pp))  # passwords sealed, not in clear (docs/backups.md)
    assert SOURCE_PASSWORD.encode() not in bk.read_bytes()
    rows = db_rows(station.data_dir / "loaxa.db")
    media = {Path(k).relative_to(station.data_dir): v for k, v in tree_digest(station.data_dir / "media").items()}
    shutil.rmtree(station.data_dir)
    station.ok("init")
    station.ok("restore", str(bk), "--passphrase-file", str(pp))
    assert db_rows(station.data_dir / "loaxa.db") == rows
    assert {Path(k).relative_to(station.data_dir): v for k, v in tree_digest(station.data_dir / "media").items()} == media
    # restoring over data needs --force
    r = station("restore", str(bk))
    assert r.code == 3 and "--force" in r.stderr
    station.ok("restore", str(bk), "--force")


@pytest.mark.parametrize("case", ["truncated", "altered", "newer", "not_a_backup", "missing_entry"])
def test_bad_backups_are_refused_and_nothing_is_replaced(station: Cli, tmp_path: Path, case: str) -> None:
    bk = tmp_path / "sao-luu.zip"
    station.ok("backup", str(bk))
    bad = tmp_path / "bad.zip"
    if case == "truncated":
        bad.write_bytes(bk.read_bytes()[: bk.stat().st_size // 2])
    elif case == "not_a_backup":
        bad.write_text("xin chào", encoding="utf-8")
    else:

        def change(name: str, data: bytes) -> bytes | None:
            if case == "altered" and name.startswith("media/"):
                return data[:-1] + bytes([data[-1] ^ 1])
            return None if case == "missing_entry" and name.startswith("media/") else data

        rewrite_backup(bk, bad, change, manifest_change=(lambda m: m.update(schema_revision="9999")) if case == "newer" else None)
    before = (db_rows(station.data_dir / "loaxa.db"), tree_digest(station.data_dir / "media"))
    r = station("restore", str(bad), "--force")
    assert r.code == 3, r.stderr
    assert r.stderr.strip()
    assert (db_rows(station.data_dir / "loaxa.db"), tree_digest(station.data_dir / "media")) == before
