"""The window's link to the data: operations that say what they changed, and a watch on the
database so changes made elsewhere (the engine, the CLI, a bundle import) show up too.

``hub.write(fn, on_done=...)`` runs ``fn(session)`` in one transaction in the background; on
success the GUI thread gets ``on_done(result)`` and every page hears ``changed(words)``: the words
of the tables the transaction wrote (:mod:`schedules.changes`: items, playlists, schedules,
endpoints, areas, runs, settings, keys, bundles, httn...), so no operation declares them by hand.
Pages refresh only when a word they show is in the set. The revision counter that the engine
also watches is polled every couple of seconds; when it moves, ``changed({"plan"})`` follows, and
as-run records and the HTTTN outbox are watched the same way (``changed({"runs"})``,
``changed({"httn"})``: the sender runs in the engine or ``loaxa httn``).

When the database server cannot be reached (PostgreSQL over the network), the hub says so
(``connection(False)``: the window shows "mất kết nối máy chủ"), keeps each write it could not make
and tries it again every ``retry_ms`` until the server answers (a write is one transaction: nothing
is half-written), re-runs the reads, and says ``connection(True)`` and refreshes every page once it
is back. What was typed stays: a dialog closes only when its write is done.

On PostgreSQL the hub also listens for the change notices other PCs' writes send
(:mod:`schedules.notify`): a change reaches this window at once, with the words of what changed
(``changed({"schedules"})``), so pages refresh only what they show; the poll stays as a safety net.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from schedules import changes
from schedules.db import read_revision
from schedules.models import AsRunRecord, HttnMessage
from schedules.workspace import Workspace

from . import background

PLAN = frozenset({"plan", "items", "playlists", "schedules", "endpoints", "areas", "settings", "holidays"})


class Hub(QObject):
    changed = Signal(object)  # a frozenset of words
    failed = Signal(object)  # an exception from a write, for the window to show
    noticed = Signal(object)  # words announced by the database (emitted on the listener's thread)
    connection = Signal(bool)  # False: the database server cannot be reached; True: it is back

    def __init__(self, ws: Workspace, parent: QObject | None = None, *, poll_ms: int = 2000, retry_ms: int = 2000) -> None:
        super().__init__(parent)
        self.ws = ws
        self.online = True
        self.retry_ms = retry_ms
        self._revision: int | None = None
        self._runs: tuple[int, int] | None = None
        self._httn: tuple[int, int] | None = None  # messages waiting for / refused by the province
        self._polling = False
        # one writer at a time: read-modify-write operations never interleave
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        self.listener: Any = None
        from schedules import notify

        if notify.supported(ws.engine):
            self.noticed.connect(self._on_noticed)  # queued: the listener emits on its own thread
            self.listener = notify.Listener(ws.engine, self.noticed.emit, name="loaxa-window-listen").start()
            listener = self.listener
            self.destroyed.connect(lambda *_a: listener.stop(timeout=0))

    def stop_listening(self) -> None:
        if self.listener is not None:
            self.listener.stop(timeout=0)

    def _on_noticed(self, words: frozenset[str]) -> None:
        self.changed.emit(frozenset(words))
        self.poll(announce=False)  # the poll's marks move on, so it does not announce this again

    def read(self, fn: Callable[[Session], Any], on_done: Callable[[Any], None], on_error: Callable[[BaseException], None] | None = None) -> None:
        """Run ``fn(session)`` off the GUI thread (read only)."""
        ws = self.ws

        def job() -> Any:
            with ws.sessions() as s:
                return fn(s)

        def ok(result: Any) -> None:
            self._reached()
            on_done(result)

        def failed(exc: BaseException) -> None:
            if self.lost(exc):
                QTimer.singleShot(self.retry_ms, self, lambda: self.read(fn, on_done, on_error))
            else:
                (on_error or self._report)(exc)

        background.run(job, ok, failed, owner=self)

    def write(
        self,
        fn: Callable[[Session], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        also: frozenset[str] = frozenset(),
    ) -> None:
        """Run ``fn(session)`` in one transaction off the GUI thread, then announce what it wrote
        (and ``also``: words of changes made outside the database, such as a file)."""
        ws = self.ws

        def job() -> tuple[Any, frozenset[str]]:
            with ws.session() as s:
                result = fn(s)
            return result, changes.words(s)

        def ok(got: tuple[Any, frozenset[str]]) -> None:
            result, words = got
            self._reached()
            if on_done is not None:
                on_done(result)
            if words | also:
                self.changed.emit(words | also)

        def failed(exc: BaseException) -> None:
            if self.lost(exc):  # rolled back: tried again, whole, once the server answers
                QTimer.singleShot(self.retry_ms, self, lambda: self.write(fn, on_done, on_error, also=also))
            else:
                (on_error or self._report)(exc)

        background.run(job, ok, failed, owner=self, pool=self.writer)

    def _report(self, exc: BaseException) -> None:
        self.failed.emit(exc)

    def lost(self, exc: BaseException) -> bool:
        """Was ``exc`` the database server out of reach (rather than a refusal)? Then say so."""
        unreachable = isinstance(exc, DBAPIError) and exc.connection_invalidated
        unreachable = unreachable or (isinstance(exc, OperationalError | InterfaceError) and self.ws.engine.dialect.name == "postgresql")
        if unreachable and self.online:
            self.online = False
            self.connection.emit(False)
        return unreachable

    def _reached(self) -> None:
        if not self.online:
            self.online = True
            self.connection.emit(True)
            self.changed.emit(PLAN | {"runs", "keys", "bundles"})  # what others changed meanwhile

    def poll(self, announce: bool = True) -> None:
        if self._polling:
            return
        self._polling = True
        ws = self.ws

        def job() -> tuple[int, tuple[int, int], tuple[int, int]]:
            with ws.sessions() as s:
                rev = read_revision(s)
                last = s.execute(select(func.max(AsRunRecord.id), func.count(AsRunRecord.id).filter(AsRunRecord.outcome == "on_air"))).one()
                # the province's side, moved by the HTTTN sender in another process (index on state)
                httn = tuple(int(s.scalar(select(func.count()).select_from(HttnMessage).where(HttnMessage.state == st)) or 0) for st in ("pending", "failed"))
                return rev, (int(last[0] or 0), int(last[1] or 0)), (httn[0], httn[1])

        def done(result: tuple[int, tuple[int, int], tuple[int, int]]) -> None:
            self._polling = False
            self._reached()
            rev, runs, httn = result
            words: set[str] = set()
            if self._revision is not None and rev != self._revision:
                words |= PLAN
            if self._runs is not None and runs != self._runs:
                words.add("runs")
            if self._httn is not None and httn != self._httn:
                words.add("httn")
            self._revision, self._runs, self._httn = rev, runs, httn
            if words and announce:
                self.changed.emit(frozenset(words))

        def failed(exc: BaseException) -> None:
            self._polling = False
            self.lost(exc)

        background.run(job, done, failed, owner=self)
