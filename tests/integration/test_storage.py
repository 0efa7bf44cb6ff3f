"""Storage on a real SQLite file: migrations, WAL, foreign keys, the revision counter."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import text

from schedules import areas, db
from schedules.db import alembic_config, make_engine, make_sessionmaker, migrate, read_revision
from schedules.workspace import Workspace


def test_head_constant_matches_alembic(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert head == db.HEAD_REVISION, "update HEAD_REVISION in schedules/db.py with each migration"


def test_first_run_creates_schema_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "data")
    try:
        assert (tmp_path / "data" / "loaxa.db").is_file()
        with ws.engine.connect() as c:
            assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == db.HEAD_REVISION
    finally:
        ws.close()


def test_database_from_the_first_migration_upgrades_to_head(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    migrate(engine, "0001")
    with engine.begin() as c:
        c.execute(text("INSERT INTO areas (code, name, level, created_at) VALUES ('X1', 'Xã', 'commune', '2026-01-01 00:00:00')"))
    migrate(engine)  # to head
    con = sqlite3.connect(tmp_path / "old.db")
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == db.HEAD_REVISION
    assert con.execute("SELECT name FROM areas WHERE code='X1'").fetchone()[0] == "Xã"
    con.close()
    engine.dispose()


def test_planner_changes_bump_the_shared_revision(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "data")
    try:
        with ws.sessions() as s:
            before = read_revision(s)
        with ws.session() as s:
            areas.add_area(s, "X1", "Xã An Bình", "commune")
        with ws.sessions() as s:
            assert read_revision(s) > before
    finally:
        ws.close()


def test_foreign_keys_refuse_an_orphan(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "data")
    sessions = make_sessionmaker(ws.engine)
    try:
        import pytest
        from sqlalchemy.exc import IntegrityError

        with pytest.raises(IntegrityError), sessions() as s, s.begin():
            s.execute(
                text(
                    "INSERT INTO endpoints (code, name, area_code, url, format, enabled, status, created_at) VALUES ('e', 'e', 'NOPE', 'file:///x', 'mp3-64k-mono', 1, 'unknown', '2026-01-01')"
                )
            )
    finally:
        ws.close()
