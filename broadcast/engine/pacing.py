"""How a channel paces itself: when its pump wakes next, and how far ahead of real time it keeps
its server fed.

The pump wakes on ticks of the channel's own phase (a thousand channels do not wake together)
and keeps ``ahead_s`` of content queued at the server beyond real time. While nothing is about to
change on the line (an airing plays with nothing due within ``CLEAR_S``, or silence holds it), it
cruises: it wakes every ``cruise_tick_s`` and keeps ``cruise_tick_s - tick_s`` more queued, so
the margin left when it wakes is the same. A socket write costs the kernel far more than the
pump's own work (at 1,800 endpoints ~90 % of the loop's time was the sends), so halving the
writes of steady airings halves the engine's CPU. Every moment that matters has its own wake-up:
a release and its arming, a connection attempt, the content's end, and, whatever the tick, the
moment what was sent runs down to that margin.
"""

from __future__ import annotations

import asyncio
import logging
import math
from typing import TYPE_CHECKING

from ..outputs.base import Output
from .airing import Airing, ChannelConfig
from .arming import ARM_S

log = logging.getLogger("loaxa.engine")

SPIN_LIMIT = 20  # wake-ups in a row with nothing to wait for: a bug; the pump then waits a tick
CLEAR_S = 1.0  # no cruising when an airing is released within this long


class Pacing:
    """Mixin of :class:`~.channel.Channel`: its wake-ups and its look-ahead."""

    cfg: ChannelConfig
    code: str
    fd: float
    output: Output
    phase: float
    current: Airing | None
    queue: list[Airing]
    suspended: list[Airing]
    _opened: bool
    _closing: bool
    _retry_at: float
    _sil_due: float
    _spins: int
    _waiter: asyncio.Future[None] | None

    if TYPE_CHECKING:  # provided by the other parts of Channel

        @property
        def connected(self) -> bool: ...

        def _arm_wanted(self) -> bool: ...

        def _armed_for(self, a: Airing) -> bool: ...

        def _due_to_open(self, now: float) -> bool: ...

        def _content_end(self, a: Airing) -> float: ...

    def _steady(self, now: float) -> bool:
        """Nothing is about to change on this line: the pump may cruise."""
        cfg = self.cfg
        if cfg.cruise_tick_s <= cfg.tick_s or self._closing or not self.connected or self.suspended:
            return False
        cur = self.current
        if cur is not None and (not cur.started or cur.programme.has_relay):
            return False  # a relay (or live) window is taken from its upstream as it comes
        return not self.queue or self.queue[0].release_mono - now > CLEAR_S

    def _ahead(self, now: float) -> float:
        """How far beyond real time the server is fed now."""
        return self.cfg.ahead_s + (self.cfg.cruise_tick_s - self.cfg.tick_s if self._steady(now) else 0.0)

    def _fed_until(self) -> float | None:
        """Until when the server has something to play, when the pump could send more."""
        a = self.current
        if a is not None:
            if a.started and a.timeline_mono is not None and a.next_frame < a.programme.total_frames and self.connected:
                return a.timeline_mono + (a.next_frame - a.first_frame) * self.fd
            return None
        if self.output.continuous and self.connected:
            nxt = self.queue[0].release_mono if self.queue else math.inf
            return self._sil_due if self._sil_due < nxt - self.fd else None
        return None

    def _next_wake(self, now: float) -> float:
        """When the pump has something to do next. While the endpoint is not connected nothing
        can be sent, so only the next connection attempt, a release (its timeline starts and
        the gap is counted) or a tick matter: never a moment that has already passed, which
        would make the pump spin through a whole retry backoff."""
        cfg = self.cfg
        tick = cfg.cruise_tick_s if self._steady(now) else cfg.tick_s
        phase = self.phase * tick / cfg.tick_s
        wake = phase + (math.floor((now - phase) / tick) + 1) * tick  # the next tick of this channel's phase
        fed = self._fed_until()
        if fed is not None:  # before what was sent runs down to the margin, whatever the tick
            wake = min(wake, max(fed - max(0.0, cfg.ahead_s - cfg.tick_s), now))
        if self._arm_wanted():  # armed between ARM_S and 50 ms before, by phase: not all at once
            wake = min(wake, max(self.queue[0].release_mono - ARM_S + (self.phase / cfg.tick_s) * (ARM_S - 0.05), now))
        if self.queue:
            a = self.queue[0]
            if self.output.continuous and not self._opened:
                pre = a.preroll_s if a.preroll_s is not None else cfg.preroll_s
                opening = a.release_mono - pre - cfg.tick_s
                if opening > now:
                    wake = min(wake, opening)
            wake = min(wake, max(a.release_mono, now))
        if not self._opened:
            if self.current is not None or self._due_to_open(now):
                wake = min(wake, max(self._retry_at, now))  # the next connection attempt
            return wake
        cur = self.current
        if cur is not None and not cur.started and not self._armed_for(cur):
            wake = min(wake, max(cur.release_mono, now))
        elif cur is not None and cur.next_frame >= cur.programme.total_frames and cur.timeline_mono is not None:
            # its end is noticed within a tick, by phase: a thousand airings that end together
            # do not close their records in the same instant (a next airing has its own release)
            wake = min(wake, self._content_end(cur) + self.phase)
        return wake

    async def _sleep(self, now: float) -> None:
        loop = asyncio.get_running_loop()
        wake = self._next_wake(now)
        if wake <= loop.time():
            self._spins += 1
            if self._spins <= SPIN_LIMIT:
                await asyncio.sleep(0)  # something is due now: let the others run first
                return
            if self._spins == SPIN_LIMIT + 1:
                log.error("channel %s: the pump found nothing to wait for %d times in a row (a bug); waiting a tick", self.code, self._spins)
            wake = loop.time() + self.cfg.tick_s
        else:
            self._spins = 0
        # a bare future and one timer: far cheaper than wait_for() for hundreds of channels
        fut = self._waiter = loop.create_future()
        timer = loop.call_at(wake, _wake_up, fut)
        try:
            await fut
        finally:
            timer.cancel()
            self._waiter = None


def _wake_up(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_result(None)
