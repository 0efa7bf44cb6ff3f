"""The release, armed ahead: when a thousand channels release at 05:30:00, each one's first
frames must leave at that instant, not after the others' bookkeeping. A little before (between
``ARM_S`` and 50 ms, by the channel's phase), the channel prepares the airing (its line-up, its
first bytes) and leaves one timer that only writes them. Their records follow once every first
write of that instant has left, ``START_BATCH`` per loop turn, so that the loop is never held
by a thousand records at once (anything that ends an airing settles its record first).
"""

from __future__ import annotations

import asyncio
import math
import weakref
from collections import deque
from datetime import timedelta
from typing import TYPE_CHECKING

from ..outputs.base import Output
from .airing import Airing, ChannelConfig, ChannelHost

ARM_S = 0.15  # how long before its release an airing is prepared and its first write armed
START_BATCH = 100  # records of started airings opened per loop turn

_starts: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, deque[tuple[ChannelHost, Airing]]] = weakref.WeakKeyDictionary()


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
    _armed: asyncio.TimerHandle | None
    _armed_airing: Airing | None
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
        loop = asyncio.get_running_loop()
        self._armed_airing = a
        self._armed = loop.call_at(a.release_mono, self._fire_armed, a, data, last)

    def _fire_armed(self, a: Airing, data: bytes, last: int) -> None:
        self._armed = self._armed_airing = None
        if self.current is not a or a.outcome is not None or a.started or not self.output.write_now(data):
            return  # the pump sends it the ordinary way (or it ended meanwhile)
        now = asyncio.get_running_loop().time()
        a.started = True
        a.first_delivered = a.next_frame
        a.released_mono = now
        a.lead_used = self.output.lead_s
        a.actual_start = self.host.clock.now() + timedelta(seconds=a.lead_used)
        a.sent_bytes += len(data)
        a.delivered += last - a.next_frame
        a.next_frame = last
        assert a.timeline_mono is not None
        self._sil_due = a.timeline_mono + (last - a.first_frame) * self.fd
        _defer_start(self.host, a)  # after every first write of this instant

    def _armed_for(self, a: Airing) -> bool:
        """Its first write is armed: the timer makes it, not the pump (both wake at the release;
        whichever ran first used to send the first frames, and the timer sent them again)."""
        return self._armed is not None and self._armed_airing is a

    def _disarm(self, a: Airing) -> None:
        if self._armed is not None and self._armed_airing is a:
            self._armed.cancel()
            self._armed = self._armed_airing = None
