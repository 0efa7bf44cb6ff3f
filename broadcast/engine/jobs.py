"""Jobs: the plan kept in step with the database, one APScheduler ``date`` job per upcoming
occurrence, and recovery after a crash.

Jobs carry ids only and call the module-level :func:`fire_occurrence`, which hands over to the
engine's loop. The engine notices changes through the shared revision counter; a change (or
``replan_every_s``) replans the horizon and reconciles the jobs without touching what is on air.
At start, records a dead engine left on air are closed (``interrupted``) and their rest airs;
occurrences inside the misfire grace start late (joining mid-way); older ones are ``missed``.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.events import EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler

from schedules import engine_store as store
from schedules import i18n
from schedules.db import read_revision
from schedules.endpoints import parse_url
from schedules.errors import LoaxaError
from schedules.httn import cluster_of
from schedules.i18n import _
from schedules.planner import Occurrence, PlanInput, load_input, plan

from ..importer import current_preset
from .config import OPERATOR_SETTINGS, EngineConfig
from .dispatch import Dispatcher
from .lag import settle_gc
from .writer import DatabaseWriter

log = logging.getLogger("loaxa.engine")

_JOBS: dict[str, Jobs] = {}


def fire_occurrence(engine_id: str, key: str) -> None:
    """APScheduler job function: jobs carry ids only; the engine looks up the occurrence."""
    jobs = _JOBS.get(engine_id)
    if jobs is not None:
        jobs.fired(key)


def _server_of(url: str) -> str | None:
    u = parse_url(url)
    return u.authority if u.scheme.startswith("icecast") else None


@dataclass
class Snapshot:
    inp: PlanInput
    occurrences: list[Occurrence]
    recorded: set[str]
    preset_key: str
    endpoints: dict[str, store.EndpointRow]
    settings: dict[str, Any]
    servers: dict[str, str | None]  # each endpoint's Icecast server (parsed here, off the loop: ~15 ms at 2,000)


FIRE_BATCH = 25  # occurrences that start together (~0.25 ms each)
FIRE_WAIT_S = 0.1  # the next batch starts when this one has, or after this long (something it waits for is slow)


class Jobs:
    """See the module docstring."""

    def __init__(self, engine_id: str, ws: Any, cfg: EngineConfig, writer: DatabaseWriter, dispatch: Dispatcher) -> None:
        self.id = engine_id
        self.ws = ws
        self.cfg = cfg
        self.writer = writer
        self.dispatch = dispatch
        self.scheduler: BackgroundScheduler | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.occ: dict[str, Occurrence] = {}
        self.handled: set[str] = set()
        self._last_replan = -math.inf
        self._fires: deque[str] = deque()  # fired jobs waiting to start on the loop, in order
        self._draining = False
        self._firing: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        self.loop = asyncio.get_running_loop()
        _JOBS[self.id] = self
        self.scheduler = BackgroundScheduler(
            timezone=UTC,
            jobstores={"default": MemoryJobStore()},
            job_defaults={"coalesce": False, "max_instances": 1, "misfire_grace_time": int(max(1, self.cfg.misfire_grace_s))},
        )
        self.scheduler.add_listener(self._on_missed, EVENT_JOB_MISSED)
        self.scheduler.start()

    def stop(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
        _JOBS.pop(self.id, None)

    # -- the plan -------------------------------------------------------------------------------

    def _snapshot(self, s: Any, start: datetime, end: datetime) -> Snapshot:
        preset = current_preset(self.ws)
        inp = load_input(s, preset_key=None)
        rows = store.endpoint_rows(s)
        recorded = store.recorded_keys(s, start - timedelta(hours=12))
        settings = store.stored_settings(s, list(OPERATOR_SETTINGS))
        # clusters that play from a schedule (httn://) get their airings from the HTTTN sender
        occurrences = [o for o in plan(inp, start, end).occurrences if o.endpoint not in rows or cluster_of(rows[o.endpoint].url) is None]
        servers = {code: _server_of(row.url) for code, row in rows.items()}
        return Snapshot(inp, occurrences, recorded, preset.key, rows, settings, servers)

    async def sync(self, *, force: bool = False) -> None:
        """Replan when the database changed (or periodically) and reconcile the jobs."""
        d = self.dispatch
        rev = await self.writer.read(read_revision)
        mono = asyncio.get_running_loop().time()
        if not force and rev == d.revision and mono - self._last_replan < self.cfg.replan_every_s:
            return
        self._last_replan = mono
        if rev != d.revision:
            log.info("plan changed (revision %s): replanning", rev)
        now = d.clock.now()
        start = now - timedelta(seconds=self.cfg.misfire_grace_s + 60)
        snap = await self.writer.read(self._snapshot, start, now + timedelta(seconds=self.cfg.horizon_s))
        changed = self.cfg.apply_settings(snap.settings)
        if changed:
            log.info("engine settings changed: %s", ", ".join(f"{k}={getattr(self.cfg, k)}" for k in changed))
            if self.scheduler is not None and "misfire_grace_s" in changed:
                for job in self.scheduler.get_jobs():
                    job.modify(misfire_grace_time=int(max(1, self.cfg.misfire_grace_s)))
        d.revision, d.inp, d.preset_key, d.endpoints = rev, snap.inp, snap.preset_key, snap.endpoints
        d.servers = snap.servers
        self.handled |= snap.recorded
        self.occ = {o.key: o for o in snap.occurrences if o.status != "cancelled"}
        # a thousand add_job calls take a while: off the event loop (APScheduler is thread-safe)
        await asyncio.get_running_loop().run_in_executor(None, self._reconcile, now)
        settle_gc()  # the new plan and its jobs live until the next replan: no full collection walks them

    def _fire_at(self, o: Occurrence) -> datetime:
        """When the job fires: the pre-roll, plus half a second to build the programme."""
        return o.start_dt - timedelta(seconds=self.dispatch.preroll_of(o) + 0.5)

    def _reconcile(self, now: datetime) -> None:
        assert self.scheduler is not None
        d = self.dispatch
        fanout: dict[tuple[str | None, float], int] = {}
        rank: dict[str, int] = {}
        for o in sorted(self.occ.values(), key=lambda o: o.endpoint):
            server = d.servers.get(o.endpoint)
            if server:
                rank[o.key] = fanout.get((server, o.start), 0)
                fanout[(server, o.start)] = rank[o.key] + 1
        d.fanout, d.rank = fanout, rank
        existing = {j.id: j for j in self.scheduler.get_jobs()}
        grace = timedelta(seconds=self.cfg.misfire_grace_s)
        for key, o in self.occ.items():
            if key in self.handled:
                continue
            if o.start_dt < now - grace and o.status == "ok":
                continue  # missed ones are recorded by recover() / the missed listener
            run_at = max(self._fire_at(o), now)
            job = existing.pop(key, None)
            if job is None:
                self.scheduler.add_job(
                    fire_occurrence, "date", run_date=run_at, id=key, args=(self.id, key), misfire_grace_time=int(max(1, self.cfg.misfire_grace_s))
                )
            elif job.next_run_time is not None and abs((job.next_run_time - run_at).total_seconds()) > 0.05 and run_at > now:
                job.reschedule("date", run_date=run_at)
        for key in existing:
            try:
                self.scheduler.remove_job(key)
            except Exception:  # noqa: BLE001 - it may have fired meanwhile
                pass

    def occurrences(self) -> list[Occurrence]:
        return list(self.occ.values())

    # -- firing ---------------------------------------------------------------------------------

    def fired(self, key: str) -> None:
        """Called on an APScheduler thread; hands over to the loop."""
        if self.loop is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self._queue_fire, key)

    def _queue_fire(self, key: str) -> None:
        self._fires.append(key)
        if not self._draining:
            self._draining = True
            asyncio.get_running_loop().create_task(self._drain_fires(), name="fires")

    async def _drain_fires(self) -> None:
        """2,000 jobs firing in the same second start FIRE_BATCH at a time, the next batch when
        this one has started (or after FIRE_WAIT_S), so that the channels already on air keep
        their timing: all at once held the loop for ~0.5 s, and batches started every turn
        while the first waited for their shared programme resumed together when it was built
        (2,000 in one turn: ~60 ms)."""
        try:
            while self._fires:
                batch: set[asyncio.Task[None]] = set()
                for _i in range(min(FIRE_BATCH, len(self._fires))):
                    task = asyncio.get_running_loop().create_task(self._on_fire(self._fires.popleft()))
                    self._firing.add(task)
                    task.add_done_callback(self._firing.discard)
                    batch.add(task)
                await asyncio.wait(batch, timeout=FIRE_WAIT_S)
        finally:
            self._draining = False

    async def _on_fire(self, key: str) -> None:
        o = self.occ.get(key)
        if o is None or key in self.handled:
            return
        self.handled.add(key)
        try:
            if o.status != "ok":
                reasons = i18n.join([p.message for p in o.problems]) or (o.resolution or "")
                self.dispatch.record_occurrence(o, outcome="skipped", reason=reasons)
                return
            await self.dispatch.air_occurrence(o)
        except Exception as exc:
            log.exception("airing %s failed", key)
            self.dispatch.record_occurrence(o, outcome="failed", reason=exc.message if isinstance(exc, LoaxaError) else str(exc))

    def _on_missed(self, event: JobExecutionEvent) -> None:
        if self.loop is not None and not self.loop.is_closed():
            why = _("the engine could not start it in time (the computer was busy or asleep)")
            asyncio.run_coroutine_threadsafe(self._record_missed(event.job_id, why), self.loop)

    async def _record_missed(self, key: str, reason: str) -> None:
        o = self.occ.get(key)
        if o is None or key in self.handled:
            return
        self.handled.add(key)
        self.dispatch.record_occurrence(o, outcome="missed", reason=reason)

    # -- recovery ---------------------------------------------------------------------------------

    async def recover(self, prev_heartbeat: datetime | None) -> list[tuple[int, str, datetime | None]]:
        """Close what a dead engine left on air; record what it missed. Returns the interrupted
        records (id, occurrence key, planned end) so their rest can air after the first sync."""
        now = self.dispatch.clock.now()
        interrupted = await self.writer.write(store.mark_interrupted, _("the engine stopped unexpectedly during the airing"), now)
        if interrupted:
            log.warning("records %s were left on air by an engine that stopped: marked interrupted", [i for i, _k, _e in interrupted])
        if prev_heartbeat is None:
            return interrupted
        since = max(prev_heartbeat, now - timedelta(seconds=self.cfg.missed_lookback_s))
        until = now - timedelta(seconds=self.cfg.misfire_grace_s)
        if until <= since:
            return interrupted
        snap = await self.writer.read(self._snapshot, since - timedelta(seconds=1), until)
        self.dispatch.inp = snap.inp
        for o in snap.occurrences:
            if since <= o.start_dt < until and o.key not in snap.recorded and o.status == "ok" and o.segment == 0:
                self.handled.add(o.key)
                await self.dispatch.record_occurrence(o, outcome="missed", reason=_("the engine was not running at that time"))
        return interrupted

    async def continue_interrupted(self, interrupted: list[tuple[int, str, datetime | None]]) -> None:
        """The rest of an airing cut off by a crash airs from where its programme has reached."""
        now = self.dispatch.clock.now()
        for run_id, key, planned_end in interrupted:
            o = self.occ.get(key)
            if o is None or planned_end is None or planned_end <= now:
                continue
            await self.dispatch.air_occurrence(o, key=f"{key}:c", resumes_run=run_id)
