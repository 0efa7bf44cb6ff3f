"""The broadcast engine: keeps APScheduler jobs in step with the plan and airs occurrences.

One process per database (a lease with heartbeat, see ``schedules.lease``). Threads:
- the asyncio loop (main thread): channels pump frames to every endpoint at once;
- APScheduler's BackgroundScheduler: one ``date`` job per upcoming occurrence, id = occurrence
  key, calling the module-level :func:`fire_occurrence` with ids only;
- one database thread: every read and write goes through it, so the loop never waits on SQLite.

The engine notices changes through the shared revision counter and the command queue, polled
every ``poll_s``; a change replans the horizon and reconciles the jobs without touching what is
on air. At start it closes records a crashed engine left on air (``interrupted``), starts late
what is still inside the misfire grace (joining mid-way), and records ``missed`` for the rest.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import signal
import socket
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import select

from schedules import asrun, commands, i18n, lease
from schedules.clock import Clock, SystemClock
from schedules.db import read_revision
from schedules.endpoints import full_url, parse_url
from schedules.errors import DeliveryError, LoaxaError
from schedules.formats import parse_format
from schedules.i18n import _
from schedules.models import AsRunRecord, Endpoint
from schedules.planner import Occurrence, PlanInput, load_input, plan
from schedules.timeutil import DEFAULT_TZ, zone
from schedules.workspace import Workspace

from . import audio, monitor, programme
from .channel import Airing, Channel, ChannelConfig
from .importer import current_preset
from .mp3 import FrameIndex
from .outputs import make_output
from .outputs.icecast import IcecastOutput
from .relay import RelaySource

log = logging.getLogger("loaxa.engine")
T = TypeVar("T")

_ENGINES: dict[str, Engine] = {}
SOURCE_HANDSHAKES_PER_S = 30.0


def _server_of(url: str) -> str | None:
    u = parse_url(url)
    return f"{u.host}:{u.port}" if u.scheme.startswith("icecast") else None


def fire_occurrence(engine_id: str, key: str) -> None:
    """APScheduler job function: jobs carry ids only; the engine looks up the occurrence."""
    engine = _ENGINES.get(engine_id)
    if engine is not None:
        engine.job_fired(key)


@dataclass
class EngineConfig:
    preroll_s: float = 5.0
    misfire_grace_s: float = 60.0
    poll_s: float = 0.25
    heartbeat_s: float = lease.HEARTBEAT_S
    lease_stale_s: float = lease.STALE_S
    horizon_s: float = 26 * 3600.0
    replan_every_s: float = 600.0
    missed_lookback_s: float = 24 * 3600.0
    tick_s: float = 0.2
    ahead_s: float = 0.3
    hold_s: float = 15.0
    closing_silence_s: float = 1.0
    retry_first_s: float = 0.0
    retry_fast_s: float = 3.0
    retry_backoff_s: float = 0.5
    retry_cap_s: float = 30.0
    verify_s: float = 3.0  # proof of delivery: listen this long after each start (0: off)
    check_every_s: float = 60.0  # endpoint status checks
    backup_check_s: float = 300.0  # how often the daily automatic backup looks whether it is due
    backup_every_s: float = 86400.0  # the automatic backup's period
    backup_quiet_s: float = 300.0  # no automatic backup while on air or this close to an airing

    @classmethod
    def from_env(cls, **overrides: Any) -> EngineConfig:
        """Defaults, then ``LOAXA_ENGINE_<FIELD>`` environment values (tests shorten waits)."""
        cfg = cls()
        for f in cfg.__dataclass_fields__:
            v = os.environ.get(f"LOAXA_ENGINE_{f.upper()}")
            if v:
                setattr(cfg, f, float(v))
        for k, v in overrides.items():
            if v is not None:
                setattr(cfg, k, v)
        return cfg


class Engine:
    """See the module docstring."""

    def __init__(self, ws: Workspace, config: EngineConfig | None = None, clock: Clock | None = None) -> None:
        self.ws = ws
        self.cfg = config or EngineConfig.from_env()
        self.clock = clock or SystemClock()
        self.id = uuid.uuid4().hex[:12]
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{self.id}"
        self.loop: asyncio.AbstractEventLoop | None = None
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="engine-db")
        self.scheduler: BackgroundScheduler | None = None
        self.inp: PlanInput | None = None
        self.occ: dict[str, Occurrence] = {}
        self.handled: set[str] = set()
        self.channels: dict[str, Channel] = {}
        self._silence: dict[str, list[bytes]] = {}
        self.frames = programme.FrameCache()
        self.preset_key = ""
        self._revision = -1
        self._stop = asyncio.Event()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._last_replan = -math.inf
        self.on_air_info: dict[str, dict[str, Any]] = {}
        self.prerolls: dict[str, float | None] = {}
        self.endpoint_rows: dict[str, dict[str, Any]] = {}
        self.servers: dict[str, str | None] = {}
        self.fanout: dict[tuple[str | None, float], int] = {}
        self._programmes: dict[tuple[Any, ...], asyncio.Future[programme.Programme]] = {}
        self.latency_ms: dict[str, float] = {}
        self.relays: dict[tuple[str, int], RelaySource] = {}
        self.manual_latency: set[str] = set()
        self.endpoint_state: dict[str, tuple[bool, datetime, str | None]] = {}
        self._status_written: dict[str, datetime] = {}
        self.admin_credentials: dict[str, tuple[str, str]] = {}
        self.backup_info: dict[str, Any] = {}

    # -- running --------------------------------------------------------------------------

    def run(self, for_seconds: float | None = None) -> None:
        """Run until stopped (signal, lease lost, or ``for_seconds``). Raises DeliveryError (exit 5)
        when another engine holds this database."""
        prev = self._acquire()
        try:
            asyncio.run(self._main(for_seconds, prev))
        finally:
            with self.ws.session() as s:
                lease.release(s, self.holder, self.clock.now())
            self._db.shutdown(wait=True)

    def _acquire(self) -> datetime | None:
        now = self.clock.now()
        with self.ws.session() as s:
            info = lease.read(s, now, self.cfg.lease_stale_s)
            if not lease.acquire(s, self.holder, socket.gethostname(), os.getpid(), now, self.cfg.lease_stale_s):
                since = info.started_at.astimezone(zone(DEFAULT_TZ)).strftime("%d/%m/%Y %H:%M:%S") if info.started_at else "?"
                raise DeliveryError(
                    _("Another engine is already broadcasting from this database (host {host}, process {pid}, since {since}). Stop it first, or wait 15 seconds if it has just crashed.", host=info.host or "?", pid=info.pid or "?", since=since)
                )
        return info.heartbeat_at

    def request_stop(self) -> None:
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self._stop.set)

    def _install_signals(self) -> None:
        def handler(signum: int, _frame: Any) -> None:
            log.info("signal %s: stopping", signum)
            self.request_stop()

        if threading.current_thread() is not threading.main_thread():
            return
        for name in ("SIGINT", "SIGTERM", "SIGBREAK", "SIGHUP"):
            sig = getattr(signal, name, None)
            if sig is not None:
                try:
                    signal.signal(sig, handler)
                except (ValueError, OSError):
                    pass

    async def _main(self, for_seconds: float | None, prev_heartbeat: datetime | None) -> None:
        self.loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        _ENGINES[self.id] = self
        self._install_signals()
        self.scheduler = BackgroundScheduler(
            timezone=UTC,
            jobstores={"default": MemoryJobStore()},
            job_defaults={"coalesce": False, "max_instances": 1, "misfire_grace_time": int(max(1, self.cfg.misfire_grace_s))},
        )
        self.scheduler.add_listener(self._on_missed, EVENT_JOB_MISSED)
        self.scheduler.start()
        try:
            interrupted = await self._recover(prev_heartbeat)
            await self._sync(force=True)
            await self._continue_interrupted(interrupted)
            log.info("engine %s started", self.holder)
            tasks = [
                asyncio.create_task(self._heartbeat_loop(), name="heartbeat"),
                asyncio.create_task(self._poll_loop(), name="poll"),
                asyncio.create_task(self._check_loop(), name="checks"),
                asyncio.create_task(self._backup_loop(), name="backup"),
            ]
            try:
                if for_seconds is not None:
                    await asyncio.wait_for(self._stop.wait(), timeout=for_seconds)
                else:
                    await self._stop.wait()
            except TimeoutError:
                log.info("engine ran its %s s; stopping", for_seconds)
            for t in tasks:
                t.cancel()
        finally:
            await self._shutdown()

    async def _shutdown(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
        reason = _("the engine was stopped")
        await asyncio.gather(*(ch.shutdown(reason) for ch in self.channels.values()), return_exceptions=True)
        if self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        _ENGINES.pop(self.id, None)
        log.info("engine %s stopped", self.holder)

    async def db(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` on the database thread."""
        assert self.loop is not None
        return await self.loop.run_in_executor(self._db, fn, *args)

    def _spawn(self, coro: Any) -> asyncio.Task[Any]:
        assert self.loop is not None
        task = self.loop.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("engine task failed", exc_info=task.exception())

    # -- loops ----------------------------------------------------------------------------

    async def _heartbeat_loop(self) -> None:
        while True:
            await asyncio.sleep(self.cfg.heartbeat_s)
            info = {"on_air": list(self.on_air_info.values()), "jobs": len(self.occ), "pid": os.getpid(), "backup": self.backup_info}
            ok = await self.db(self._do_heartbeat, info)
            if not ok:
                log.error("lost the engine lease to another engine: stopping")
                self._stop.set()
                return

    def _do_heartbeat(self, info: dict[str, Any]) -> bool:
        with self.ws.session() as s:
            return lease.heartbeat(s, self.holder, self.clock.now(), info)

    async def _poll_loop(self) -> None:
        while True:
            await asyncio.sleep(self.cfg.poll_s)
            try:
                await self._handle_commands()
                await self._sync()
            except Exception:
                log.exception("engine poll failed")

    # -- planning and jobs ------------------------------------------------------------------

    def _read_revision(self) -> int:
        with self.ws.sessions() as s:
            return read_revision(s)

    def _load_plan(self, start: datetime, end: datetime) -> tuple[PlanInput, list[Occurrence], set[str], str]:
        preset = current_preset(self.ws)
        with self.ws.sessions() as s:
            inp = load_input(s, preset_key=None)
            self.prerolls = dict(s.execute(select(Endpoint.code, Endpoint.preroll_s)).all())
            self.endpoint_rows = {e.code: self._row(e) for e in s.scalars(select(Endpoint))}
            self.servers = {code: _server_of(row["url"]) for code, row in self.endpoint_rows.items()}
            recorded = set(s.scalars(select(AsRunRecord.occurrence_key).where(AsRunRecord.planned_start >= start - timedelta(hours=12))))
        p = plan(inp, start, end)
        return inp, p.occurrences, recorded, preset.key

    async def _sync(self, *, force: bool = False) -> None:
        """Replan when the database changed (or periodically) and reconcile the jobs."""
        rev = await self.db(self._read_revision)
        mono = asyncio.get_running_loop().time()
        if not force and rev == self._revision and mono - self._last_replan < self.cfg.replan_every_s:
            return
        self._revision = rev
        self._last_replan = mono
        now = self.clock.now()
        start = now - timedelta(seconds=self.cfg.misfire_grace_s + 60)
        inp, occs, recorded, preset_key = await self.db(self._load_plan, start, now + timedelta(seconds=self.cfg.horizon_s))
        self.inp, self.preset_key = inp, preset_key
        self.handled |= recorded
        self.occ = {o.key: o for o in occs if o.status != "cancelled"}
        self._reconcile(now)

    def preroll_of(self, o: Occurrence) -> float:
        """The endpoint's pre-roll, longer when many mounts of one server start together: a
        server takes new sources one by one (Icecast 2.4: some 40 a second), so 500 mounts
        starting at 05:30:00 need their connections begun well before."""
        pre = self.prerolls.get(o.endpoint)
        base = pre if pre is not None else self.cfg.preroll_s
        server = self.servers.get(o.endpoint)
        crowd = self.fanout.get((server, o.start), 1) if server else 1
        return base + (crowd / SOURCE_HANDSHAKES_PER_S if crowd > 10 else 0.0)

    def _fire_at(self, o: Occurrence) -> datetime:
        """When the job fires: the pre-roll, plus half a second to build the programme."""
        return o.start_dt - timedelta(seconds=self.preroll_of(o) + 0.5)

    def _reconcile(self, now: datetime) -> None:
        assert self.scheduler is not None
        self.fanout = {}
        for o in self.occ.values():
            server = self.servers.get(o.endpoint)
            if server:
                self.fanout[(server, o.start)] = self.fanout.get((server, o.start), 0) + 1
        existing = {j.id: j for j in self.scheduler.get_jobs()}
        grace = timedelta(seconds=self.cfg.misfire_grace_s)
        for key, o in self.occ.items():
            if key in self.handled:
                continue
            if o.start_dt < now - grace and o.status == "ok":
                continue  # missed ones are recorded by _recover / the missed listener
            run_at = max(self._fire_at(o), now)
            job = existing.pop(key, None)
            if job is None:
                self.scheduler.add_job(fire_occurrence, "date", run_date=run_at, id=key, args=(self.id, key), misfire_grace_time=int(max(1, self.cfg.misfire_grace_s)))
            elif job.next_run_time is not None and abs((job.next_run_time - run_at).total_seconds()) > 0.05 and run_at > now:
                job.reschedule("date", run_date=run_at)
        for key in existing:
            try:
                self.scheduler.remove_job(key)
            except Exception:  # noqa: BLE001 - it may have fired meanwhile
                pass

    def _on_missed(self, event: JobExecutionEvent) -> None:
        key = event.job_id
        if self.loop is not None:
            asyncio.run_coroutine_threadsafe(self._record_missed_key(key, _("the engine could not start it in time (the computer was busy or asleep)")), self.loop)

    async def _record_missed_key(self, key: str, reason: str) -> None:
        o = self.occ.get(key)
        if o is None or key in self.handled:
            return
        self.handled.add(key)
        await self.db(self._write_record, self._record_values(o, outcome="missed", reason=reason))

    async def _recover(self, prev_heartbeat: datetime | None) -> list[tuple[int, str, datetime | None]]:
        """Close what a dead engine left on air; record what it missed. Returns the interrupted
        records (id, occurrence key, planned end) so their rest can air after the first sync."""
        now = self.clock.now()
        interrupted = await self.db(self._mark_interrupted, now)
        if interrupted:
            log.warning("records %s were left on air by an engine that stopped: marked interrupted", [i for i, _k, _e in interrupted])
        if prev_heartbeat is None:
            return interrupted
        since = max(prev_heartbeat, now - timedelta(seconds=self.cfg.missed_lookback_s))
        until = now - timedelta(seconds=self.cfg.misfire_grace_s)
        if until <= since:
            return interrupted
        inp, occs, recorded, _pk = await self.db(self._load_plan, since - timedelta(seconds=1), until)
        self.inp = inp
        for o in occs:
            if since <= o.start_dt < until and o.key not in recorded and o.status == "ok" and o.segment == 0:
                self.handled.add(o.key)
                await self.db(self._write_record, self._record_values(o, outcome="missed", reason=_("the engine was not running at that time")))
        return interrupted

    def _mark_interrupted(self, now: datetime) -> list[tuple[int, str, datetime | None]]:
        with self.ws.session() as s:
            rows = [(r.id, r.occurrence_key, r.planned_end) for r in s.scalars(select(AsRunRecord).where(AsRunRecord.outcome == "on_air"))]
            asrun.mark_interrupted(s, _("the engine stopped unexpectedly during the airing"), now)
            return rows

    async def _continue_interrupted(self, interrupted: list[tuple[int, str, datetime | None]]) -> None:
        """The rest of an airing cut off by a crash airs from where its programme has reached."""
        now = self.clock.now()
        for run_id, key, planned_end in interrupted:
            o = self.occ.get(key)
            if o is None or planned_end is None or planned_end <= now:
                continue
            await self._air_occurrence(o, key=f"{key}:c", resumes_run=run_id)

    # -- firing -----------------------------------------------------------------------------

    def job_fired(self, key: str) -> None:
        """Called on an APScheduler thread; hands over to the loop."""
        if self.loop is not None:
            asyncio.run_coroutine_threadsafe(self._on_fire(key), self.loop)

    async def _on_fire(self, key: str) -> None:
        o = self.occ.get(key)
        if o is None or key in self.handled:
            return
        self.handled.add(key)
        try:
            if o.status != "ok":
                reasons = i18n.join([p.message for p in o.problems]) or (o.resolution or "")
                await self.db(self._write_record, self._record_values(o, outcome="skipped", reason=reasons))
                return
            await self._air_occurrence(o)
        except Exception as exc:
            log.exception("airing %s failed", key)
            await self.db(self._write_record, self._record_values(o, outcome="failed", reason=exc.message if isinstance(exc, LoaxaError) else str(exc)))

    async def _air_occurrence(self, o: Occurrence, *, key: str | None = None, resumes_run: int | None = None) -> None:
        assert self.inp is not None
        ep = self.inp.endpoints[o.endpoint]
        tz = zone(ep.tz)
        local_date = o.start_dt.astimezone(tz).date()
        prog = await self.programme(ep.format, local_date, o.playlist_id, None)
        fd = prog.frame_duration
        first = int(round(o.offset / fd)) if fd else 0
        now = self.clock.now()
        late = (now - o.start_dt).total_seconds()
        gap = None
        if late > 0.05:
            first += int(math.ceil(late / fd))
            gap = late
        if prog.total_frames == 0 or first >= prog.total_frames:
            reason = i18n.join(prog.skipped) or _("nothing left to air")
            if first >= prog.total_frames and prog.total_frames:
                await self.db(self._write_record, self._record_values(o, outcome="missed", reason=_("the programme had ended before the engine could start it")))
            else:
                await self.db(self._write_record, self._record_values(o, outcome="skipped", reason=reason))
            return
        channel = await self._channel(ep.code)
        release = self.mono_of(o.start_dt) - channel.output.lead_s + (first * fd - o.offset if first else 0.0)
        preroll = self.preroll_of(o)
        pl = self.inp.playlists.get(o.playlist_id)
        a = Airing(
            key=key or o.key, endpoint=o.endpoint, programme=prog, planned_start=o.start_dt, release_mono=release, resumes_run=resumes_run, preroll_s=preroll,
            title=pl.name if pl else "", tier=o.tier, policy=o.policy, wait_s=o.wait_s, on_preempt=o.on_preempt,
            schedule_id=o.schedule_id, playlist_id=o.playlist_id, planned_end=o.end_dt, first_frame=first,
            item_field=self._field_of(prog),
        )  # fmt: skip
        if gap:
            a.gap_s = round(gap, 3)
            a.notes.append(_("joined {s} s late, at the point the programme had reached", s=round(gap, 1)))
        channel.submit(a)
        self.watch(channel, a)

    def _field_of(self, prog: programme.Programme) -> int | None:
        if not self.inp or not prog.item_ids:
            return None
        fields = [self.inp.items[i].field for i in prog.item_ids if i in self.inp.items]
        return min(fields) if fields else None

    async def programme(self, fmt: str, local_date: Any, playlist_id: int | None, item_ids: list[int] | None) -> programme.Programme:
        """The programme for a format and day, built once per database revision and shared by
        every endpoint airing it (500 clusters airing one playlist cost one build)."""
        key = (self._revision, fmt, local_date, playlist_id, tuple(item_ids or ()))
        fut = self._programmes.get(key)
        if fut is None:
            if len(self._programmes) > 256:
                self._programmes.clear()
            fut = self._programmes[key] = asyncio.ensure_future(self.db(self._build_programme, fmt, local_date, playlist_id, item_ids))
        try:
            return await asyncio.shield(fut)
        except Exception:
            self._programmes.pop(key, None)
            raise

    def _build_programme(self, fmt: str, local_date: Any, playlist_id: int | None, item_ids: list[int] | None) -> programme.Programme:
        with self.ws.sessions() as s:
            return programme.build(s, self.ws.media, self.frames, fmt_name=fmt, preset_key=self.preset_key, local_date=local_date, playlist_id=playlist_id, item_ids=item_ids)

    async def _channel(self, code: str) -> Channel:
        ch = self.channels.get(code)
        if ch is not None and (ch.busy or (ch.task is not None and not ch.task.done())):
            return ch
        ep = self.endpoint_rows.get(code) or await self.db(self._endpoint_row, code)
        fmt = parse_format(ep["format"])
        silence = await self._silence_frames(fmt.name)
        c = self.cfg
        cfg = ChannelConfig(
            preroll_s=ep["preroll_s"] if ep["preroll_s"] is not None else c.preroll_s,
            tick_s=c.tick_s, ahead_s=c.ahead_s, hold_s=c.hold_s, closing_silence_s=c.closing_silence_s,
            retry_first_s=c.retry_first_s, retry_fast_s=c.retry_fast_s, retry_backoff_s=c.retry_backoff_s, retry_cap_s=c.retry_cap_s,
        )  # fmt: skip
        output = make_output(code, ep["url"], name=ep["name"])
        if ep["latency_ms"] is not None:
            output.lead_s = ep["latency_ms"] / 1000.0
        if ep["manual"]:
            self.manual_latency.add(code)
        fd = (1152 if fmt.sample_rate >= 32000 else 576) / fmt.sample_rate
        ch = Channel(self, code, output, silence, fd, cfg)
        self.channels[code] = ch
        return ch

    # -- proof of delivery and endpoint status --------------------------------------------------

    def watch(self, ch: Channel, a: Airing) -> None:
        """Proof of delivery: listen to the mount from just before the release until a few
        seconds after, then look for the airing's first delivered frames in what arrived."""
        if isinstance(ch.output, IcecastOutput) and self.cfg.verify_s > 0:
            self._spawn(self._verify(ch, a))

    async def _verify(self, ch: Channel, a: Airing) -> None:
        output = ch.output
        assert isinstance(output, IcecastOutput)
        loop = asyncio.get_running_loop()
        begin = max(loop.time(), a.release_mono - 2.0)
        await asyncio.sleep(max(0.0, begin - loop.time()))
        if a.outcome is not None:
            return
        url = monitor.listen_url(output.url)
        length = max(0.0, a.release_mono - loop.time()) + self.cfg.verify_s
        rec = await monitor.listen(url, length, retry_until=a.release_mono + self.cfg.verify_s, cafile=output.url.cafile)
        listeners = None
        creds = self.admin_credentials.get(a.endpoint)
        if creds:
            listeners = await monitor.admin_listeners(output.url, creds[0], creds[1])
        if a.record_task is not None:
            await asyncio.shield(a.record_task)
        arrival: float | None = None
        if not a.started or a.first_delivered is None or a.timeline_mono is None:
            v = monitor.Verification(False, None, rec.error or "not delivered", rec.bytes)
        else:
            first = a.first_delivered
            needle = b"".join(bytes(c) for c in a.programme.chunks(first, min(a.programme.total_frames, first + 3)) if not isinstance(c, tuple))
            due = a.timeline_mono + (first - a.first_frame) * ch.fd + a.lead_used
            arrival = rec.arrival_of(needle)
            if arrival is None:
                v = monitor.Verification(False, None, rec.error or ("no content arrived" if rec.bytes else "nothing arrived"), rec.bytes)
            else:
                v = monitor.Verification(True, round((arrival - due) * 1000.0, 1), None, rec.bytes)
        if v.verified and arrival is not None and rec.connected_at is not None and rec.connected_at < a.release_mono and a.released_mono is not None:
            # the server's and the network's share only: from the bytes leaving to their arrival
            latency = max(0.0, (arrival - a.released_mono) * 1000.0)
            old = self.latency_ms.get(a.endpoint)
            self.latency_ms[a.endpoint] = latency if old is None else 0.7 * old + 0.3 * latency
            if a.endpoint not in self.manual_latency:
                output.lead_s = self.latency_ms[a.endpoint] / 1000.0
        if a.run_id is not None:
            await self.db(self._write_verification, a.run_id, a.endpoint, v.verified, v.delay_ms, listeners, v.reason, self.latency_ms.get(a.endpoint))

    def _write_verification(self, run_id: int, code: str, ok: bool, delay: float | None, listeners: int | None, why: str | None, latency: float | None) -> None:
        with self.ws.session() as s:
            values: dict[str, Any] = {"verified": ok, "verify_delay_ms": delay}
            if listeners is not None:
                values["listeners"] = listeners
            asrun.update_record(s, run_id, **values)
            ep = s.get(Endpoint, code)
            if ep is not None:
                if latency is not None:
                    ep.latency_ms_measured = round(latency, 1)
                if listeners is not None:
                    ep.listeners = listeners
        if not ok:
            log.warning("airing %s on %s not verified: %s", run_id, code, why)

    # -- relays ------------------------------------------------------------------------------------

    def relay_prepare(self, a: Airing, segment: int, url: str, fmt: Any) -> None:
        key = (a.key, segment)
        if key not in self.relays:
            ch = self.channels[a.endpoint]
            src = RelaySource(url, fmt, ch.fd)
            self.relays[key] = src
            src.start()

    def relay_frames(self, a: Airing, segment: int, count: int) -> list[bytes]:
        src = self.relays.get((a.key, segment))
        if src is None:
            seg = a.programme.segments[segment]
            self.relay_prepare(a, segment, seg.relay_url or "", a.programme.format)
            return []
        return src.take(count)

    def _stop_relays(self, a: Airing) -> None:
        for key in [k for k in self.relays if k[0] == a.key]:
            self._spawn(self.relays.pop(key).stop())

    def endpoint_seen(self, code: str, *, online: bool, error: str | None = None) -> None:
        """Note an endpoint's state; changes (and a refresh now and then) go to the database."""
        now = self.clock.now()
        prev = self.endpoint_state.get(code)
        self.endpoint_state[code] = (online, now, error)
        changed = prev is None or prev[0] != online
        if changed:
            (log.info if online else log.warning)("endpoint %s is %s%s", code, "online" if online else "offline", f": {error}" if error else "")
        last = self._status_written.get(code)
        if changed or last is None or (now - last).total_seconds() >= 30:
            self._status_written[code] = now
            self._spawn(self.db(self._write_status, code, online, now, error))

    def _write_status(self, code: str, online: bool, now: datetime, error: str | None) -> None:
        with self.ws.session() as s:
            ep = s.get(Endpoint, code)
            if ep is None:
                return
            ep.status = "online" if online else "offline"
            ep.last_checked = now
            if online:
                ep.last_seen = now
                ep.last_error = None
            else:
                ep.last_error = error

    async def _check_loop(self) -> None:
        await asyncio.sleep(min(2.0, self.cfg.check_every_s))  # let the first airings connect first
        while True:
            await self._check_endpoints()
            await asyncio.sleep(self.cfg.check_every_s)

    def _busy_until_quiet(self, now: float) -> bool:
        """On air, or an airing starts within ``backup_quiet_s``: not a time for heavy disk work."""
        if self.on_air_info:
            return True
        horizon = now + self.cfg.backup_quiet_s
        return any(now - 1.0 <= o.start <= horizon for o in self.occ.values() if o.airs)

    async def _backup_loop(self) -> None:
        """The daily automatic backup (setting ``backup.folder``), between airings, in its own
        thread so the database thread and the airings never wait for it."""
        from schedules import backup

        assert self.loop is not None
        await asyncio.sleep(min(5.0, self.cfg.backup_check_s))
        while True:
            now = self.clock.now()
            if not self._busy_until_quiet(now.timestamp()):
                try:
                    res = await self.loop.run_in_executor(None, lambda: backup.automatic(self.ws, now, every_s=self.cfg.backup_every_s))
                except Exception as exc:  # noqa: BLE001 - a backup problem must not stop the broadcasts
                    log.exception("automatic backup failed")
                    res = backup.AutoResult("failed", None, str(exc) or type(exc).__name__)
                if res.state == "made":
                    log.info("automatic backup written: %s (%d old ones removed)", res.path, len(res.removed))
                    self.backup_info = {"state": "made", "path": str(res.path), "at": now.isoformat()}
                elif res.state == "failed":
                    log.error("automatic backup failed: %s", res.error)
                    self.backup_info = {"state": "failed", "error": res.error, "at": now.isoformat()}
            await asyncio.sleep(self.cfg.backup_check_s)

    async def _check_endpoints(self) -> None:
        """Is each endpoint reachable? One request per server, however many mounts it carries
        (a province's server may carry hundreds); endpoints on air count as seen."""
        rows = await self.db(self._endpoint_urls)
        servers: dict[tuple[str, int, bool], list[str]] = {}
        for code, url in rows:
            ch = self.channels.get(code)
            if ch is not None and ch.connected:
                self.endpoint_seen(code, online=True)
                continue
            u = parse_url(url)
            if u.scheme == "file":
                target = u.folder()
                while not target.exists() and target != target.parent:
                    target = target.parent
                ok = target.is_dir() and os.access(target, os.W_OK)
                self.endpoint_seen(code, online=ok, error=None if ok else _("the folder cannot be written"))
            elif u.scheme in ("icecast", "icecast+tls") and u.host and u.port:
                servers.setdefault((u.host, u.port, u.tls), []).append(code)
        by_code = dict(rows)

        async def one(codes: list[str]) -> None:
            ok, err, _secs = await monitor.probe_server(parse_url(by_code[codes[0]]))
            for code in codes:
                self.endpoint_seen(code, online=ok, error=err)

        if servers:
            await asyncio.gather(*(one(codes) for codes in servers.values()), return_exceptions=True)

    def _endpoint_urls(self) -> list[tuple[str, str]]:
        with self.ws.sessions() as s:
            rows = list(s.scalars(select(Endpoint).where(Endpoint.enabled.is_(True))))
            self.admin_credentials = {e.code: (e.admin_user, e.admin_password) for e in rows if e.admin_user and e.admin_password}
            return [(e.code, full_url(e)) for e in rows]

    def _endpoint_row(self, code: str) -> dict[str, Any]:
        with self.ws.sessions() as s:
            ep = s.get(Endpoint, code)
            if ep is None:
                raise DeliveryError(_("Endpoint '{code}' does not exist.", code=code))
            return self._row(ep)

    @staticmethod
    def _row(ep: Endpoint) -> dict[str, Any]:
        latency = ep.latency_ms_manual if ep.latency_ms_manual is not None else ep.latency_ms_measured
        return {"url": full_url(ep), "name": ep.name, "format": ep.format, "preroll_s": ep.preroll_s, "latency_ms": latency, "manual": ep.latency_ms_manual is not None}

    async def _silence_frames(self, fmt_name: str) -> list[bytes]:
        frames = self._silence.get(fmt_name)
        if frames is None:
            data = await asyncio.get_running_loop().run_in_executor(None, audio.encode_silence, parse_format(fmt_name), 2.0)
            idx = FrameIndex.build(data)
            frames = [bytes(idx.slice(i, i + 1)) for i in range(2, idx.frames - 2)]  # steady-state frames
            self._silence[fmt_name] = frames
        return frames

    # -- clocks -----------------------------------------------------------------------------

    def mono_of(self, instant: datetime) -> float:
        """The loop's monotonic time corresponding to a UTC instant."""
        assert self.loop is not None
        return self.loop.time() + (instant - self.clock.now()).total_seconds()

    def zone_of(self, endpoint: str) -> ZoneInfo:
        if self.inp and endpoint in self.inp.endpoints:
            return zone(self.inp.endpoints[endpoint].tz)
        return zone(DEFAULT_TZ)

    # -- as-run records (called by channels) --------------------------------------------------

    def _record_values(self, o: Occurrence, *, outcome: str, reason: str | None) -> dict[str, Any]:
        pl = self.inp.playlists.get(o.playlist_id) if self.inp else None
        items = [e.item_id for e in pl.entries if e.item_id is not None] if pl else []
        fields = [self.inp.items[i].field for i in items if self.inp and i in self.inp.items]
        return {
            "occurrence_key": o.key, "schedule_id": o.schedule_id, "endpoint_code": o.endpoint, "playlist_id": o.playlist_id,
            "items": items, "title": pl.name if pl else None, "priority": o.tier, "field": min(fields) if fields else None,
            "planned_start": o.start_dt, "planned_end": o.end_dt, "outcome": outcome, **asrun.reason_columns(reason),
            "ended": self.clock.now() if outcome in ("missed", "skipped", "failed") else None,
        }  # fmt: skip

    def _write_record(self, values: dict[str, Any]) -> int:
        with self.ws.session() as s:
            rec = AsRunRecord(**values)
            s.add(rec)
            s.flush()
            return rec.id

    async def record_start(self, a: Airing) -> None:
        values = {
            "occurrence_key": a.key, "schedule_id": a.schedule_id, "command_id": a.command_id, "endpoint_code": a.endpoint,
            "playlist_id": a.playlist_id, "items": a.programme.item_ids, "title": a.title, "priority": a.tier, "field": a.item_field,
            "planned_start": a.planned_start, "planned_end": a.planned_end, "actual_start": a.actual_start,
            "released_at": a.actual_start - timedelta(seconds=self.channels[a.endpoint].output.lead_s) if a.actual_start else None,
            "offset_s": round(a.offset_s, 3), "gap_s": a.gap_s, "outcome": "on_air", "actor": a.actor, "resumes_run": a.resumes_run,
        }  # fmt: skip
        a.run_id = await self.db(self._write_record, values)
        self.on_air_info[a.endpoint] = {"endpoint": a.endpoint, "title": a.title, "run_id": a.run_id, "since": a.actual_start.isoformat() if a.actual_start else None, "priority": a.tier}

    def record_end(self, a: Airing) -> None:
        self.on_air_info.pop(a.endpoint, None)
        self._stop_relays(a)
        self._spawn(self._record_end(a, self.clock.now()))

    async def _record_end(self, a: Airing, ended: datetime) -> None:
        if a.record_task is not None:
            await asyncio.shield(a.record_task)
        if a.run_id is None:
            return
        await self.db(self._close_record, a.run_id, a.outcome or "completed", a.reason, ended, a.sent_bytes, a.frames_sent, a.gap_s, a.actor)

    def _close_record(self, run_id: int, outcome: str, reason: str | None, ended: datetime, sent: int, frames: int, gap: float | None, actor: str | None) -> None:
        with self.ws.session() as s:
            asrun.close_record(s, run_id, outcome, reason, ended, bytes_sent=sent, frames_sent=frames, gap_s=gap, actor=actor)

    def record_skip(self, a: Airing) -> None:
        self._stop_relays(a)
        values = {
            "occurrence_key": a.key, "schedule_id": a.schedule_id, "command_id": a.command_id, "endpoint_code": a.endpoint,
            "playlist_id": a.playlist_id, "items": a.programme.item_ids, "title": a.title, "priority": a.tier, "field": a.item_field,
            "planned_start": a.planned_start, "planned_end": a.planned_end, "outcome": a.outcome or "skipped", **asrun.reason_columns(a.reason),
            "ended": self.clock.now(), "actor": a.actor,
        }  # fmt: skip
        self._spawn(self.db(self._write_record, values))

    # -- commands -----------------------------------------------------------------------------

    async def _handle_commands(self) -> None:
        cmds = await self.db(self._take_commands)
        for cmd_id, kind, payload in cmds:
            try:
                if kind == "broadcast":
                    result = await self._broadcast_now(cmd_id, payload)
                elif kind == "stop":
                    result = self._stop_airings(payload)
                elif kind == "reload":
                    await self._sync(force=True)
                    result = {"reloaded": True}
                elif kind == "shutdown":
                    self._stop.set()
                    result = {"stopping": True}
                else:
                    raise ValueError(kind)
                await self.db(self._finish_command, cmd_id, "done", result)
            except Exception as exc:
                log.exception("command %s failed", cmd_id)
                await self.db(self._finish_command, cmd_id, "failed", {"error": str(exc)})

    def _take_commands(self) -> list[tuple[int, str, dict[str, Any]]]:
        with self.ws.session() as s:
            return [(c.id, c.kind, dict(c.payload)) for c in commands.take_pending(s, self.clock.now())]

    def _finish_command(self, cmd_id: int, state: str, result: dict[str, Any]) -> None:
        with self.ws.session() as s:
            commands.finish(s, cmd_id, state, result)

    async def _broadcast_now(self, cmd_id: int, p: dict[str, Any]) -> dict[str, Any]:
        if self.inp is None:
            await self._sync(force=True)
        assert self.inp is not None
        eps, unknown = self.inp.resolve_targets(p.get("targets", []))
        playlist_id = p.get("playlist_id")
        item_ids = p.get("item_ids")
        tier = p.get("priority")
        if tier is None:
            tier = self._content_tier(playlist_id, item_ids)
        started: list[dict[str, Any]] = []
        skipped: list[dict[str, Any]] = [{"endpoint": u, "reason": _("unknown target")} for u in unknown]
        now = self.clock.now()
        for code in eps:
            ep = self.inp.endpoints[code]
            if not ep.enabled:
                skipped.append({"endpoint": code, "reason": _("Endpoint {code} is disabled.", code=code)})
                continue
            local_date = now.astimezone(zone(ep.tz)).date()
            prog = await self.programme(ep.format, local_date, playlist_id, item_ids)
            if prog.total_frames == 0:
                skipped.append({"endpoint": code, "reason": "; ".join(prog.skipped) or _("nothing to air")})
                continue
            channel = await self._channel(code)
            title = self._content_title(playlist_id, item_ids)
            a = Airing(
                key=f"c{cmd_id}:{code}", endpoint=code, programme=prog, planned_start=now, release_mono=asyncio.get_running_loop().time(),
                title=title, tier=int(tier), policy="cut", on_preempt="resume", command_id=cmd_id, playlist_id=playlist_id,
                planned_end=now + timedelta(seconds=prog.duration), item_field=self._field_of(prog), actor=p.get("actor"),
            )  # fmt: skip
            channel.submit(a)
            self.watch(channel, a)
            started.append({"endpoint": code, "key": a.key})
        return {"started": started, "skipped": skipped, "priority": tier}

    def _content_tier(self, playlist_id: int | None, item_ids: list[int] | None) -> int:
        assert self.inp is not None
        if playlist_id is not None and playlist_id in self.inp.playlists:
            return self.inp.playlists[playlist_id].tier
        tiers = [self.inp.items[i].priority for i in item_ids or [] if i in self.inp.items]
        return min(tiers) if tiers else 3

    def _content_title(self, playlist_id: int | None, item_ids: list[int] | None) -> str:
        assert self.inp is not None
        if playlist_id is not None and playlist_id in self.inp.playlists:
            return self.inp.playlists[playlist_id].name
        return ", ".join(self.inp.items[i].title for i in item_ids or [] if i in self.inp.items)

    def _stop_airings(self, p: dict[str, Any]) -> dict[str, Any]:
        assert self.inp is not None
        eps, _unknown = self.inp.resolve_targets(p.get("targets", []))
        actor = p.get("actor")
        stopped = []
        for code in eps:
            ch = self.channels.get(code)
            if ch is not None:
                a = ch.stop_current(_("stopped by {who}", who=actor or _("the operator")), actor)
                if a is not None:
                    stopped.append({"endpoint": code, "key": a.key})
        return {"stopped": stopped}

