"""The engine's one database thread: every read and write of the engine goes through it, so the
event loop never waits on SQLite (or PostgreSQL) and writes keep their order."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any, TypeVar

from schedules import engine_store as store
from schedules import lease
from schedules.workspace import Workspace

log = logging.getLogger("loaxa.engine")
T = TypeVar("T")
BATCH_S = 0.05  # writes queued within this long share one transaction
UNFENCED = (lease.heartbeat, lease.release)  # these check the holder themselves


class Fenced(Exception):
    """A write refused because another engine took the lease (nothing is written twice)."""


class DatabaseWriter:
    """Runs functions of a session on one thread; the engine awaits them."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="engine-db")
        self._pending: set[asyncio.Task[Any]] = set()
        self._batches: dict[Callable[..., Any], list[tuple[Any, asyncio.Future[Any]]]] = {}
        self.holder: str | None = None  # when set, every write first checks this engine still holds the lease
        self.fenced = False

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` on the database thread."""
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn, *args)

    async def write(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(session, *args)`` in one transaction on the database thread."""
        return await self.call(self._in_session, fn, args)

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(session, *args)`` in a read-only session on the database thread."""
        return await self.call(self._in_read_session, fn, args)

    def later(self, fn: Callable[..., Any], *args: Any) -> asyncio.Task[Any]:
        """Queue a write without waiting for it; :meth:`flush` waits for what is queued."""
        task = asyncio.get_running_loop().create_task(self.write(fn, *args))
        self._pending.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._pending.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("a database write of the engine failed", exc_info=task.exception())

    async def flush(self) -> None:
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    def _in_session(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        with self.ws.session() as s:
            if self.holder is not None and fn not in UNFENCED and not lease.holds(s, self.holder):
                self.fenced = True
                raise Fenced("this engine no longer holds the lease: another engine airs from this database")
            return fn(s, *args)

    def _in_read_session(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        with self.ws.sessions() as s:
            return fn(s, *args)

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    # -- batched writes -------------------------------------------------------------------------
    # A thousand airings start (and end) in the same second: their rows go to the database in
    # one transaction per batch, not a thousand, so the database thread (which shares the GIL
    # with the event loop) is busy for milliseconds, not seconds.

    def batched(self, fn_many: Callable[[Any, list[Any]], list[Any] | None], item: Any) -> asyncio.Future[Any]:
        """Queue ``item`` for ``fn_many(session, items)`` (which returns one result per item, or
        None); items queued within ``BATCH_S`` go together. Returns the item's future."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[Any] = loop.create_future()
        batch = self._batches.setdefault(fn_many, [])
        batch.append((item, fut))
        if len(batch) == 1:
            task = loop.create_task(self._flush_later(fn_many))
            self._pending.add(task)
            task.add_done_callback(self._done)
        return fut

    async def _flush_later(self, fn_many: Callable[[Any, list[Any]], list[Any] | None]) -> None:
        await asyncio.sleep(BATCH_S)
        batch = self._batches.pop(fn_many, [])
        if not batch:
            return
        try:
            results = await self.write(fn_many, [item for item, _f in batch])
        except Exception as exc:
            for _item, fut in batch:
                if not fut.done():
                    fut.set_exception(exc)
            raise
        for i, (_item, fut) in enumerate(batch):
            if not fut.done():
                fut.set_result(results[i] if results is not None else None)

    def add_record(self, values: dict[str, Any]) -> asyncio.Future[int]:
        return self.batched(store.add_records, values)

    def close_record(self, run_id: int, outcome: str, reason: str | None, ended: datetime, values: dict[str, Any]) -> asyncio.Future[None]:
        return self.batched(store.close_records, (run_id, outcome, reason, ended, values))

    def set_status(self, code: str, online: bool, now: datetime, error: str | None) -> None:
        self.batched(store.set_statuses, (code, online, now, error))
