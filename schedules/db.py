"""Opening the database: SQLite (WAL, foreign keys) by default, PostgreSQL by URL.

The schema is managed by Alembic (``schedules/migrations``); :func:`migrate` brings any database
to the head revision and is cheap when it is already there.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text, update
from sqlalchemy.orm import Session, sessionmaker

from .models import PLAN_MODELS, Meta

log = logging.getLogger("loaxa.db")

# The newest migration; a test checks it equals Alembic's head so this never drifts.
HEAD_REVISION = "0011"

BUSY_TIMEOUT_S = 15.0


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An Engine for ``url`` with LoaXa's connection settings."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}, **kwargs)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _bump_revision(session: Session, _ctx: Any, _instances: Any) -> None:
    """Before a flush that touches anything the planner reads, grow the shared revision."""
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, PLAN_MODELS):
            session.execute(update(Meta).where(Meta.key == "revision").values(value=Meta.value + 1))
            return


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "before_flush", _bump_revision)
    from .audit import seal

    event.listen(factory, "before_flush", seal)  # audit rows are hash-chained as they are written
    from .changes import track

    track(factory)  # what each transaction wrote, for the window's pages (schedules.changes)
    return factory


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at, or None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to ``revision`` (default head); a no-op when already there."""
    if revision == "head" and current_revision(engine) == HEAD_REVISION:
        return
    from alembic import command

    log.info("migrating database to %s", revision)
    command.upgrade(alembic_config(engine), revision)


def read_revision(session: Session) -> int:
    """The shared change counter (see :func:`_bump_revision`)."""
    value = session.execute(text("SELECT value FROM meta WHERE key = 'revision'")).scalar()
    return int(value or 0)
