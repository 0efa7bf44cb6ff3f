"""The release, armed ahead: when a thousand channels release at 05:30:00, each one's first
frames must leave at that instant, not after the others' bookkeeping. A little before (between
``ARM_S`` and 50 ms, by the channel's phase), the channel prepares the airing (its line-up, its
first bytes) and joins the instant's release: one timer per instant makes every first write
armed for it, ``WRITE_SLICE_S`` of writing per loop step, so that a step never holds the loop
for the whole burst (at 1,800 endpoints the writes alone take 15-50 ms: the kernel's loopback
send dominates). Their records follow once every first write of that instant has left,
``START_BATCH`` per loop turn (anything that ends an airing settles its record first).
"""

from __future__ import annotations

import asyncio
import math
import time
import weakref
from collections import deque
from datetime import timedelta
from typing import TYPE_CHECKING

from ..outputs.base import Output
from .airing import Airing, ChannelConfig, ChannelHost

ARM_S = 0.15  # how long before its release an airing is prepared and its first write armed
START_BATCH = 100  # records of started airings opened per loop turn
WRITE_SLICE_S = 0.01  # first writes of one instant made per loop step, at most this long

_starts: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, deque[tuple[ChannelHost, Airing]]] = weakref.WeakKeyDictionary()
_instants: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[float, deque[Armed]]] = weakref.WeakKeyDictionary()


class Armed:
    """One armed first write: ``channel`` is None once disarmed (the instant skips it)."""

    __slots__ = ("airing", "channel", "data", "last")

    def __init__(self, channel: ArmedRelease, airing: Airing, data: bytes, last: int) -> None:
        self.channel: ArmedRelease | None = channel
        self.airing = airing
        self.data = data
        self.last = last


def _join_instant(loop: asyncio.AbstractEventLoop, at: float, armed: Armed) -> None:
    instants = _instants.get(loop)
    if instants is None:
        instants = _instants[loop] = {}
    q = instants.get(at)
    if q is None:
        q = instants[at] = deque()
        loop.call_at(at, _release, loop, at, q)
    q.append(armed)


def _release(loop: asyncio.AbstractEventLoop, at: float, q: deque[Armed]) -> None:
    """Make the instant's first writes, for at most WRITE_SLICE_S; the rest in the next step."""
    instants = _instants.get(loop)
    if instants is not None and instants.get(at) is q:
        del instants[at]  # an airing armed for this instant from now on gets a timer of its own
    stop = time.perf_counter() + WRITE_SLICE_S  # the step's real duration (a test loop's time is virtual)
    n = 0
    while q:
        armed = q.popleft()
        ch = armed.channel
        if ch is not None:
            ch._fire_armed(armed)
        n += 1
        if n % 16 == 0 and time.perf_counter() >= stop:
            break
    if q:
        loop.call_soon(_release, loop, at, q)


def settle_start(host: ChannelHost, a: Airing) -> None:
    """Open the record of an airing whose first write has left (once)."""
    if a.start_pending:
        a.start_pending = False
        host.airing_started(a)


def _defer_start(host: ChannelHost, a: Airing) -> None:
    loop = asyncio.get_running_loop()
    q = _starts.get(loop)
    if q is None:
        q = _starts[loop] = deque()
    if not q:
        loop.call_soon(_drain_starts, loop)
    a.start_pending = True
    q.append((host, a))


def _drain_starts(loop: asyncio.AbstractEventLoop) -> None:
    q = _starts.get(loop)
    if not q:
        return
    for _ in range(min(len(q), START_BATCH)):
        host, a = q.popleft()
        settle_start(host, a)
    if q:
        loop.call_soon(_drain_starts, loop)


class ArmedRelease:
    """Mixin of :class:`~.channel.Channel`: arming and firing an airing's first write."""

    host: ChannelHost
    output: Output
    cfg: ChannelConfig
    fd: float
    queue: list[Airing]
    current: Airing | None
    _armed: Armed | None
    _sil_due: float

    if TYPE_CHECKING:  # provided by the other parts of Channel

        @property
        def connected(self) -> bool: ...

        def _start(self, a: Airing, now: float) -> None: ...

        def _position(self, a: Airing, t: float) -> int: ...

    def _arm_wanted(self) -> bool:
        a = self.queue[0] if self.queue else None
        return (
            a is not None
            and self._armed is None
            and self.current is None
            and self.connected
            and self.output.continuous
            and self.output.can_write_now
            and not a.programme.has_relay
            and a.release_mono != math.inf
        )

    def _can_arm(self, now: float) -> bool:
        return self._arm_wanted() and 0.0 < self.queue[0].release_mono - now <= ARM_S

    def _arm(self, now: float) -> None:
        a = self.queue.pop(0)
        self._start(a, a.release_mono)
        assert a.timeline_mono is not None
        last = min(a.programme.total_frames, self._position(a, a.release_mono + self.cfg.ahead_s) + 1)
        data = b"".join(bytes(c) for c in a.programme.chunks(a.next_frame, last) if not isinstance(c, tuple))
        armed = self._armed = Armed(self, a, data, last)
        _join_instant(asyncio.get_running_loop(), a.release_mono, armed)

    def _fire_armed(self, armed: Armed) -> None:
        a = armed.airing
        self._armed = None
        armed.channel = None
        if self.current is not a or a.outcome is not None or a.started or not self.output.write_now(armed.data):
            return  # the pump sends it the ordinary way (or it ended meanwhile)
        now = asyncio.get_running_loop().time()
        a.started = True
        a.first_delivered = a.next_frame
        a.released_mono = now
        a.lead_used = self.output.lead_s
        a.actual_start = self.host.clock.now() + timedelta(seconds=a.lead_used)
        a.sent_bytes += len(armed.data)
        a.delivered += armed.last - a.next_frame
        a.next_frame = armed.last
        assert a.timeline_mono is not None
        self._sil_due = a.timeline_mono + (armed.last - a.first_frame) * self.fd
        _defer_start(self.host, a)  # after every first write of this instant

    def _armed_for(self, a: Airing) -> bool:
        """Its first write is armed: the instant's release makes it, not the pump (both wake at
        the release; whichever ran first used to send the first frames, and the timer sent them
        again)."""
        return self._armed is not None and self._armed.airing is a

    def _disarm(self, a: Airing) -> None:
        if self._armed is not None and self._armed.airing is a:
            self._armed.channel = None
            self._armed = None
