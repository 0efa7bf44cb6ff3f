"""LoaXa on a real PostgreSQL server (a district server's set-up) through the same SQLAlchemy URL:
the schema migrates from the first revision, foreign keys hold, a clip airs on the second through
the real CLI and engine, a second engine is refused, and backup → wipe → restore gives back the
same rows and media, all or nothing."""

from __future__ import annotations

import json
import shutil
import signal
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from schedules import db
from tests.conftest import Cli, probe_duration, rewrite_backup, tree_digest, wait_until
from tests.support.postgres import PostgresServer, pg_rows

pytestmark = pytest.mark.slow
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def pgcli(pg: PostgresServer, tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data", env={"LOAXA_DB": pg.database()})


def test_schema_migrates_from_the_first_revision_and_foreign_keys_hold(pg: PostgresServer) -> None:
    url = pg.database()
    eng = db.make_engine(url)
    try:
        db.migrate(eng, "0001")
        with eng.begin() as c:
            c.execute(text("INSERT INTO areas (code, name, level, created_at) VALUES ('X1', 'Xã An Bình', 'commune', '2026-01-01 00:00:00')"))
        db.migrate(eng)  # to head
        assert db.current_revision(eng) == db.HEAD_REVISION
        with eng.connect() as c:
            assert c.execute(text("SELECT name FROM areas WHERE code = 'X1'")).scalar() == "Xã An Bình"
        with pytest.raises(IntegrityError), eng.begin() as c:
            c.execute(
                text(
                    "INSERT INTO endpoints (code, name, area_code, url, format, enabled, status, created_at) VALUES ('e', 'e', 'NOPE', 'file:///x', 'mp3-64k-mono', true, 'unknown', '2026-01-01')"
                )
            )
    finally:
        eng.dispose()


def test_clip_airs_on_time_and_a_second_engine_is_refused(pg: PostgresServer, pgcli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    out_dir = tmp_path / "endpoint-out"
    out = pgcli.ok("init", "--demo").stdout
    assert "postgresql" in out and "****" in out and pg.password not in out and "m%E1%BA%ADt" not in out, "the password is masked"
    pgcli.ok("areas", "add", "X9", "--name", "Xã Tân Lập", "--level", "commune", "--quiet-hours", "none")
    pgcli.ok("endpoints", "add", "loa9", "--name", "Loa thôn Bắc", "--area", "X9", "--url", out_dir.as_uri())
    item = pgcli.json("clips", "add", str(make_audio("thong bao.mp3", seconds=5.0)), "--title", "Thông báo lịch tiêm", "--approve-by", "Cán bộ A")
    assert pgcli.json("clips", "list", "--search", "lich tiem")[0]["id"] == item["id"], "search ignores accents on PostgreSQL too"
    pl = pgcli.json("playlists", "create", "Chương trình chiều", str(item["id"]))
    check = {c["check"]: c for c in pgcli("check", "--json").json()["checks"]}
    assert all(c["status"] == "OK" for name, c in check.items() if name.startswith("database")), check

    engine = pgcli.popen("engine", "--for", "40")
    try:
        assert wait_until(lambda: pgcli.json("status")["engine"]["running"], timeout=20), "engine heartbeat never appeared"
        second = pgcli("engine", "--for", "5")
        assert second.code == 5 and "already" in second.stderr, second.stderr
        at = (datetime.now(TZ) + timedelta(seconds=5)).replace(microsecond=0)
        pgcli.ok("schedules", "add", "--playlist", str(pl["id"]), "--target", "X9", "--date", at.strftime("%Y-%m-%d"), "--times", at.strftime("%H:%M:%S"))

        def aired() -> list[dict[str, Any]]:
            return [r for r in pgcli.json("runs", "list", "--from", at.strftime("%Y-%m-%d")) if r["endpoint"] == "loa9" and r["outcome"] == "completed"]

        assert wait_until(lambda: bool(aired()), timeout=25, interval=0.5), pgcli.json("runs", "list")
        (run,) = aired()
        delay = (datetime.fromisoformat(run["actual_start"]) - at).total_seconds()
        assert abs(delay) <= 0.5, f"started {delay:.3f} s off the scheduled second"
        (file,) = sorted(out_dir.glob("*.mp3"))
        assert abs(probe_duration(file) - pl["duration_s"]) <= 0.1
    finally:
        engine.send_signal(signal.SIGTERM)
        code = engine.wait(timeout=40)
        _out, err = engine.communicate()
    assert code == 0, err


def test_backup_wipe_restore_round_trip_all_or_nothing(pg: PostgresServer, pgcli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    url = pgcli.env["LOAXA_DB"]
    pgcli.ok("init", "--demo")
    pgcli.ok("clips", "add", str(make_audio(seconds=2.0)), "--title", "Thông báo", "--approve-by", "A")
    bk = tmp_path / "sao-luu.zip"
    pgcli.ok("backup", str(bk))
    with zipfile.ZipFile(bk) as z:
        assert "db/loaxa.sql" in z.namelist() and json.loads(z.read("manifest.json"))["database"] == "postgresql"
    rows = pg_rows(url)
    assert len(rows["items"]) == 5 and rows["areas"] and rows["audit_log"]
    media = {Path(k).relative_to(pgcli.data_dir): v for k, v in tree_digest(pgcli.data_dir / "media").items()}

    for log in pgcli.data_dir.glob("logs/*"):
        assert "m%E1%BA%ADt" not in log.read_text(errors="replace"), "the database password stays out of the logs"

    # a new machine: an empty database and an empty data folder
    fresh = Cli(tmp_path / "data2", env={"LOAXA_DB": pg.database()})
    fresh.ok("init")
    fresh.ok("restore", str(bk))
    assert pg_rows(fresh.env["LOAXA_DB"]) == rows
    # the change notices other PCs wait on are back (the backup holds no function or trigger)
    import psycopg

    with psycopg.connect(fresh.env["LOAXA_DB"].replace("postgresql+psycopg://", "postgresql://")) as conn:
        n = conn.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'loaxa_notify'").fetchone()
    assert n is not None and n[0] >= 16, n
    assert {Path(k).relative_to(fresh.data_dir): v for k, v in tree_digest(fresh.data_dir / "media").items()} == media
    r = fresh("restore", str(bk))
    assert r.code == 3 and "--force" in r.stderr

    # a backup whose hashes match but whose database does not load: refused, nothing changed
    bad = tmp_path / "hong.zip"

    def broken(name: str, data: bytes) -> bytes:
        if name == "db/loaxa.sql":
            return data + b"\nINSERT INTO no_such_table VALUES (1);\n"
        return b"other bytes" if name.startswith("media/") else data

    rewrite_backup(bk, bad, broken, rehash=True)
    r = fresh("restore", str(bad), "--force")
    assert r.code == 3 and "nothing was changed" in r.stderr, r.stderr
    assert pg_rows(fresh.env["LOAXA_DB"]) == rows
    assert {Path(k).relative_to(fresh.data_dir): v for k, v in tree_digest(fresh.data_dir / "media").items()} == media

    # a SQLite data folder's backup does not go into PostgreSQL
    lite = Cli(tmp_path / "lite")
    lite.ok("init")
    lite_bk = tmp_path / "lite.zip"
    lite.ok("backup", str(lite_bk))
    r = fresh("restore", str(lite_bk), "--force")
    assert r.code == 3 and "sqlite" in r.stderr, r.stderr
    assert pg_rows(fresh.env["LOAXA_DB"]) == rows
    shutil.rmtree(tmp_path / "lite")
