"""The engine as a service: the lease, signals, the loops, and the wiring of its parts.

One process per database (a lease with heartbeat, see ``schedules.lease``). Threads:
- the asyncio loop (main thread): channels pump frames to every endpoint at once; nothing on it
  may block (its lag is measured, published and logged: :mod:`.lag`);
- APScheduler's BackgroundScheduler (:mod:`.jobs`);
- one database thread (:mod:`.writer`): every read and write of the engine goes through it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta
from typing import Any

from schedules import accounts, lease, sites
from schedules import engine_store as store
from schedules.clock import Clock, SystemClock
from schedules.commands import BroadcastRequest
from schedules.errors import DeliveryError
from schedules.i18n import _
from schedules.timeutil import DEFAULT_TZ, zone
from schedules.workspace import Workspace

from .. import sdnotify
from .config import OPERATOR_SETTINGS, STANDBY_PCS, EngineConfig
from .dispatch import Dispatcher
from .jobs import Jobs
from .lag import LoopLag, QuietCollector, debug_loop
from .notify import Wake
from .upkeep import Upkeep
from .writer import DatabaseWriter

log = logging.getLogger("loaxa.engine")

QUIET_AHEAD_S = 60.0  # no full garbage collection when an airing starts within this (its pre-roll included)


class Engine:
    """See the module docstring."""

    def __init__(self, ws: Workspace, config: EngineConfig | None = None, clock: Clock | None = None) -> None:
        self.ws = ws
        self.cfg = config or EngineConfig.from_env()
        self.clock = clock or SystemClock()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.fenced = False
        self.standby_since: datetime | None = None
        self._stop_requested = False
        self._stop = asyncio.Event()
        self.sd = sdnotify.Notifier()  # systemd's READY/WATCHDOG/STATUS (does nothing elsewhere)
        # without systemd's watchdog: end the process when the loop hangs this long (0: never)
        self.cfg_hang_exit_s = float(os.environ.get("LOAXA_ENGINE_HANG_EXIT_S", "120"))
        self.hang_guard: sdnotify.HangGuard | None = None
        self._build()

    def _build(self) -> None:
        """Fresh parts for one term as the active engine (a new holder: a new lease epoch)."""
        ws = self.ws
        self.id = uuid.uuid4().hex[:12]
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{self.id}"
        self.writer = DatabaseWriter(ws)
        self.dispatch = Dispatcher(ws, self.cfg, self.clock, self.writer)
        self.upkeep = Upkeep(ws, self.cfg, self.writer, self.dispatch)
        self.dispatch.upkeep = self.upkeep
        self.jobs = Jobs(self.id, ws, self.cfg, self.writer, self.dispatch)
        self.lag = LoopLag(self.cfg.lag_every_s, self.cfg.lag_warn_ms, on_stall_ms=self.cfg.heartbeat_s * 1000.0, on_stall=self._beat_soon)
        from ..httn.sender import OutboxSender

        # beside the airings, owners of ``async run(stop)``: the HTTTN sender (idle when not set up)
        self.services: list[Any] = [OutboxSender(ws, self.clock)]
        self._beat_now = asyncio.Event()
        self._last_beat = time.monotonic()

    @property
    def channels(self) -> dict[str, Any]:
        return self.dispatch.channels

    @property
    def backup_info(self) -> dict[str, Any]:
        return self.upkeep.backup_info

    # -- running --------------------------------------------------------------------------

    def run(self, for_seconds: float | None = None, *, standby: bool = False) -> None:
        """Run until stopped (signal, a shutdown command, or ``for_seconds``). Without
        ``standby``, raises DeliveryError (exit 5) when another engine holds this database; with
        it, waits until that engine stops renewing its lease and takes over. An engine that
        loses its lease (fenced off) stops airing at once and becomes the standby."""
        deadline = time.monotonic() + for_seconds if for_seconds is not None else None
        standby = self._read_start_settings() or standby
        # the database thread shares the GIL with the loop: hand it back within 1 ms, not 5,
        # so a socket write of the loop never waits behind a burst of as-run writes
        switch = sys.getswitchinterval()
        sys.setswitchinterval(min(switch, 0.001))
        sdnotify.adapt_stderr_for_journal()
        try:
            while True:
                if standby:
                    prev = asyncio.run(self._wait_as_standby(deadline))
                    if self._stop_requested or (deadline is not None and time.monotonic() >= deadline):
                        return
                else:
                    prev = self._acquire()
                self.writer.holder = self.holder
                try:
                    left = max(0.0, deadline - time.monotonic()) if deadline is not None else None
                    asyncio.run(self._main(left, prev))
                finally:
                    with self.ws.session() as s:
                        lease.release(s, self.holder, self.clock.now())
                    self.writer.close()
                if not self.fenced or self._stop_requested or (deadline is not None and time.monotonic() >= deadline):
                    return
                log.warning("engine %s was fenced off: it waits as the standby", self.holder)
                self.fenced, standby = False, True
                self._build()
        finally:
            self.sd.stopping(_("stopped"))
            self.sd.close()
            sys.setswitchinterval(switch)

    def _read_start_settings(self) -> bool:
        """Before the lease: the takeover time (both engines must judge the lease alike) and
        whether this PC's engine is a standby by the PCs' setting. Returns the latter."""
        with self.ws.session() as s:
            stored = store.stored_settings(s, [*OPERATOR_SETTINGS, STANDBY_PCS])
        self.cfg.apply_settings(stored)
        pcs = {p.strip().casefold() for p in str(stored.get(STANDBY_PCS) or "").split(",") if p.strip()}
        if self.ws.pc_name.casefold() in pcs:
            log.info("PC %s starts its engine as the standby (setting %s)", self.ws.pc_name, STANDBY_PCS)
            return True
        return False

    async def _wait_as_standby(self, deadline: float | None) -> datetime | None:
        """Wait while another engine holds the lease (noting this standby in the database every
        second); take the lease when it goes stale. Returns the previous heartbeat."""
        self.loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self._install_signals()
        self.standby_since = self.clock.now()
        self.sd.ready(_("standby: waiting to take over"))
        said = False
        while not self._stop.is_set() and (deadline is None or time.monotonic() < deadline):
            now = self.clock.now()
            prev, took, info = await asyncio.get_running_loop().run_in_executor(None, self._try_take, now)
            if took:
                log.info("standby %s takes over: the active engine stopped renewing its lease", self.holder)
                self.standby_since = None
                return prev
            if not said:
                log.info("standby: engine %s (process %s) is active; waiting to take over", info.host, info.pid)
                said = True
            if self.sd.ping_due():  # this loop's own tick: a stalled standby stops pinging
                self.sd.ping(_("standby: engine {host} (process {pid}) is active", host=info.host or "?", pid=info.pid or "?"))
            try:
                await asyncio.wait_for(self._stop.wait(), timeout=min(0.5, self.cfg.heartbeat_s))
            except TimeoutError:
                pass
        self._stop_requested = True
        return None

    def _try_take(self, now: datetime) -> tuple[datetime | None, bool, lease.LeaseInfo]:
        with self.ws.session() as s:
            info = lease.read(s, now, self.cfg.lease_stale_s)
            took = lease.acquire(s, self.holder, socket.gethostname(), os.getpid(), now, self.cfg.lease_stale_s)
            if not took:
                store.note_standby(s, self.holder, now)
                sites.note_standby(s, self.ws.pc_name)
            else:
                sites.note_active(s, self.holder, self.ws.pc_name)
            return info.heartbeat_at, took, info

    def _acquire(self) -> datetime | None:
        now = self.clock.now()
        with self.ws.session() as s:
            info = lease.read(s, now, self.cfg.lease_stale_s)
            if not lease.acquire(s, self.holder, socket.gethostname(), os.getpid(), now, self.cfg.lease_stale_s):
                since = info.started_at.astimezone(zone(DEFAULT_TZ)).strftime("%d/%m/%Y %H:%M:%S") if info.started_at else "?"
                raise DeliveryError(
                    _(
                        "Another engine is already broadcasting from this database (host {host}, process {pid}, since {since}). Stop it first, start this one with --standby to take over when it stops, or wait {s} seconds if it has just crashed.",
                        host=info.host or "?",
                        pid=info.pid or "?",
                        since=since,
                        s=round(self.cfg.lease_stale_s),
                    )
                )
            sites.note_active(s, self.holder, self.ws.pc_name)
        return info.heartbeat_at

    def request_stop(self) -> None:
        self._stop_requested = True
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self._stop.set)

    def _install_signals(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        assert self.loop is not None
        for name in ("SIGINT", "SIGTERM", "SIGHUP"):
            sig = getattr(signal, name, None)
            if sig is None:
                continue
            try:
                self.loop.add_signal_handler(sig, self._on_signal, name)
            except (NotImplementedError, RuntimeError, ValueError):  # Windows: no loop signal handlers
                signal.signal(sig, lambda _n, _f: self.request_stop())  # noqa: B023
        if hasattr(signal, "SIGBREAK"):
            signal.signal(signal.SIGBREAK, lambda _n, _f: self.request_stop())

    def _on_signal(self, name: str) -> None:
        log.info("%s: stopping", name)
        self._stop_requested = True
        self._stop.set()

    async def _main(self, for_seconds: float | None, prev_heartbeat: datetime | None) -> None:
        self.loop = asyncio.get_running_loop()
        if os.environ.get("LOAXA_ENGINE_DEBUG_LOOP"):  # diagnosis: name every loop step over 20 ms
            debug_loop(self.loop)
        self._stop = asyncio.Event()
        self._install_signals()
        self._last_beat = time.monotonic()
        self.dispatch.lease_check = self._may_air
        self.jobs.start()
        self.wake = Wake(self.ws.engine)  # PostgreSQL: changes on other PCs wake the poll at once
        self.wake.start()
        lag_task = asyncio.create_task(self.lag.run(), name="loop-lag")
        # the lease is renewed from the start: recovery and the first plan sync can take seconds
        # on a busy PC, longer than the lease may go unrenewed before this engine fences itself
        tasks: list[asyncio.Task[Any]] = [asyncio.create_task(self._heartbeat_loop(), name="heartbeat")]
        try:
            interrupted = await self.jobs.recover(prev_heartbeat)
            await self.jobs.sync(force=True)
            await self.jobs.continue_interrupted(interrupted)
            log.info("engine %s started", self.holder)
            self.sd.ready(self.service_status())
            if self.sd.watchdog_s is None and self.cfg_hang_exit_s > 0:  # nothing else watches the loop
                self.hang_guard = sdnotify.HangGuard(self.cfg_hang_exit_s)
                self.hang_guard.start()
            tasks += [
                asyncio.create_task(self._watchdog_loop(), name="watchdog"),
                asyncio.create_task(self._poll_loop(), name="poll"),
                asyncio.create_task(self.upkeep.check_loop(), name="checks"),
                asyncio.create_task(QuietCollector(self._quiet, on_pause=self.lag.excuse).run(), name="gc"),
                asyncio.create_task(self.upkeep.backup_loop(self.jobs.occurrences), name="backup"),
                *(asyncio.create_task(svc.run(self._stop), name=type(svc).__name__) for svc in self.services),
            ]
            try:
                await asyncio.wait_for(self._stop.wait(), timeout=for_seconds)
            except TimeoutError:
                log.info("engine ran its %s s; stopping", for_seconds)
        finally:
            lag_task.cancel()  # stopping: what follows times no airing
            if self.hang_guard is not None:
                self.hang_guard.stop()
                self.hang_guard = None
            self._stop.set()
            if self.fenced and not self._stop_requested:
                self.sd.status(_("fenced off: another engine holds the lease; waiting as the standby"))
            else:
                self.sd.stopping(_("stopping: closing what is on air"))
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await self._shutdown()

    async def _shutdown(self) -> None:
        self.jobs.stop()
        if getattr(self, "wake", None) is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.wake.stop)
        if self.fenced:  # another engine airs now: stop at once, no closing silence, no records
            await self.dispatch.shutdown(_("another engine took over"), abrupt=True)
        else:
            await self.dispatch.shutdown(_("the engine was stopped"))
        await self.upkeep.close()
        await self.writer.flush()
        log.info(
            "engine %s stopped (worst loop lag %.0f ms, of which at most %.0f ms its own work)", self.holder, self.lag.worst_ever_ms, self.lag.worst_busy_ms
        )

    # -- loops ----------------------------------------------------------------------------

    def _quiet(self) -> bool:
        """Nothing on air, queued or starting within a minute, and no stream open (an idle one holds
        its line with silence for ``hold_s``): a moment for a full collection, whose pause
        (~85 ms after 1,800 airings) then holds nobody."""
        if any(ch.current is not None or ch.queue or ch.suspended or ch.connected for ch in self.dispatch.channels.values()):
            return False
        now = self.dispatch.clock.now()
        soon = now + timedelta(seconds=QUIET_AHEAD_S)
        return not any(now <= o.start_dt <= soon for o in self.jobs.occ.values())

    def heartbeat_info(self) -> dict[str, Any]:
        return {
            "on_air": list(self.dispatch.on_air.values()),
            "jobs": len(self.jobs.occ),
            "pid": os.getpid(),
            "backup": self.upkeep.backup_info,
            "loop_lag_ms": self.lag.as_dict(),
            "channels": len(self.dispatch.channels),
            "heartbeat_s": self.cfg.heartbeat_s,
            "pc": self.ws.pc_name,
        }

    def service_status(self) -> str:
        """One line for ``systemctl status``: what airs now and what is planned."""
        return _(
            "on air: {n} airings; {jobs} planned; {channels} channels; worst loop lag {lag} ms",
            n=len(self.dispatch.on_air),
            jobs=len(self.jobs.occ),
            channels=len(self.dispatch.channels),
            lag=round(self.lag.worst_ever_ms),
        )

    async def _watchdog_loop(self) -> None:
        """systemd's watchdog, pinged from a tick of this loop: when the loop stalls (a step that
        blocks) or the process hangs, the pings stop and systemd restarts the engine. Without
        systemd the same tick holds off the hang guard."""
        every = min(self.sd.tick_s, self.cfg_hang_exit_s / 4) if self.cfg_hang_exit_s > 0 else self.sd.tick_s
        next_ping = 0.0
        while True:
            if self.hang_guard is not None:
                self.hang_guard.tick()
            if time.monotonic() >= next_ping:
                self.sd.ping(self.service_status())
                next_ping = time.monotonic() + self.sd.tick_s
            await asyncio.sleep(every)

    def _may_air(self) -> bool:
        """Not while the lease may have passed to another engine (no heartbeat for too long)."""
        return not self.fenced and time.monotonic() - self._last_beat <= self.cfg.lease_stale_s - self.cfg.heartbeat_s

    def _beat_soon(self) -> None:
        """The loop was stalled (the process was paused or starved): check the lease at once."""
        self._beat_now.set()

    def fence(self, why: str) -> None:
        """This engine must not air any more: another may hold the lease (or soon will)."""
        if not self.fenced:
            log.error("fenced off: %s; stopping every channel now", why)
        self.fenced = True
        self._stop.set()

    async def _heartbeat_loop(self) -> None:
        """Renew the lease; fence this engine off when it was taken, or when the database has not
        been reached for so long that a standby may take it (before the standby can)."""
        while True:
            try:
                await asyncio.wait_for(self._beat_now.wait(), timeout=self.cfg.heartbeat_s)
            except TimeoutError:
                pass
            self._beat_now.clear()
            if time.monotonic() - self._last_beat > self.cfg.lease_stale_s - self.cfg.heartbeat_s:
                self.fence(f"no heartbeat for {time.monotonic() - self._last_beat:.0f} s")
                return
            try:
                ok = await self.writer.write(lease.heartbeat, self.holder, self.clock.now(), self.heartbeat_info())
            except Exception as exc:  # noqa: BLE001 - the database unreachable: fencing decides above
                log.warning("heartbeat failed: %s", exc)
                continue
            if not ok:
                self.fence("another engine took the lease")
                return
            self._last_beat = time.monotonic()

    async def _poll_loop(self) -> None:
        while True:
            await self.wake.nap(self.cfg.poll_s)
            if self.writer.fenced:
                self.fence("a write was refused: another engine holds the lease")
                return
            try:
                await self._handle_commands()
                await self.jobs.sync()
            except Exception:
                log.exception("engine poll failed")

    # -- commands -----------------------------------------------------------------------------

    async def _handle_commands(self) -> None:
        for cmd_id, kind, payload in await self.writer.write(store.take_commands, self.clock.now()):
            if not await self.writer.write(accounts.engine_check, cmd_id):
                continue  # its user lacks the role now: failed, "not permitted" (issue 15)
            try:
                if kind == "broadcast":
                    if self.dispatch.inp is None:
                        await self.jobs.sync(force=True)
                    result = await self.dispatch.broadcast_now(cmd_id, BroadcastRequest.from_payload(payload))
                elif kind == "stop":
                    result = self.dispatch.stop_airings(payload.get("targets", []), payload.get("actor"))
                elif kind in ("live", "live_stop"):  # the microphone on air (engine/live.py)
                    if self.dispatch.inp is None:
                        await self.jobs.sync(force=True)
                    result = await self.dispatch.live.command(cmd_id, kind, payload)
                elif kind == "reload":
                    await self.jobs.sync(force=True)
                    result = {"reloaded": True}
                elif kind == "shutdown":
                    self._stop.set()
                    result = {"stopping": True}
                else:
                    raise ValueError(kind)
                await self.writer.write(store.finish_command, cmd_id, "done", result)
            except Exception as exc:
                log.exception("command %s failed", cmd_id)
                await self.writer.write(store.finish_command, cmd_id, "failed", {"error": str(exc)})
