"""A channel: everything the engine sends to one endpoint, on one connection.

The channel owns the endpoint's output and a frame pump. Airings are submitted ahead of their
start; the pump connects (pre-roll silence on live streams), releases each airing's first content
frame at its instant (earlier by the output's measured latency), paces the rest by the frame
timeline ``release + n * frame_duration`` on the monotonic clock, carries silence between
back-to-back airings, and closes with a second of silence so the last word is heard.

Faults: a connection that cannot be made or is lost is retried with a backoff (first retry at
once, then doubling up to a cap) until the airing's planned end; the airing's timeline keeps
running meanwhile, so on reconnection it continues where the programme has reached and the gap
is recorded. A refusal that retrying cannot cure (wrong password, mount in use, unknown host)
fails the airing at once with its reason.

Live collisions are decided when an airing's release time comes while another is on air, by the
planner's rules: the more urgent tier preempts; within a tier ``cut`` preempts, ``next`` waits,
``wait:N`` waits up to N seconds from its planned start, else it is skipped. Preemption switches
content on the same connection, so receivers stay attached.
"""

from __future__ import annotations

import asyncio
import logging
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from schedules import i18n
from schedules.i18n import _

from .outputs.base import Output, OutputError
from .programme import Programme

if TYPE_CHECKING:
    from .engine import Engine

log = logging.getLogger("loaxa.engine")


@dataclass
class Airing:
    """One programme on one endpoint, from submission to its as-run outcome."""

    key: str
    endpoint: str
    programme: Programme
    planned_start: datetime  # UTC instant the content (frame ``first_frame``) should reach listeners
    release_mono: float  # monotonic time at which frame ``first_frame`` leaves
    title: str
    tier: int = 3
    policy: str = "next"
    wait_s: float = 0.0
    on_preempt: str = "resume"
    schedule_id: int | None = None
    command_id: int | None = None
    playlist_id: int | None = None
    item_field: int | None = None
    planned_end: datetime | None = None
    first_frame: int = 0
    actor: str | None = None
    resumes_run: int | None = None
    preroll_s: float | None = None  # this airing's pre-roll, when not the channel's
    # live state
    next_frame: int = 0
    timeline_mono: float | None = None  # when frame ``first_frame`` was due (the release)
    delivered: int = 0  # frames actually sent
    first_delivered: int | None = None  # the programme frame that went out first
    released_mono: float | None = None  # when it actually went out
    lead_used: float = 0.0
    skipped_frames: int = 0  # frames that fell in a gap (endpoint unreachable)
    started: bool = False  # first frame delivered
    actual_start: datetime | None = None
    run_id: int | None = None
    record_task: asyncio.Task[Any] | None = None
    outcome: str | None = None
    reason: str | None = None
    done: asyncio.Event = field(default_factory=asyncio.Event)
    sent_bytes: int = 0
    gap_s: float | None = None
    relay_missing: int = 0  # relay frames the upstream did not provide (silence sent instead)
    last_error: str | None = None
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.next_frame = self.first_frame

    @property
    def offset_s(self) -> float:
        return self.first_frame * self.programme.frame_duration

    @property
    def frames_sent(self) -> int:
        return self.delivered


@dataclass
class ChannelConfig:
    preroll_s: float = 5.0
    tick_s: float = 0.2
    ahead_s: float = 0.3  # content kept queued at the server beyond real time
    hold_s: float = 15.0  # keep a live connection this long between airings
    closing_silence_s: float = 1.0
    retry_first_s: float = 0.0  # first reconnection attempt after this long
    retry_fast_s: float = 3.0  # for this long after a loss, try every retry_fast_every_s...
    retry_fast_every_s: float = 0.25
    retry_backoff_s: float = 0.5  # ...then wait this long, doubling...
    retry_cap_s: float = 30.0  # ...up to this
    catch_up_s: float = 1.5  # behind by less than this (a busy loop): send it all; more: skip


