"""Dispatch: occurrences and commands become airings on channels.

Owns the channel registry (one channel per endpoint, made on first use), the programme cache
(one build per format, day, content and database revision, shared by every endpoint airing it)
and the silence frames per format (encoded once, even when a thousand channels ask at once). It
is the channels' host: their as-run events become records through the database writer.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from schedules import engine_store as store
from schedules import i18n
from schedules.asrun import reason_columns
from schedules.clock import Clock
from schedules.commands import BroadcastRequest
from schedules.formats import parse_format
from schedules.httn import cluster_of
from schedules.i18n import _
from schedules.planner import Occurrence, PlanInput
from schedules.timeutil import DEFAULT_TZ, zone

from .. import audio
from ..mp3 import FrameIndex
from ..outputs import make_output
from ..programme import FrameCache, Programme
from ..programme import build as build_programme
from .airing import Airing, ChannelConfig
from .channel import Channel
from .config import EngineConfig
from .live import LiveDesk
from .writer import DatabaseWriter

if TYPE_CHECKING:
    from .upkeep import Upkeep

log = logging.getLogger("loaxa.engine")

SOURCE_HANDSHAKES_PER_S = 30.0


class Dispatcher:
    """See the module docstring."""

    def __init__(self, ws: Any, cfg: EngineConfig, clock: Clock, writer: DatabaseWriter) -> None:
        self.ws = ws
        self.cfg = cfg
        self.clock = clock
        self.writer = writer
        self.upkeep: Upkeep | None = None  # proof of delivery and endpoint status (set by the service)
        self.inp: PlanInput | None = None
        self.revision = -1
        self.preset_key = ""
        self.endpoints: dict[str, store.EndpointRow] = {}
        self.fanout: dict[tuple[str | None, float], int] = {}  # airings per (server, start)
        self.rank: dict[str, int] = {}  # an occurrence's place in its (server, start) crowd
        self.lease_check: Callable[[], bool] | None = None  # set by the service (fencing)
        self.servers: dict[str, str | None] = {}
        self.channels: dict[str, Channel] = {}
        self.on_air: dict[str, dict[str, Any]] = {}
        self.frames = FrameCache()
        self._programmes: dict[tuple[Any, ...], asyncio.Future[Programme]] = {}
        self._silence: dict[str, asyncio.Future[list[bytes]]] = {}
        self.live = LiveDesk(self)  # live broadcasts from the microphone (engine/live.py)

    # -- the ChannelHost protocol ---------------------------------------------------------------

    def may_air(self) -> bool:
        """False once the lease may be another engine's (the service's check, when set)."""
        return self.lease_check() if self.lease_check is not None else True

    def zone_of(self, endpoint: str) -> ZoneInfo:
        if self.inp and endpoint in self.inp.endpoints:
            return zone(self.inp.endpoints[endpoint].tz)
        return zone(DEFAULT_TZ)

    def airing_started(self, a: Airing) -> None:
        values = {
            **_airing_row(a),
            "actual_start": a.actual_start,
            "offset_s": round(a.offset_s, 3),
            "gap_s": a.gap_s,
            "released_at": a.actual_start - timedelta(seconds=a.lead_used) if a.actual_start else None,
            "outcome": "on_air",
            "resumes_run": a.resumes_run,
        }
        task = self.writer.add_record(values)
        a.record_task = task
        ch = self.channels.get(a.endpoint)
        if not a.watched and ch is not None and self.upkeep is not None:
            self.upkeep.watch(ch, a)  # a resumed or restarted airing, made by the channel itself

        def opened(t: asyncio.Future[int]) -> None:
            if not t.cancelled() and t.exception() is None:
                a.run_id = t.result()
                if a.outcome is None:
                    since = a.actual_start.isoformat() if a.actual_start else None
                    self.on_air[a.endpoint] = {"endpoint": a.endpoint, "title": a.title, "run_id": a.run_id, "since": since, "priority": a.tier}

        task.add_done_callback(opened)

    def airing_ended(self, a: Airing) -> None:
        self.on_air.pop(a.endpoint, None)
        ended = self.clock.now()
        rec = a.record_task

        async def close() -> None:
            if rec is not None:
                await asyncio.shield(rec)
            if a.run_id is not None:
                values = {"bytes_sent": a.sent_bytes, "frames_sent": a.frames_sent, "gap_s": a.gap_s, "actor": a.actor}
                await self.writer.close_record(a.run_id, a.outcome or "completed", a.reason, ended, values)

        task = asyncio.get_running_loop().create_task(close())
        self.writer._pending.add(task)
        task.add_done_callback(self.writer._done)

    def airing_skipped(self, a: Airing) -> None:
        self.writer.add_record({**_airing_row(a), "outcome": a.outcome or "skipped", **reason_columns(a.reason), "ended": self.clock.now()})

    def endpoint_seen(self, code: str, *, online: bool, error: str | None = None, kind: str | None = None) -> None:
        if self.upkeep is not None:
            self.upkeep.endpoint_seen(code, online=online, error=error, kind=kind)

    # -- occurrences ------------------------------------------------------------------------------

    def record_occurrence(self, o: Occurrence, *, outcome: str, reason: str | None) -> asyncio.Future[int]:
        """An occurrence that did not air (missed, skipped, failed) gets its record."""
        pl = self.inp.playlists.get(o.playlist_id) if self.inp else None
        items = [e.item_id for e in pl.entries if e.item_id is not None] if pl else []
        fields = [self.inp.items[i].field for i in items if self.inp and i in self.inp.items]
        values = {
            "occurrence_key": o.key,
            "schedule_id": o.schedule_id,
            "endpoint_code": o.endpoint,
            "playlist_id": o.playlist_id,
            "items": items,
            "title": pl.name if pl else None,
            "priority": o.tier,
            "field": min(fields) if fields else None,
            "planned_start": o.start_dt,
            "planned_end": o.end_dt,
            "outcome": outcome,
            **reason_columns(reason),
            "ended": self.clock.now() if outcome in ("missed", "skipped", "failed") else None,
        }
        return self.writer.add_record(values)

    def preroll_of(self, o: Occurrence) -> float:
        """The endpoint's pre-roll, longer when many mounts of one server start together: a
        server takes new sources one by one (Icecast 2.4: some 40 a second), so 500 mounts
        starting at 05:30:00 need their connections begun well before."""
        row = self.endpoints.get(o.endpoint)
        base = row.preroll_s if row is not None and row.preroll_s is not None else self.cfg.preroll_s
        server = self.servers.get(o.endpoint)
        crowd = self.fanout.get((server, o.start), 1) if server else 1
        return base + (crowd / SOURCE_HANDSHAKES_PER_S if crowd > 10 else 0.0)

    def connect_lead_of(self, o: Occurrence) -> float:
        """This airing's own pre-roll: a crowd's connections are spread over the crowd's pre-roll,
        in a fixed order, at the rate a server takes them (not a thousand at the same instant)."""
        server = self.servers.get(o.endpoint)
        crowd = self.fanout.get((server, o.start), 1) if server else 1
        if crowd <= 10:
            return self.preroll_of(o)
        return self.preroll_of(o) - self.rank.get(o.key, 0) / SOURCE_HANDSHAKES_PER_S

    def mono_of(self, instant: datetime) -> float:
        """The loop's time corresponding to a UTC instant."""
        return asyncio.get_running_loop().time() + (instant - self.clock.now()).total_seconds()

    async def air_occurrence(self, o: Occurrence, *, key: str | None = None, resumes_run: int | None = None) -> None:
        assert self.inp is not None
        ep = self.inp.endpoints[o.endpoint]
        local_date = o.start_dt.astimezone(zone(ep.tz)).date()
        prog = await self.programme(ep.format, local_date, o.playlist_id, None)
        fd = prog.frame_duration
        first = int(round(o.offset / fd)) if fd else 0
        late = (self.clock.now() - o.start_dt).total_seconds()
        gap = None
        if late > 0.05:
            first += int(math.ceil(late / fd))
            gap = late
        if prog.total_frames == 0 or first >= prog.total_frames:
            if first >= prog.total_frames and prog.total_frames:
                self.record_occurrence(o, outcome="missed", reason=_("the programme had ended before the engine could start it"))
            else:
                self.record_occurrence(o, outcome="skipped", reason=i18n.join(prog.skipped) or _("nothing left to air"))
            return
        channel = await self.channel(ep.code)
        release = self.mono_of(o.start_dt) - channel.output.lead_s + (first * fd - o.offset if first else 0.0)
        pl = self.inp.playlists.get(o.playlist_id)
        a = Airing(
            key=key or o.key,
            endpoint=o.endpoint,
            programme=prog,
            planned_start=o.start_dt,
            release_mono=release,
            resumes_run=resumes_run,
            preroll_s=self.connect_lead_of(o),
            title=pl.name if pl else "",
            tier=o.tier,
            policy=o.policy,
            wait_s=o.wait_s,
            on_preempt=o.on_preempt,
            schedule_id=o.schedule_id,
            playlist_id=o.playlist_id,
            planned_end=o.end_dt,
            first_frame=first,
            item_field=self.field_of(prog),
        )
        if gap:
            a.gap_s = round(gap, 3)
            a.notes.append(_("joined {s} s late, at the point the programme had reached", s=round(gap, 1)))
        self._submit(channel, a)

    def _submit(self, channel: Channel, a: Airing) -> None:
        if self.upkeep is not None:
            self.upkeep.watch(channel, a)
        channel.submit(a)

    def field_of(self, prog: Programme) -> int | None:
        if not self.inp or not prog.item_ids:
            return None
        fields = [self.inp.items[i].field for i in prog.item_ids if i in self.inp.items]
        return min(fields) if fields else None

    # -- commands ---------------------------------------------------------------------------------

    async def broadcast_now(self, cmd_id: int, req: BroadcastRequest) -> dict[str, Any]:
        assert self.inp is not None
        eps, unknown = self.inp.resolve_targets(req.targets)
        tier = req.priority if req.priority is not None else self._content_tier(req.playlist_id, req.item_ids)
        started: list[dict[str, Any]] = []
        skipped: list[dict[str, Any]] = [{"endpoint": u, "reason": _("unknown target")} for u in unknown]
        now = self.clock.now()
        title = self._content_title(req.playlist_id, req.item_ids)
        for code in eps:
            ep = self.inp.endpoints[code]
            if not ep.enabled:
                skipped.append({"endpoint": code, "reason": _("Endpoint {code} is disabled.", code=code)})
                continue
            row = self.endpoints.get(code)
            if row is not None and cluster_of(row.url) is not None:
                skipped.append(
                    {"endpoint": code, "reason": _("{code} plays from the province's schedule (HTTTN); broadcast now does not reach it.", code=code)}
                )
                continue
            prog = await self.programme(ep.format, now.astimezone(zone(ep.tz)).date(), req.playlist_id, req.item_ids)
            if prog.total_frames == 0:
                skipped.append({"endpoint": code, "reason": "; ".join(prog.skipped) or _("nothing to air")})
                continue
            channel = await self.channel(code)
            a = Airing(
                key=f"c{cmd_id}:{code}",
                endpoint=code,
                programme=prog,
                planned_start=now,
                release_mono=asyncio.get_running_loop().time(),
                title=title,
                tier=int(tier),
                policy="cut",
                on_preempt="resume",
                command_id=cmd_id,
                playlist_id=req.playlist_id,
                planned_end=now + timedelta(seconds=prog.duration),
                item_field=self.field_of(prog),
                actor=req.actor,
            )
            self._submit(channel, a)
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

    def stop_airings(self, targets: list[str], actor: str | None) -> dict[str, Any]:
        assert self.inp is not None
        eps, _unknown = self.inp.resolve_targets(targets)
        stopped = []
        for code in eps:
            ch = self.channels.get(code)
            live = self.live.stop_on(code, actor)  # live ends where its frames end; what it cut resumes
            if live is not None:
                stopped.append({"endpoint": code, "key": live.key})
            elif ch is not None:
                a = ch.stop_current(_("stopped by {who}", who=actor or _("the operator")), actor)
                if a is not None:
                    stopped.append({"endpoint": code, "key": a.key})
        return {"stopped": stopped}

    # -- programmes, silence, channels ---------------------------------------------------------------

    async def programme(self, fmt: str, local_date: date, playlist_id: int | None, item_ids: list[int] | None) -> Programme:
        """The programme for a format and day, built once per database revision and shared by
        every endpoint airing it (500 clusters airing one playlist cost one build)."""
        key = (self.revision, fmt, local_date, playlist_id, tuple(item_ids or ()))
        fut = self._programmes.get(key)
        if fut is None:
            if len(self._programmes) > 256:
                self._programmes.clear()
            fut = self._programmes[key] = asyncio.ensure_future(self.writer.read(self._build_programme, fmt, local_date, playlist_id, item_ids))
        try:
            return await asyncio.shield(fut)
        except Exception:
            self._programmes.pop(key, None)
            raise

    def _build_programme(self, s: Any, fmt: str, local_date: date, playlist_id: int | None, item_ids: list[int] | None) -> Programme:
        return build_programme(
            s, self.ws.media, self.frames, fmt_name=fmt, preset_key=self.preset_key, local_date=local_date, playlist_id=playlist_id, item_ids=item_ids
        )

    async def silence(self, fmt_name: str) -> list[bytes]:
        """Steady-state silent frames of a format, encoded once: the first request starts the
        encoding and every other request waits for the same result."""
        fut = self._silence.get(fmt_name)
        if fut is None:
            fut = self._silence[fmt_name] = asyncio.ensure_future(self._encode_silence(fmt_name))
        try:
            return await asyncio.shield(fut)
        except Exception:
            self._silence.pop(fmt_name, None)
            raise

    @staticmethod
    async def _encode_silence(fmt_name: str) -> list[bytes]:
        data = await asyncio.get_running_loop().run_in_executor(None, audio.encode_silence, parse_format(fmt_name), 2.0)
        idx = FrameIndex.build(data)
        return [bytes(idx.slice(i, i + 1)) for i in range(2, idx.frames - 2)]

    async def channel(self, code: str) -> Channel:
        ch = self.channels.get(code)
        if ch is not None and (ch.busy or (ch.task is not None and not ch.task.done())):
            return ch
        known = self.endpoints.get(code)
        ep = known if known is not None else await self.writer.read(store.get_endpoint_row, code)
        fmt = parse_format(ep.format)
        silence = await self.silence(fmt.name)
        ch = self.channels.get(code)  # made meanwhile by another airing of the same instant
        if ch is not None and (ch.busy or (ch.task is not None and not ch.task.done())):
            return ch
        c = self.cfg
        cfg = ChannelConfig(
            preroll_s=ep.preroll_s if ep.preroll_s is not None else c.preroll_s,
            tick_s=c.tick_s,
            ahead_s=c.ahead_s,
            cruise_tick_s=c.cruise_tick_s,
            hold_s=c.hold_s,
            closing_silence_s=c.closing_silence_s,
            retry_first_s=c.retry_first_s,
            retry_fast_s=c.retry_fast_s,
            retry_fast_every_s=c.retry_fast_every_s,
            retry_backoff_s=c.retry_backoff_s,
            retry_cap_s=c.retry_cap_s,
        )
        output = make_output(code, ep.url, name=ep.name)
        old = self.channels.get(code)
        if old is not None:
            output.lead_s = old.output.lead_s  # what proof of delivery measured lives on
        elif ep.latency_ms is not None:
            output.lead_s = ep.latency_ms / 1000.0
        fd = (1152 if fmt.sample_rate >= 32000 else 576) / fmt.sample_rate
        ch = self.channels[code] = Channel(self, code, output, silence, fd, cfg)
        return ch

    async def shutdown(self, reason: str, *, abrupt: bool = False) -> None:
        await asyncio.gather(*(ch.shutdown(reason, abrupt=abrupt) for ch in self.channels.values()), return_exceptions=True)
        await self.live.shutdown()


def _airing_row(a: Airing) -> dict[str, Any]:
    """The as-run columns every record of an airing has, whatever became of it."""
    return {
        "occurrence_key": a.key,
        "schedule_id": a.schedule_id,
        "command_id": a.command_id,
        "endpoint_code": a.endpoint,
        "playlist_id": a.playlist_id,
        "items": a.programme.item_ids,
        "title": a.title,
        "priority": a.tier,
        "field": a.item_field,
        "planned_start": a.planned_start,
        "planned_end": a.planned_end,
        "actor": a.actor,
    }
