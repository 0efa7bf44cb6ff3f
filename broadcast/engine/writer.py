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
from schedules.workspace import Workspace

log = logging.getLogger("loaxa.engine")
T = TypeVar("T")


class DatabaseWriter:
    """Runs functions of a session on one thread; the engine awaits them."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="engine-db")
        self._pending: set[asyncio.Task[Any]] = set()

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
        if self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    def _in_session(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        with self.ws.session() as s:
            return fn(s, *args)

    def _in_read_session(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        with self.ws.sessions() as s:
            return fn(s, *args)

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    # -- the engine's writes, by name ----------------------------------------------------------

    def add_record(self, values: dict[str, Any]) -> asyncio.Task[int]:
        return self.later(store.add_record, values)

    def set_status(self, code: str, online: bool, now: datetime, error: str | None) -> None:
        self.later(store.set_status, code, online, now, error)