class Channel:
    """See the module docstring."""

    def __init__(self, engine: Engine, code: str, output: Output, silence: list[bytes], frame_duration: float, config: ChannelConfig) -> None:
        self.engine = engine
        self.code = code
        self.output = output
        self.silence = silence
        self.fd = frame_duration
        self.cfg = config
        self.current: Airing | None = None
        self.queue: list[Airing] = []
        self.suspended: list[Airing] = []
        self.task: asyncio.Task[None] | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._sil_index = 0
        self._sil_due = 0.0
        self._idle_since: float | None = None
        self._opened = False
        self._closing = False
        self._retry_at = 0.0
        self._backoff = config.retry_backoff_s
        self._down_since: float | None = None
        self.last_error: OutputError | None = None

    # -- public ---------------------------------------------------------------------------

    def submit(self, airing: Airing) -> None:
        """Queue an airing; the pump releases it at its time (starting the pump if needed)."""
        self.queue.append(airing)
        self.queue.sort(key=lambda a: (a.release_mono, a.tier, a.schedule_id or 0))
        self._kick()

    def stop_current(self, reason: str, actor: str | None = None) -> Airing | None:
        """Stop what is on air now (recorded ``stopped``); queued airings still follow."""
        cur = self.current
        if cur is None:
            return None
        cur.actor = actor or cur.actor
        self._finish(cur, "stopped", reason)
        self.current = None
        self._kick()
        return cur

    async def shutdown(self, reason: str) -> None:
        """Engine stop: what is on air ends ``partial``; queued airings are dropped (no record)."""
        self._closing = True
        if self.current is not None:
            self._finish(self.current, "partial", reason)
            self.current = None
        for a in self.queue + self.suspended:
            if a.started:
                self._finish(a, "partial", reason)
        self.queue.clear()
        self.suspended.clear()
        self._kick()
        if self.task is not None:
            try:
                await asyncio.wait_for(self.task, timeout=self.cfg.closing_silence_s + 3)
            except (TimeoutError, asyncio.CancelledError):
                self.task.cancel()
        await self._safe_close()

    @property
    def busy(self) -> bool:
        return self.current is not None or bool(self.queue) or bool(self.suspended)

    @property
    def connected(self) -> bool:
        return self._opened and self.output.connected

    # -- the pump -------------------------------------------------------------------------

    def _kick(self) -> None:
        w = self._waiter
        if w is not None and not w.done():
            w.set_result(None)
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._pump(), name=f"channel:{self.code}")

    async def _pump(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while True:
                now = loop.time()
                self._promote(now)
                if self._closing and self.current is None:
                    break
                if self._opened and not self.output.connected:  # the server went away
                    self._lost(OutputError(_("the connection to the server was lost"), kind="lost"))
                if not self._opened and (self.current or self._due_to_open(now)) and now >= self._retry_at:
                    if not await self._connect(now):
                        if self._give_up_on_fatal():
                            break
                cur = self.current
                if cur is not None:
                    await self._send_content(cur, loop.time())
                    if self.current is cur and self._content_over(cur, loop.time()):
                        self._finish(cur, self._outcome(cur), None)
                        self.current = None
                        self._resume_suspended(loop.time())
                        continue
                elif self._opened and self.output.continuous:
                    nxt = self._next_release()
                    if nxt is None and not self.suspended:
                        if self._idle_since is None:
                            self._idle_since = now
                        if now - self._idle_since >= self.cfg.hold_s:
                            break
                    else:
                        self._idle_since = None
                    await self._send_silence(now, min(now + self.cfg.ahead_s, nxt if nxt is not None else math.inf))
                elif not self.queue:
                    break
                await self._sleep(loop.time())
        except Exception:
            log.exception("channel %s crashed", self.code)
            self._fail_all(OutputError(_("internal error in the engine (see the log)"), retry=False))
        finally:
            if not self._closing:
                await self._end_stream()

    def _due_to_open(self, now: float) -> bool:
        if not self.queue:
            return False
        a = self.queue[0]
        lead = (a.preroll_s if a.preroll_s is not None else self.cfg.preroll_s) if self.output.continuous else 0.0
        return now >= a.release_mono - lead - self.cfg.tick_s

    def _next_release(self) -> float | None:
        return self.queue[0].release_mono if self.queue else None

    async def _connect(self, now: float) -> bool:
        """Try to (re)connect; on failure note the error and when to try again."""
        try:
            await self.output.open()
        except OutputError as exc:
            self.last_error = exc
            if self._down_since is None:
                self._down_since = now
                log.warning("%s: %s", self.code, exc.message)
                self._retry_at = now + self.cfg.retry_first_s
                self._backoff = self.cfg.retry_backoff_s
            elif now - self._down_since < self.cfg.retry_fast_s:
                self._retry_at = now + self.cfg.retry_fast_every_s  # a server restart takes a second or two
            else:
                self._retry_at = now + self._backoff
                self._backoff = min(self.cfg.retry_cap_s, self._backoff * 2)
            for a in [self.current, *self.queue]:
                if a is not None:
                    a.last_error = exc.message
            return False
        if self._down_since is not None:
            log.info("%s: connected again after %.1f s", self.code, now - self._down_since)
        self._opened = True
        self._down_since = None
        self._backoff = self.cfg.retry_backoff_s
        self._sil_due = asyncio.get_running_loop().time()
        self.engine.endpoint_seen(self.code, online=True)
        return True

    def _give_up_on_fatal(self) -> bool:
        """A refusal that retrying cannot cure fails what waits for this endpoint."""
        exc = self.last_error
        if exc is None or exc.retry:
            # retryable: give up on airings whose planned end has passed (the pump goes on)
            self._expire_unreachable()
            return False
        self._fail_all(exc)
        self.engine.endpoint_seen(self.code, online=False, error=exc.message)
        return True

    def _expire_unreachable(self) -> None:
        now = self.engine.clock.now()
        cur = self.current
        if cur is not None and cur.planned_end is not None and now >= cur.planned_end + timedelta(seconds=self.fd):
            self._finish(cur, self._outcome(cur), None)
            self.current = None
        for a in list(self.queue):
            if a.planned_end is not None and now >= a.planned_end:
                self.queue.remove(a)
                self._finish(a, "failed", a.last_error)
        if self.last_error is not None:
            self.engine.endpoint_seen(self.code, online=False, error=self.last_error.message)

    async def _sleep(self, now: float) -> None:
        wake = now + self.cfg.tick_s
        if self.queue:
            a = self.queue[0]
            pre = (a.preroll_s if a.preroll_s is not None else self.cfg.preroll_s) if self.output.continuous and not self._opened else 0.0
            wake = min(wake, max(a.release_mono - pre, now))
        cur = self.current
        if cur is not None and not cur.started:
            wake = min(wake, max(cur.release_mono, now))
        elif cur is not None and cur.next_frame >= cur.programme.total_frames and cur.timeline_mono is not None:
            wake = min(wake, self._content_end(cur))
        if not self._opened and self._retry_at > now:
            wake = min(wake, self._retry_at)
        loop = asyncio.get_running_loop()
        if wake <= loop.time():
            return
        # a bare future and one timer: far cheaper than wait_for() for hundreds of channels
        fut = self._waiter = loop.create_future()
        timer = loop.call_at(wake, _wake_up, fut)
        try:
            await fut
        finally:
            timer.cancel()
            self._waiter = None

    def _promote(self, now: float) -> None:
        """Move airings whose release time has come onto the air, applying live collisions."""
        while self.queue and self.queue[0].release_mono <= now + 1e-4:
            new = self.queue.pop(0)
            cur = self.current
            if cur is None:
                self._start(new, now)
                continue
            if new.tier < cur.tier or (new.tier == cur.tier and new.policy == "cut"):
                self._preempt(cur, new, now)
                continue
            # it waits: as "next", or up to its limit from its planned start
            if new.policy == "wait":
                late = (self.engine.clock.now() - new.planned_start).total_seconds()
                remaining = cur.programme.total_frames - cur.next_frame
                if late + remaining * self.fd > new.wait_s:
                    self._skip(new, _("another airing was on air longer than the allowed wait of {s} s", s=round(new.wait_s)))
                    continue
            new.release_mono = math.inf  # released when the current one ends
            new.notes.append(_("started after the airing before it ended"))
            self.suspended.append(new)
            self.suspended.sort(key=lambda a: (a.tier, a.planned_start, a.schedule_id or 0))

    def _start(self, a: Airing, now: float) -> None:
        if a.release_mono == math.inf:
            a.release_mono = now
        a.timeline_mono = a.release_mono
        self.current = a
        self._idle_since = None

    def _preempt(self, cur: Airing, new: Airing, now: float) -> None:
        why = _("preempted by an emergency") if new.tier == 1 else _("preempted by a more urgent airing") if new.tier < cur.tier else _("cut by the next airing")
        self._finish(cur, "preempted", why)
        follow: Airing | None = None
        if cur.on_preempt in ("resume", "restart") and cur.started:
            first = cur.next_frame if cur.on_preempt == "resume" else 0
            follow = Airing(
                key=f"{cur.key}:r", endpoint=cur.endpoint, programme=cur.programme, planned_start=cur.planned_start,
                release_mono=math.inf, title=cur.title, tier=cur.tier, policy="next", on_preempt=cur.on_preempt,
                schedule_id=cur.schedule_id, command_id=cur.command_id, playlist_id=cur.playlist_id, item_field=cur.item_field,
                planned_end=None, first_frame=first,
            )  # fmt: skip
            follow.notes.append(_("resumed after an interruption") if cur.on_preempt == "resume" else _("restarted after an interruption"))
            self.suspended.append(follow)
            self.suspended.sort(key=lambda a: (a.tier, a.planned_start, a.schedule_id or 0))
        self.current = None
        self._start(new, now)
        if follow is not None:
            if cur.record_task is not None:

                def link(_t: asyncio.Task[Any], f: Airing = follow, c: Airing = cur) -> None:
                    f.resumes_run = c.run_id

                cur.record_task.add_done_callback(link)
            else:
                follow.resumes_run = cur.run_id

    def _resume_suspended(self, now: float) -> None:
        while self.current is None and self.suspended and (not self.queue or self.queue[0].release_mono > now):
            nxt = self.suspended.pop(0)
            nxt.release_mono = now
            if nxt.policy == "wait" and not nxt.started:
                late = (self.engine.clock.now() - nxt.planned_start).total_seconds()
                if late > nxt.wait_s:
                    self._skip(nxt, _("another airing was on air longer than the allowed wait of {s} s", s=round(nxt.wait_s)))
                    continue
            self._start(nxt, now)

    # -- frames -------------------------------------------------------------------------------

    def _position(self, a: Airing, t: float) -> int:
        """The programme frame that should be playing at monotonic time ``t``."""
        assert a.timeline_mono is not None
        return a.first_frame + int((t - a.timeline_mono) / self.fd)

    def _content_end(self, a: Airing) -> float:
        assert a.timeline_mono is not None
        return a.timeline_mono + (a.programme.total_frames - a.first_frame) * self.fd

    def _content_over(self, a: Airing, now: float) -> bool:
        """Done when its last frame has played out in real time (sent or lost in a gap)."""
        return a.timeline_mono is not None and now >= self._content_end(a) - 1e-3 and (a.next_frame >= a.programme.total_frames or not self.connected)

    async def _send_content(self, a: Airing, now: float) -> None:
        prog = a.programme
        if now < a.release_mono:
            if self.output.continuous and self._opened:
                await self._send_silence(now, a.release_mono)
            return
        if a.timeline_mono is None:
            a.timeline_mono = a.release_mono
        pos = min(prog.total_frames, self._position(a, now))
        if not self.connected:
            if pos > a.next_frame:  # the programme moves on while the endpoint is unreachable
                a.skipped_frames += pos - a.next_frame
                a.next_frame = pos
            return
        if pos - a.next_frame > self.cfg.catch_up_s / self.fd:
            a.skipped_frames += pos - a.next_frame  # back from an outage: continue where it has reached
            a.next_frame = pos
        last = min(prog.total_frames, self._position(a, now + self.cfg.ahead_s) + 1)
        if last <= a.next_frame:
            return
        if not a.started:
            await self._begin(a, now)
        if prog.has_relay:
            self._prepare_relays(a, last + int(3.0 / self.fd))
        try:
            for chunk in prog.chunks(a.next_frame, last):
                if isinstance(chunk, tuple):
                    data = self._relay_or_silence(a, chunk[1], chunk[2])
                    await self.output.send(data)
                    a.sent_bytes += len(data)
                else:
                    await self.output.send(chunk)
                    a.sent_bytes += len(chunk)
        except OutputError as exc:
            self._lost(exc)
            return
        a.delivered += last - a.next_frame
        a.next_frame = last
        self._sil_due = a.timeline_mono + (last - a.first_frame) * self.fd

    def _lost(self, exc: OutputError) -> None:
        loop = asyncio.get_running_loop()
        log.warning("%s: %s", self.code, exc.message)
        self.last_error = exc
        self._opened = False
        self._down_since = loop.time()
        self._retry_at = loop.time() + self.cfg.retry_first_s
        self._backoff = self.cfg.retry_backoff_s
        for a in [self.current, *self.queue]:
            if a is not None:
                a.last_error = exc.message

    def _relay_or_silence(self, a: Airing, segment: int, count: int) -> bytes:
        """Frames of a relay window from its upstream; silence where the upstream fell short."""
        frames = self.engine.relay_frames(a, segment, count)
        short = count - len(frames)
        if short:
            frames.extend(self.silence[(self._sil_index + i) % len(self.silence)] for i in range(short))
            self._sil_index = (self._sil_index + short) % len(self.silence)
            a.relay_missing += short
        return b"".join(frames)

    def _prepare_relays(self, a: Airing, upto: int) -> None:
        prog = a.programme
        for i, seg in enumerate(prog.segments):
            if seg.relay_url and prog.starts[i] <= upto and prog.starts[i] + seg.count > a.next_frame:
                self.engine.relay_prepare(a, i, seg.relay_url, prog.format)

    async def _begin(self, a: Airing, now: float) -> None:
        """The first frame of this airing is about to be delivered."""
        a.started = True
        a.first_delivered = a.next_frame
        a.released_mono = now
        lead = a.lead_used = self.output.lead_s
        wall = self.engine.clock.now()
        a.actual_start = wall + timedelta(seconds=lead)
        if not self.output.continuous:
            await self.output.begin_content(a.title, a.planned_start.astimezone(self.engine.zone_of(a.endpoint)))
        a.record_task = asyncio.get_running_loop().create_task(self.engine.record_start(a))

    async def _send_silence(self, now: float, until: float) -> None:
        if not self.output.continuous or not self.connected:
            return
        if self._sil_due < now - 1.0:
            self._sil_due = now  # after a stall, do not burst the missed silence
        frames: list[bytes] = []
        while self._sil_due <= until:
            frames.append(self.silence[self._sil_index])
            self._sil_index = (self._sil_index + 1) % len(self.silence)
            self._sil_due += self.fd
        if frames:
            try:
                await self.output.send(b"".join(frames))
            except OutputError as exc:
                self._lost(exc)

    async def _end_stream(self) -> None:
        if self.connected and self.output.continuous:
            n = int(self.cfg.closing_silence_s / self.fd) + 1
            try:
                await self.output.send(b"".join(self.silence[i % len(self.silence)] for i in range(n)))
                await asyncio.sleep(self.cfg.closing_silence_s)
            except OutputError:
                pass
        await self._safe_close()

    async def _safe_close(self) -> None:
        if self._opened:
            self._opened = False
            try:
                await self.output.end_content()
                await self.output.close()
            except OutputError as exc:
                log.warning("closing %s: %s", self.code, exc.message)

    # -- outcomes -------------------------------------------------------------------------

    def _outcome(self, a: Airing) -> str:
        if a.delivered == 0:
            return "failed"
        if a.skipped_frames or a.programme.skipped or (a.gap_s or 0) > 1.0 or a.relay_missing * self.fd > 2.0:
            return "partial"
        return "completed"

    def _finish(self, a: Airing, outcome: str, reason: str | None) -> None:
        if a.outcome is not None:
            return
        if a.skipped_frames:
            gap = a.skipped_frames * self.fd
            a.gap_s = round((a.gap_s or 0) + gap, 3)
            a.notes.append(_("{s} s not delivered: {error}", s=round(gap, 1), error=a.last_error or _("the endpoint could not be reached")))
        if a.relay_missing:
            a.notes.append(_("relay: {s} s of silence where the upstream stream gave nothing", s=round(a.relay_missing * self.fd, 1)))
        if outcome == "failed" and reason is None:
            reason = a.last_error or _("nothing could be delivered")
        a.outcome = outcome
        a.reason = i18n.join([reason, *a.notes, *a.programme.skipped]) or None
        if a.started:
            self.engine.record_end(a)
        else:
            self.engine.record_skip(a)
        a.done.set()

    def _skip(self, a: Airing, reason: str) -> None:
        a.outcome = "skipped"
        a.reason = reason
        self.engine.record_skip(a)
        a.done.set()

    def _fail_all(self, exc: OutputError) -> None:
        for a in [x for x in [self.current, *self.queue, *self.suspended] if x is not None]:
            a.last_error = exc.message
            if a.started:
                self._finish(a, "partial", exc.message)
            else:
                self._finish(a, "failed", exc.message)
        self.current = None
        self.queue.clear()
        self.suspended.clear()


def _wake_up(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_result(None)
