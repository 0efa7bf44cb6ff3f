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
import zlib
from datetime import timedelta

from schedules.i18n import _

from ..outputs.base import Output, OutputError
from ..relay import RelaySource
from .airing import Airing, ChannelConfig, ChannelHost
from .arming import Armed, ArmedRelease
from .lineup import Lineup
from .pacing import Pacing
from .relays import RelayFeed

log = logging.getLogger("loaxa.engine")


class Channel(Lineup, ArmedRelease, RelayFeed, Pacing):
    """See the module docstring."""

    def __init__(self, host: ChannelHost, code: str, output: Output, silence: list[bytes], frame_duration: float, config: ChannelConfig) -> None:
        self.host = host
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
        self.relays: dict[tuple[str, int], RelaySource] = {}
        self._closers: set[asyncio.Task[None]] = set()
        self.wakeups = 0  # pump iterations (the harness checks they stay in proportion to time)
        # channels wake on ticks of their own phase, so a thousand of them do not wake together
        self.phase = (zlib.crc32(code.encode("utf-8")) % 1000) / 1000 * config.tick_s
        self.retry_stretch = 1.0 + config.retry_spread * self.phase / config.tick_s  # the same spread for the backoff
        self._armed: Armed | None = None
        self._spins = 0

    # -- public ---------------------------------------------------------------------------

    async def shutdown(self, reason: str, *, abrupt: bool = False) -> None:
        """Engine stop: what is on air ends ``partial`` (``failed`` when nothing of it reached the
        endpoint); queued airings are dropped (no record: the next engine plans them again)."""
        self._closing = True
        cur = self.current
        if cur is not None:
            if cur.delivered:
                self._finish(cur, "partial", reason)
            else:
                cur.notes.append(reason)
                self._finish(cur, "failed", None)
            self.current = None
        for a in self.queue + self.suspended:
            if a.started:
                self._finish(a, "partial", reason)
        self.queue.clear()
        self.suspended.clear()
        if abrupt and self.task is not None:
            self.task.cancel()  # no closing silence: another engine airs now
        else:
            self._kick()
        if self.task is not None:
            try:
                await asyncio.wait_for(self.task, timeout=self.cfg.closing_silence_s + 3)
            except (TimeoutError, asyncio.CancelledError):
                self.task.cancel()
        await self._safe_close()

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
                self.wakeups += 1
                if not self.host.may_air():  # fenced (or about to be): nothing more leaves this engine
                    await asyncio.sleep(self.cfg.tick_s)
                    continue
                now = loop.time()
                self._promote(now)
                if self._closing and self.current is None:
                    break
                if self._can_arm(now):
                    self._arm(now)
                if self._opened and not self.output.connected:  # the server went away
                    self._lost(OutputError(_("the connection to the server was lost"), kind="lost"))
                if not self._opened and (self.current or self._due_to_open(now)) and now >= self._retry_at:  # noqa: SIM102 - connect, then judge
                    if not await self._connect(now) and self._give_up_on_fatal():
                        break
                cur = self.current
                if cur is not None:
                    await self._send_content(cur, loop.time())
                    if self.current is cur and self._content_over(cur, loop.time()):
                        self._played_out(cur)
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
                    await self._send_silence(now, min(now + self._ahead(now), nxt if nxt is not None else math.inf))
                elif not self.queue:
                    break
                await self._sleep(loop.time())
        except Exception:
            log.exception("channel %s crashed", self.code)
            self._fail_all(OutputError(_("internal error in the engine (see the log)"), retry=False))
        finally:
            if not self._closing:
                await self._end_stream()
                if self.queue or self.current is not None:
                    # submitted while the stream was closing (the pump had already left its loop):
                    # a new pump takes it once this task is done
                    asyncio.get_running_loop().call_soon(self._kick)

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
                self._retry_at = now + self._backoff * self.retry_stretch
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
        self.host.endpoint_seen(self.code, online=True)
        return True

    def _give_up_on_fatal(self) -> bool:
        """A refusal that retrying cannot cure fails what waits for this endpoint."""
        exc = self.last_error
        if exc is None or exc.retry:
            # retryable: give up on airings whose planned end has passed (the pump goes on)
            self._expire_unreachable()
            return False
        self._fail_all(exc)
        self.host.endpoint_seen(self.code, online=False, error=exc.message, kind=exc.kind)
        return True

    def _expire_unreachable(self) -> None:
        now = self.host.clock.now()
        cur = self.current
        if cur is not None and cur.planned_end is not None and now >= cur.planned_end + timedelta(seconds=self.fd):
            self._played_out(cur)
            self._finish(cur, self._outcome(cur), None)
            self.current = None
        for a in list(self.queue):
            if a.planned_end is not None and now >= a.planned_end:
                self.queue.remove(a)
                self._finish(a, "failed", a.last_error)
        if self.last_error is not None:
            self.host.endpoint_seen(self.code, online=False, error=self.last_error.message, kind=self.last_error.kind)

    # -- frames -------------------------------------------------------------------------------

    @staticmethod
    def _played_out(a: Airing) -> None:
        """Its time is over: what was not sent by now played out while the endpoint was unreachable."""
        if a.next_frame < a.programme.total_frames:
            a.skipped_frames += a.programme.total_frames - a.next_frame
            a.next_frame = a.programme.total_frames

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
        if self._armed_for(a):
            return  # its armed timer makes the first write
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
        last = min(prog.total_frames, self._position(a, now + self._ahead(now)) + 1)
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

    async def _begin(self, a: Airing, now: float) -> None:
        """The first frame of this airing is about to be delivered."""
        a.started = True
        a.first_delivered = a.next_frame
        a.released_mono = now
        lead = a.lead_used = self.output.lead_s
        wall = self.host.clock.now()
        a.actual_start = wall + timedelta(seconds=lead)
        if not self.output.continuous:
            await self.output.begin_content(a.title, a.planned_start.astimezone(self.host.zone_of(a.endpoint)))
        self.host.airing_started(a)

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
