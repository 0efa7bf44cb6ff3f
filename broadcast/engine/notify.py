"""The engine wakes when another PC changes something (PostgreSQL LISTEN/NOTIFY, issue 18).

:class:`Wake` runs a :class:`schedules.notify.Listener` (a connection and a thread of its own,
never the event loop) and sets an asyncio event when the plan or the command queue changed;
the engine's poll waits on it instead of sleeping, so a schedule saved or a command queued on
another PC is acted on at once, not at the next poll. On SQLite (or when the listening
connection is lost) nothing wakes it early and the poll interval rules, as before.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from schedules.notify import Listener, supported

log = logging.getLogger("loaxa.engine")

# what the engine acts on; its own as-run writes ("runs") never wake it
WAKE_WORDS = frozenset({"areas", "endpoints", "items", "playlists", "schedules", "holidays", "settings", "commands"})


class Wake:
    """See the module docstring. ``nap(seconds)`` returns early when a change was announced."""

    def __init__(self, db_engine: Any) -> None:
        self.db_engine = db_engine
        self.event = asyncio.Event()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.listener: Listener | None = None
        self.noticed_at: float | None = None  # monotonic time of the last notice (for the log)

    @property
    def listening(self) -> bool:
        return self.listener is not None and self.listener.connected

    def start(self) -> None:
        if not supported(self.db_engine):
            return
        self.loop = asyncio.get_running_loop()
        self.listener = Listener(self.db_engine, self._on_change, self._on_connected, name="loaxa-engine-listen").start()

    def stop(self) -> None:
        if self.listener is not None:
            self.listener.stop()
            self.listener = None

    def _on_change(self, words: frozenset[str]) -> None:  # on the listener's thread
        if words & WAKE_WORDS and self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self._set)

    def _set(self) -> None:
        if not self.event.is_set():
            self.noticed_at = time.monotonic()
        self.event.set()

    def _on_connected(self, connected: bool) -> None:
        if connected:
            log.info("listening for changes made on other PCs (PostgreSQL LISTEN/NOTIFY)")
        else:
            log.warning("not listening for changes: the engine polls every few seconds until the database answers again")

    async def nap(self, seconds: float) -> bool:
        """Wait ``seconds``, or less when a change is announced meanwhile; True when woken."""
        try:
            await asyncio.wait_for(self.event.wait(), timeout=seconds)
        except TimeoutError:
            return False
        finally:
            self.event.clear()
        return True
