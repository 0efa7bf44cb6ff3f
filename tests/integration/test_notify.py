"""Change notices on a real PostgreSQL server (schedules/notify.py): what is announced, what is
not, and a listener that loses its connection comes back by itself and announces everything."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from schedules import areas, commands, notify
from schedules.workspace import Workspace

pytestmark = pytest.mark.slow


class Heard:
    def __init__(self) -> None:
        self.words: list[frozenset[str]] = []
        self.connected: list[bool] = []
        self.cond = threading.Condition()

    def on_change(self, words: frozenset[str]) -> None:
        with self.cond:
            self.words.append(words)
            self.cond.notify_all()

    def on_connected(self, value: bool) -> None:
        with self.cond:
            self.connected.append(value)
            self.cond.notify_all()

    def wait(self, pred: Any, timeout: float = 5.0) -> bool:
        with self.cond:
            return bool(self.cond.wait_for(pred, timeout))


@pytest.fixture
def pg_ws(pg: Any, tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "data", pg.database())
    yield ws
    ws.close()


def test_commits_are_announced_with_their_words_and_nothing_else(pg_ws: Workspace) -> None:
    heard = Heard()
    listener = notify.Listener(pg_ws.engine, heard.on_change, heard.on_connected).start()
    try:
        assert heard.wait(lambda: heard.connected == [True])
        with pg_ws.session() as s:
            areas.add_area(s, "X1", "Xã An Bình", "commune")
        assert heard.wait(lambda: any("areas" in w for w in heard.words)), heard.words
        heard.words.clear()
        with pytest.raises(RuntimeError), pg_ws.session() as s:  # rolled back: never announced
            areas.add_area(s, "X2", "Xã Bỏ", "commune")
            raise RuntimeError("changed my mind")
        with pg_ws.session() as s:  # the engine's claim of commands when none waits changes no row
            commands.take_pending(s, datetime.now(UTC))
        with pg_ws.session() as s:
            s.execute(text("UPDATE engine_lease SET heartbeat_at = heartbeat_at"))  # heartbeats are not announced
        time.sleep(1.0)
        assert heard.words == [], f"nothing committed that others show: {heard.words}"
        with pg_ws.session() as s:
            commands.enqueue(s, "reload", {}, by="test")
        assert heard.wait(lambda: frozenset({"commands"}) in heard.words), heard.words
    finally:
        listener.stop()
    assert not listener.active


def test_a_listener_cut_off_comes_back_and_announces_everything(pg_ws: Workspace) -> None:
    heard = Heard()
    listener = notify.Listener(pg_ws.engine, heard.on_change, heard.on_connected, retry_first_s=0.2).start()
    try:
        assert heard.wait(lambda: heard.connected == [True])
        with pg_ws.engine.begin() as c:  # the server drops the listening connection (a network cut, a restart)
            killed = c.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": listener.backend_pid}).scalars().all()
        assert killed == [True]
        assert heard.wait(lambda: heard.connected == [True, False, True], 10), heard.connected
        assert heard.wait(lambda: notify.ALL_WORDS in heard.words), "what changed meanwhile is read again"
        heard.words.clear()
        with pg_ws.session() as s:
            areas.add_area(s, "X3", "Xã Sau", "commune")
        assert heard.wait(lambda: any("areas" in w for w in heard.words)), "it listens again"
    finally:
        listener.stop()


def test_the_triggers_come_and_go_with_migration_0009(pg: Any) -> None:
    from alembic import command

    from schedules import db

    engine = db.make_engine(pg.database())
    count = text("SELECT count(*) FROM pg_trigger WHERE tgname = 'loaxa_notify'")
    try:
        db.migrate(engine)
        with engine.connect() as c:
            assert c.execute(count).scalar() == len(notify.TABLE_WORDS), "every watched table announces its changes"
        command.downgrade(db.alembic_config(engine), "0008")
        with engine.connect() as c:
            assert c.execute(count).scalar() == 0
            assert c.execute(text("SELECT count(*) FROM pg_proc WHERE proname = 'loaxa_notify_change'")).scalar() == 0
        db.migrate(engine)
        with engine.connect() as c:
            assert c.execute(count).scalar() == len(notify.TABLE_WORDS)
    finally:
        engine.dispose()
