"""Upkeep: proof of delivery, endpoint status and the daily backup, beside the airings.

- Proof of delivery listens to a mount like a receiver around each airing's start and looks for
  the airing's own frames in what arrives: the first delivered frames when the listener was
  there before the release, or any later ones (an emergency or a resumed airing starts at once,
  before a listener can be on the mount), so every airing on a live stream is verified.
- Endpoint status: channels report what they meet; between airings a check every
  ``check_every_s`` asks each server once and tries each distinct source password once, on a
  spare mount, so a wrong password is never shown as "online".
- The daily automatic backup runs between airings in its own thread.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import time
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from schedules import backup  # (imported here, not in the loop's task: ~10 ms of the loop at start)
from schedules import engine_store as store
from schedules.endpoints import parse_url
from schedules.i18n import _

from .. import monitor
from ..outputs.icecast import IcecastOutput
from .airing import Airing
from .channel import Channel
from .config import EngineConfig
from .writer import DatabaseWriter

if TYPE_CHECKING:
    from .dispatch import Dispatcher

log = logging.getLogger("loaxa.engine")
CHECK_BATCH = 100  # endpoints looked at per turn of the event loop

MAX_SEARCH_FRAMES = 1200  # how far into an airing proof of delivery looks for its frames
LIVE_MARGIN_S = 0.05  # a frame sent this long after a listener connected reached it live


@dataclass
class Match:
    frame: int  # the programme frame found first in what the listener received
    arrival: float  # loop time its bytes had fully arrived


def find_delivered(rec: monitor.Reception, a: Airing, start: int | None = None) -> Match | None:
    """The first of the airing's delivered frames (three in a row, from frame ``start`` on)
    found in a reception. Pure CPU work on bytes: run it off the event loop."""
    if a.first_delivered is None:
        return None
    data = rec.data
    prog = a.programme
    first = a.first_delivered if start is None else max(a.first_delivered, start)
    last = min(a.next_frame, prog.total_frames, first + MAX_SEARCH_FRAMES)
    for k in range(first, max(first + 1, last - 2)):
        chunks = prog.chunks(k, min(prog.total_frames, k + 3))
        if any(isinstance(c, tuple) for c in chunks):
            continue  # relay frames are not known in advance
        needle = b"".join(bytes(c) for c in chunks if not isinstance(c, tuple))
        pos = data.find(needle) if needle else -1
        if pos >= 0:
            return Match(k, _arrival_at(rec, pos + len(needle)))
    return None


def first_live_frame(a: Airing, connected_at: float, fd: float, ahead_s: float, tick_s: float) -> int | None:
    """The first programme frame sent after a listener connected at ``connected_at`` (loop
    time): what a server hands a new listener at once is its burst of what came before, whose
    arrival says nothing about the delay; a frame sent later arrives as it goes through (the
    source's server, and a relay's when the listener is at a relay). None before the release."""
    if a.first_delivered is None or a.released_mono is None or a.timeline_mono is None:
        return None
    if a.released_mono > connected_at + LIVE_MARGIN_S:
        return a.first_delivered
    # a frame leaves at the latest ``ahead_s`` (plus a tick and a frame) before it is due
    sent_after = connected_at + LIVE_MARGIN_S + ahead_s + tick_s + fd
    return max(a.first_delivered, a.first_frame + math.ceil((sent_after - a.timeline_mono) / fd))


def _arrival_at(rec: monitor.Reception, end: int) -> float:
    n = 0
    for t, d in rec.chunks:
        n += len(d)
        if n >= end:
            return t
    return rec.chunks[-1][0] if rec.chunks else 0.0


class Upkeep:
    """See the module docstring."""

    def __init__(self, ws: Any, cfg: EngineConfig, writer: DatabaseWriter, dispatch: Dispatcher) -> None:
        self.ws = ws
        self.cfg = cfg
        self.writer = writer
        self.dispatch = dispatch
        self.state: dict[str, tuple[bool, datetime, str | None, str | None]] = {}
        self._written: dict[str, datetime] = {}
        self._touch: dict[tuple[bool, str | None], list[str]] = {}
        self._touch_due = False
        self.latency_ms: dict[str, float] = {}
        self.backup_info: dict[str, Any] = {}
        self._stats_due = 0.0  # the database's statistics: at the first quiet moment, then daily
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("engine upkeep task failed", exc_info=task.exception())

    async def close(self) -> None:
        for t in list(self._tasks):
            t.cancel()
        if self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # -- endpoint status ------------------------------------------------------------------------

    def endpoint_seen(self, code: str, *, online: bool, error: str | None = None, kind: str | None = None, quiet: bool = False) -> bool:
        """Note an endpoint's state; changes (and a refresh now and then) go to the database.
        Returns whether it changed (``quiet``: the caller logs changes in one line)."""
        now = self.dispatch.clock.now()
        prev = self.state.get(code)
        self.state[code] = (online, now, error, kind)
        changed = prev is None or prev[0] != online or prev[2] != error
        if changed and not quiet:
            (log.info if online else log.warning)("endpoint %s is %s%s", code, "online" if online else "offline", f": {error}" if error else "")
        last = self._written.get(code)
        if changed or last is None:
            self._written[code] = now
            self.writer.set_status(code, online, now, error)
        elif (now - last).total_seconds() >= min(30.0, self.cfg.check_every_s / 2):
            # unchanged: only "checked at" moves on, for many endpoints in one statement
            self._written[code] = now
            self._touch.setdefault((online, error), []).append(code)
            if not self._touch_due:
                self._touch_due = True
                asyncio.get_running_loop().call_later(0.05, self._flush_touch)
        return changed

    def _flush_touch(self) -> None:
        self._touch_due = False
        touch, self._touch = self._touch, {}
        now = self.dispatch.clock.now()
        for (online, error), codes in touch.items():
            self.writer.later(store.touch_statuses, codes, online, now, error)

    async def check_loop(self) -> None:
        await asyncio.sleep(min(2.0, self.cfg.check_every_s))  # let the first airings connect first
        while True:
            await self.check_endpoints()
            await asyncio.sleep(self.cfg.check_every_s)

    async def check_endpoints(self) -> None:
        """Is each endpoint reachable, and does it take our password? One request per server and
        one trial per distinct password, however many mounts (a province's server may carry
        hundreds); endpoints connected on air count as seen."""
        # the endpoints as of the last replan (a change replans): no reading 2,000 rows mid-airing
        rows = self.dispatch.endpoints or await self.writer.read(store.endpoint_rows)
        trials: dict[tuple[str, int, bool, str | None, str | None], list[str]] = {}
        for i, (code, row) in enumerate(rows.items()):
            if i % CHECK_BATCH == CHECK_BATCH - 1:
                await asyncio.sleep(0)  # 2,000 endpoints in one step held the loop ~0.25 s
            if not row.enabled:
                continue
            ch = self.dispatch.channels.get(code)
            if ch is not None and ch.connected:
                self.endpoint_seen(code, online=True)
                continue
            u = parse_url(row.url)
            if u.scheme == "file":
                target = u.folder()
                while not target.exists() and target != target.parent:
                    target = target.parent
                ok = target.is_dir() and os.access(target, os.W_OK)
                self.endpoint_seen(code, online=ok, error=None if ok else _("the folder cannot be written"))
            elif u.scheme == "httn":
                continue  # its status comes from the province (the HTTTN sender)
            elif u.scheme == "soundcard":
                continue  # online while its player runs (the channel says so when it connects)
            elif u.scheme in ("icecast", "icecast+tls") and u.host and u.port:
                trials.setdefault((u.host, u.port, u.tls, u.user, u.password), []).append(code)

        async def one(codes: list[str]) -> None:
            result = await monitor.test_endpoint(rows[codes[0]].url)
            changed = [
                c
                for c in codes
                if self.endpoint_seen(c, online=result.ok, error=None if result.ok else result.message, kind=None if result.ok else "check", quiet=True)
            ]
            if changed:  # one line for a server's mounts, not hundreds
                shown = ", ".join(changed[:5]) + (f" (+{len(changed) - 5})" if len(changed) > 5 else "")
                (log.info if result.ok else log.warning)(
                    "endpoints %s are %s%s", shown, "online" if result.ok else "offline", "" if result.ok else f": {result.message}"
                )

        if trials:
            await asyncio.gather(*(one(codes) for codes in trials.values()), return_exceptions=True)

    # -- proof of delivery ----------------------------------------------------------------------

    def watch(self, ch: Channel, a: Airing) -> None:
        a.watched = True
        if isinstance(ch.output, IcecastOutput) and self.cfg.verify_s > 0:
            self.spawn(self._verify(ch, a, self.dispatch.endpoints.get(a.endpoint)))

    async def _verify(self, ch: Channel, a: Airing, row: store.EndpointRow | None) -> None:
        output = ch.output
        assert isinstance(output, IcecastOutput)
        loop = asyncio.get_running_loop()
        begin = max(loop.time(), a.release_mono - 2.0)
        await asyncio.sleep(max(0.0, begin - loop.time()))
        if a.outcome is not None and not a.started:
            return
        # proof at the receivers' server: a relay's when the endpoint has one, else the source's
        url = row.listen_url if row is not None and row.listen_url else monitor.listen_url(output.url)
        length = max(0.0, a.release_mono - loop.time()) + self.cfg.verify_s
        rec = await monitor.listen(url, length, retry_until=a.release_mono + self.cfg.verify_s, cafile=output.url.cafile)
        listeners = await monitor.admin_listeners(output.url, *row.admin) if row is not None and row.admin else None
        if a.record_task is not None:
            await asyncio.shield(a.record_task)
        match = await loop.run_in_executor(None, find_delivered, rec, a) if a.started and a.timeline_mono is not None else None
        delay: float | None = None
        if match is None:
            why = rec.error or ("no content arrived" if rec.bytes else "nothing arrived") if a.started else "not delivered"
            ok = False
        else:
            ok, why = True, None
            assert a.timeline_mono is not None
            # the delay: when frames sent after the listener connected arrived, against when they
            # were due (at a relay's listen URL this includes the relay's share). A listener that
            # came late (an emergency or a resumed airing starts at once; a relay's mount appears
            # a second or so after the master's) first gets the server's burst: look further on
            live = first_live_frame(a, rec.connected_at, ch.fd, ch.cfg.most_ahead_s, ch.cfg.longest_tick_s) if rec.connected_at is not None else None
            timed = match if live is not None and match.frame >= live else None
            if timed is None and live is not None:
                timed = await loop.run_in_executor(None, find_delivered, rec, a, live)
            if timed is not None:
                due = a.timeline_mono + (timed.frame - a.first_frame) * ch.fd + a.lead_used
                delay = round((timed.arrival - due) * 1000.0, 1)
            if match.frame == a.first_delivered and rec.connected_at is not None and rec.connected_at < a.release_mono and a.released_mono is not None:
                # the server's and the network's share only: from the bytes leaving to their arrival
                latency = max(0.0, (match.arrival - a.released_mono) * 1000.0)
                old = self.latency_ms.get(a.endpoint)
                self.latency_ms[a.endpoint] = latency if old is None else 0.7 * old + 0.3 * latency
                if row is None or not row.latency_manual:
                    output.lead_s = self.latency_ms[a.endpoint] / 1000.0
        if not ok:
            log.warning("airing %s on %s not verified: %s", a.run_id, a.endpoint, why)
        if a.run_id is not None:
            await self.writer.write(store.set_verification, a.run_id, a.endpoint, ok, delay, listeners, self.latency_ms.get(a.endpoint))

    # -- the daily backup ----------------------------------------------------------------------

    def _busy_until_quiet(self, now: float, occurrences: Any) -> bool:
        """On air, or an airing starts within ``backup_quiet_s``: not a time for heavy disk work."""
        if self.dispatch.on_air:
            return True
        horizon = now + self.cfg.backup_quiet_s
        return any(now - 1.0 <= o.start <= horizon for o in occurrences if o.airs)

    def _refresh_statistics(self) -> bool:
        with self.ws.session() as s:
            return store.refresh_statistics(s)

    async def backup_loop(self, occurrences: Any) -> None:
        """The daily automatic backup (setting ``backup.folder``), between airings, in its own
        thread so the database thread and the airings never wait for it."""
        loop = asyncio.get_running_loop()
        await asyncio.sleep(min(5.0, self.cfg.backup_check_s))
        while True:
            now = self.dispatch.clock.now()
            if not self._busy_until_quiet(now.timestamp(), occurrences()):
                try:
                    res = await loop.run_in_executor(None, partial(backup.automatic, self.ws, now, every_s=self.cfg.backup_every_s))
                except Exception as exc:  # noqa: BLE001 - a backup problem must not stop the broadcasts
                    log.exception("automatic backup failed")
                    res = backup.AutoResult("failed", None, str(exc) or type(exc).__name__)
                if res.state == "made":
                    log.info("automatic backup written: %s (%d old ones removed)", res.path, len(res.removed))
                    self.backup_info = {"state": "made", "path": str(res.path), "at": now.isoformat()}
                elif res.state == "failed":
                    log.error("automatic backup failed: %s", res.error)
                    self.backup_info = {"state": "failed", "error": res.error, "at": now.isoformat()}
                if time.monotonic() >= self._stats_due:  # daily, between airings: the planner's statistics
                    self._stats_due = time.monotonic() + 86400.0
                    try:
                        if await loop.run_in_executor(None, self._refresh_statistics):
                            log.info("the as-run table's statistics were refreshed")
                    except Exception:  # noqa: BLE001 - housekeeping must not stop the broadcasts
                        log.warning("refreshing the database's statistics failed", exc_info=True)
            await asyncio.sleep(self.cfg.backup_check_s)
