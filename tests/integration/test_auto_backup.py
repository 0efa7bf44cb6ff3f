"""The daily automatic backup: written when due into the folder the setting names, rotated to the
last N, never during an airing, and a file `restore` accepts; problems reported, not raised."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from broadcast.engine import Engine, EngineConfig
from schedules import backup, settings
from schedules.workspace import Workspace
from tests.support.onair import FAST, add_items, commune, engine_alive, runs, schedule_at, settle
from tests.support.state import db_rows, tree_digest, wait_until

pytestmark = pytest.mark.slow
T0 = datetime(2027, 3, 1, 20, 0, tzinfo=UTC)


def relative(digest: dict[str, str], root: Path) -> dict[str, str]:
    return {str(Path(k).relative_to(root)): v for k, v in digest.items()}


def configure(ws: Workspace, folder: Path | str, keep: int = 7) -> None:
    with ws.session() as s:
        settings.set_value(s, "backup.folder", str(folder))
        settings.set_value(s, "backup.keep", keep)


def test_off_until_a_folder_is_set(ws: Workspace) -> None:
    assert backup.automatic(ws, T0).state == "off"


def test_due_once_a_day_and_only_the_newest_are_kept(ws: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "usb" / "LoaXa"
    configure(ws, folder, keep=2)
    first = backup.automatic(ws, T0)
    assert first.state == "made" and first.path is not None and first.path.parent == folder
    assert backup.automatic(ws, T0 + timedelta(hours=23)).state == "not_due"
    names = []
    for day in (1, 2, 3):
        r = backup.automatic(ws, T0 + timedelta(days=day, minutes=1))
        assert r.state == "made", r.error
        names.append(r.path.name if r.path else "")
    kept = sorted(p.name for p in folder.glob("*.zip"))
    assert kept == names[-2:]  # the two newest; the older ones rotated away
    newest = backup.newest_automatic(folder)
    assert newest is not None and newest[1] == T0 + timedelta(days=3, minutes=1)


def test_an_automatic_backup_restores_to_the_same_data(ws: Workspace, tmp_path: Path) -> None:
    commune(ws, ("loa1", (tmp_path / "out").as_uri()))
    add_items(ws, tmp_path, (1.0, 440))
    configure(ws, tmp_path / "bk")
    r = backup.automatic(ws, T0)
    assert r.state == "made" and r.path is not None
    rows, media = db_rows(ws.data_dir / "loaxa.db"), relative(tree_digest(ws.media.root), ws.media.root)
    other = Workspace.open(tmp_path / "elsewhere")
    try:
        backup.restore(other, r.path, force=True)
        assert relative(tree_digest(other.media.root), other.media.root) == media
    finally:
        other.close()
    assert db_rows(tmp_path / "elsewhere" / "loaxa.db") == rows


def test_a_folder_that_cannot_be_written_is_reported_not_raised(ws: Workspace, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    configure(ws, blocker / "sub")
    r = backup.automatic(ws, T0)
    assert r.state == "failed" and r.error and "not-a-folder" in r.error
    assert not list(tmp_path.glob("**/*.zip"))


def test_the_engine_waits_for_the_airing_to_end_then_backs_up(ws: Workspace, tmp_path: Path) -> None:
    commune(ws, ("loa1", (tmp_path / "out").as_uri()))
    [item] = add_items(ws, tmp_path, (3.0, 440))
    folder = tmp_path / "daily"
    configure(ws, folder)
    eng = Engine(ws, EngineConfig(**{**FAST, "backup_check_s": 0.3, "backup_quiet_s": 30.0}))
    th = threading.Thread(target=eng.run, daemon=True)
    at = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=6)
    schedule_at(ws, [item], "loa1", at)
    th.start()
    try:
        assert wait_until(lambda: engine_alive(ws), 10)
        # an airing begins within backup_quiet_s: no backup before it has aired
        assert wait_until(lambda: any(r.outcome == "on_air" for r in runs(ws)), 20, 0.1)
        assert not list(folder.glob("*.zip"))
        [run] = settle(ws, 1)
        assert wait_until(lambda: list(folder.glob("loaxa-backup-*.zip")), 20, 0.2), "no automatic backup after the airing"
        newest = backup.newest_automatic(folder)
        assert newest is not None and run.ended is not None
        assert newest[1] >= run.ended.replace(tzinfo=UTC) - timedelta(seconds=1)
        backup.verify(newest[0])  # a whole, valid backup
        assert wait_until(lambda: eng.backup_info.get("state") == "made", 5)
    finally:
        eng.request_stop()
        th.join(20)
