"""Change notices between PCs on PostgreSQL: LISTEN/NOTIFY (issue 18).

On PostgreSQL, triggers made by migration 0009 send ``NOTIFY loaxa_changes, '<table>'`` for
every row written to a table other PCs care about (the plan, the command queue, the as-run log).
PostgreSQL delivers a notice when the writing transaction commits, folds identical notices of
one transaction into one, and never delivers one for a rolled-back change, so a notice always
means "committed, read again". A :class:`Listener` holds one connection of its own that
listens, on a thread of its own, and calls back with the words the window uses (``items``,
``schedules``, ``commands``, ``runs``...). When its connection is lost it says so
(``on_connected(False)``), reconnects with backoff and, once listening again, calls back with
every word: what changed while it was away is read again.

SQLite has no such thing: the engine and the window keep polling the revision counter there
(they poll on PostgreSQL too, more slowly, as a safety net).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Engine

log = logging.getLogger("loaxa.notify")

CHANNEL = "loaxa_changes"

# table -> the word pages and the engine understand (see desktop/gui/hub.py)
TABLE_WORDS: dict[str, str] = {
    "areas": "areas",
    "endpoints": "endpoints",
    "items": "items",
    "renditions": "items",
    "playlists": "playlists",
    "playlist_entries": "playlists",
    "schedules": "schedules",
    "schedule_targets": "schedules",
    "schedule_exceptions": "schedules",
    "holidays": "holidays",
    "holiday_rules": "holidays",
    "settings": "settings",
    "trusted_keys": "keys",
    "bundles": "bundles",
    "commands": "commands",
    "as_run": "runs",
}
ALL_WORDS: frozenset[str] = frozenset(TABLE_WORDS.values())


def trigger_ddl(tables: Iterable[str]) -> list[str]:
    """The PostgreSQL statements that make ``tables`` announce their changes (the migrations
    call it with the list of their revision)."""
    stmts = [
        f"""CREATE OR REPLACE FUNCTION loaxa_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
  RETURN NULL;
END $$"""
    ]
    for table in tables:
        # per row, not per statement: a statement that touches no row (a poll's empty UPDATE)
        # must not announce anything, or two listeners would wake each other for ever
        stmts.append(f"DROP TRIGGER IF EXISTS loaxa_notify ON {table}")
        stmts.append(f"CREATE TRIGGER loaxa_notify AFTER INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION loaxa_notify_change()")
    return stmts


def install(engine: Engine) -> None:
    """(Re)install the change notices on every table that announces (after a restore: a backup
    holds no function or trigger). Nothing on SQLite, or on a schema from before revision 0009."""
    if engine.dialect.name != "postgresql":
        return
    from sqlalchemy import inspect, text

    present = set(inspect(engine).get_table_names())
    with engine.begin() as conn:
        for stmt in trigger_ddl(t for t in TABLE_WORDS if t in present):
            conn.execute(text(stmt))


def drop_ddl(tables: Iterable[str]) -> list[str]:
    return [*(f"DROP TRIGGER IF EXISTS loaxa_notify ON {t}" for t in tables), "DROP FUNCTION IF EXISTS loaxa_notify_change()"]


def supported(engine: Engine) -> bool:
    """True when this database can announce changes (PostgreSQL through psycopg 3)."""
    return engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg"


def words_of(tables: Iterable[str]) -> frozenset[str]:
    return frozenset(TABLE_WORDS[t] for t in tables if t in TABLE_WORDS)


class Listener:
    """Listens for change notices on a thread of its own (see the module docstring).

    ``on_change(words)`` is called on the listener's thread with the words of the tables changed
    (several notices arriving together are given at once); ``on_connected(bool)`` when the
    connection is made or lost. Both must be quick and must not touch the database."""

    def __init__(
        self,
        engine: Engine,
        on_change: Callable[[frozenset[str]], None],
        on_connected: Callable[[bool], None] | None = None,
        *,
        name: str = "loaxa-listen",
        retry_first_s: float = 0.5,
        retry_cap_s: float = 10.0,
    ) -> None:
        self.engine = engine
        self.on_change = on_change
        self.on_connected = on_connected
        self.retry_first_s = retry_first_s
        self.retry_cap_s = retry_cap_s
        self.connected = False
        self.backend_pid: int | None = None  # the server process of the listening connection
        self._stop = threading.Event()
        self._conn: Any = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> Listener:
        if supported(self.engine):
            self._thread.start()
        return self

    @property
    def active(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _connect(self) -> Any:
        # a connection of its own, out of the pool (it stays busy listening)
        raw = self.engine.raw_connection()
        conn = raw.driver_connection
        if conn is None:
            raise ConnectionError("no connection")
        raw.detach()
        conn.autocommit = True
        conn.execute(f"LISTEN {CHANNEL}")
        self.backend_pid = int(conn.info.backend_pid)
        return conn

    def _set_connected(self, value: bool) -> None:
        if value != self.connected:
            self.connected = value
            if self.on_connected is not None:
                self.on_connected(value)

    def _run(self) -> None:
        wait = self.retry_first_s
        first = True
        while not self._stop.is_set():
            try:
                self._conn = self._connect()
            except Exception as exc:  # noqa: BLE001 - the server unreachable: retry with backoff
                log.warning("cannot listen for changes (%s); retrying in %.1f s", exc, wait)
                self._set_connected(False)
                self._stop.wait(wait)
                wait = min(wait * 2, self.retry_cap_s)
                continue
            wait = self.retry_first_s
            self._set_connected(True)
            if not first:  # what changed while this listener was away is read again
                self.on_change(ALL_WORDS)
            first = False
            try:
                self._listen(self._conn)
            except Exception as exc:  # noqa: BLE001 - the connection was lost: reconnect
                if not self._stop.is_set():
                    log.warning("listening for changes stopped (%s); reconnecting", exc)
                    self._set_connected(False)
            finally:
                try:
                    self._conn.close()
                except Exception:  # noqa: BLE001 - closing a dead connection
                    log.debug("closing the listening connection failed", exc_info=True)
                self._conn = None

    def _listen(self, conn: Any) -> None:
        import time

        checked = time.monotonic()
        while not self._stop.is_set():
            tables: set[str] = set()
            # wake at least every half second to notice stop(); gather a burst into one call
            for n in conn.notifies(timeout=0.5):
                tables.add(n.payload)
                break
            if tables:
                for n in conn.notifies(timeout=0.02):  # the rest of a burst that arrived together
                    tables.add(n.payload)
                words = words_of(tables)
                if words:
                    self.on_change(words)
            if time.monotonic() - checked > 5.0:  # a cut network shows no error while idle: ask
                conn.execute("SELECT 1")
                checked = time.monotonic()
