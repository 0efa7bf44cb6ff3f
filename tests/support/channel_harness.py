"""Channels on a controlled clock: a harness that runs the engine's real :class:`Channel` code on
an event loop whose time is virtual (it jumps to the next timer when nothing is ready), against
in-memory outputs that inject faults. A minute of airing runs in a fraction of a second, exactly
the same way every time, and a step that blocks or spins is caught:

- every loop step (the callbacks run between two polls) is timed in real time; the longest is
  reported, so a blocking step fails the test;
- a pump that never yields would hang a virtual loop forever: a real-time alarm turns that into
  :class:`LoopStalled`.
"""

from __future__ import annotations

import asyncio
import selectors
import signal
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from broadcast.engine import Airing, Channel, ChannelConfig
from broadcast.mp3 import FrameIndex
from broadcast.outputs.base import Output, OutputError
from broadcast.programme import Programme, Segment
from schedules.formats import parse_format

EPOCH = datetime(2027, 3, 1, 5, 0, tzinfo=UTC)
FRAME_S = 1152 / 44100
CONNECT_TIMEOUT_S = 5.0  # as the Icecast output's
WRITE_TIMEOUT_S = 5.0
SEND_BUFFER = 16 * 1024  # what the socket takes before a write blocks


class LoopStalled(Exception):
    """The loop did not come back to its poll within the real-time limit."""


class _VirtualSelector(selectors.DefaultSelector):
    """Never waits: when nothing is ready and a timer is due later, time jumps to it."""

    def __init__(self, loop: VirtualTimeLoop) -> None:
        super().__init__()
        self._vloop = loop

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        lp = self._vloop
        now = time.thread_time()  # the step's own computing: a loaded machine's preemption is not the step's
        if lp.step_started is not None:
            lp.longest_step_s = max(lp.longest_step_s, now - lp.step_started)
        events = super().select(0)
        if not events and timeout is not None and timeout > 0:
            lp.virtual += timeout
        lp.step_started = time.thread_time()
        return events


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self) -> None:
        self.virtual = 1000.0
        self.step_started: float | None = None
        self.longest_step_s = 0.0
        super().__init__(_VirtualSelector(self))

    def time(self) -> float:
        return self.virtual


class VirtualClock:
    """The wall clock of the harness: EPOCH plus the loop's virtual time."""

    def __init__(self, loop: VirtualTimeLoop) -> None:
        self.loop = loop
        self.base = loop.virtual

    def now(self) -> datetime:
        return EPOCH + timedelta(seconds=self.loop.virtual - self.base)

    def monotonic(self) -> float:
        return self.loop.virtual


@dataclass
class Event:
    kind: str  # started | ended | skipped
    airing: Airing
    at: float


@dataclass
class Host:
    """The channels' host in the harness: records what the engine would write."""

    clock: VirtualClock
    events: list[Event] = field(default_factory=list)
    seen: list[tuple[str, bool, str | None, str | None]] = field(default_factory=list)

    def zone_of(self, endpoint: str) -> ZoneInfo:
        return ZoneInfo("Asia/Ho_Chi_Minh")

    def may_air(self) -> bool:
        return True

    def airing_started(self, a: Airing) -> None:
        self.events.append(Event("started", a, self.clock.loop.virtual))

    def airing_ended(self, a: Airing) -> None:
        self.events.append(Event("ended", a, self.clock.loop.virtual))

    def airing_skipped(self, a: Airing) -> None:
        self.events.append(Event("skipped", a, self.clock.loop.virtual))

    def endpoint_seen(self, code: str, *, online: bool, error: str | None = None, kind: str | None = None) -> None:
        self.seen.append((code, online, error, kind))


class FaultyOutput(Output):
    """A live stream (like Icecast) kept in memory, with one fault:

    ``None`` healthy; ``refused`` (nothing listens); ``timeout`` (the host does not answer:
    connect times out); ``auth`` (wrong password); ``blackhole`` (``at_s`` after the first content
    the server stops reading: the send buffer fills, a write times out, and later handshakes get
    no answer); ``closes`` (the server closes the connection
    ``at_s`` after the first content); ``restart`` (closes at ``at_s`` and refuses for
    ``down_s``); ``tls`` (certificate refused); ``dns`` (name does not resolve); ``slow``
    (every write takes ``slow_s``)."""

    continuous = True

    def __init__(self, code: str, fault: str | None = None, *, at_s: float = 3.0, down_s: float = 1.0, slow_s: float = 0.3) -> None:
        super().__init__(code)
        self.fault = fault
        self.at_s, self.down_s, self.slow_s = at_s, down_s, slow_s
        self.stream = bytearray()
        self.sends: list[tuple[float, int]] = []  # (loop time, stream length after the send)
        self.opens: list[float] = []
        self._open = False
        self._buffered = 0
        self._broken_at: float | None = None
        self.first_send: float | None = None

    def _now(self) -> float:
        return asyncio.get_running_loop().time()

    async def open(self) -> None:
        now = self._now()
        self.opens.append(now)
        f = self.fault
        if f == "refused":
            raise OutputError("refused", kind="unreachable")
        if f == "timeout":
            await asyncio.sleep(CONNECT_TIMEOUT_S)
            raise OutputError("the server did not answer", kind="timeout")
        if f in ("auth", "tls", "dns"):
            raise OutputError(
                {"auth": "401 refused the source password", "tls": "certificate not trusted", "dns": "cannot be resolved"}[f], retry=False, kind=f
            )
        if f == "blackhole" and self._broken_at is not None:
            await asyncio.sleep(CONNECT_TIMEOUT_S)
            raise OutputError("the server closed the connection during the handshake", kind="handshake")
        if f == "restart" and self._broken_at is not None and now < self._broken_at + self.down_s:
            raise OutputError("refused", kind="unreachable")
        self._open = True

    async def send(self, data: bytes | memoryview) -> None:
        if not self._open:
            raise OutputError("the connection was lost", kind="lost")
        now = self._now()
        if self.first_send is None:
            self.first_send = now
        if self.fault in ("closes", "restart") and self._broken_at is None and now >= self.first_send + self.at_s:
            self._broken_at = now
            self._open = False
            raise OutputError("the server closed the connection", kind="lost")
        if self.fault == "blackhole" and now >= self.first_send + self.at_s:
            self._broken_at = self._broken_at or now
            self._buffered += len(data)
            if self._buffered > SEND_BUFFER:
                await asyncio.sleep(WRITE_TIMEOUT_S)
                self._open = False
                raise OutputError("the connection was lost (TimeoutError)", kind="lost")
            return
        if self.fault == "slow":
            await asyncio.sleep(self.slow_s)
        self.stream.extend(data)
        self.sends.append((self._now(), len(self.stream)))
        self.bytes_sent += len(data)

    can_write_now = True

    def write_now(self, data: bytes) -> bool:
        if not self._open or self.fault == "blackhole":
            return False
        if self.first_send is None:
            self.first_send = self._now()
        self.stream.extend(data)
        self.sends.append((self._now(), len(self.stream)))
        self.bytes_sent += len(data)
        return True

    async def close(self) -> None:
        self._open = False

    @property
    def connected(self) -> bool:
        return self._open

    def sent_at(self, end_offset: int) -> float | None:
        """When the stream had reached ``end_offset`` bytes."""
        for t, n in self.sends:
            if n >= end_offset:
                return t
        return None


_FRAMES: dict[str, FrameIndex] = {}


def frames(kind: str) -> FrameIndex:
    """Real MP3 frames (64 kbps mono 44.1 kHz): ``tone`` (a 12 s sweep, every frame distinct)
    or ``silence``; made once per test session with ffmpeg."""
    if kind not in _FRAMES:
        from broadcast import audio, ffmpeg

        if kind == "silence":
            data = audio.encode_silence(parse_format("mp3-64k-mono"), 2.0)
        else:
            args = [
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                "aevalsrc=0.5*sin(2*PI*(200+40*t)*t):s=44100:d=12",
                "-ac",
                "1",
                "-c:a",
                "libmp3lame",
                "-b:a",
                "64k",
                "-reservoir",
                "0",
                "-write_xing",
                "0",
                "-id3v2_version",
                "0",
                "-f",
                "mp3",
                "-",
            ]
            data = ffmpeg.run(args, timeout=60).stdout
        _FRAMES[kind] = FrameIndex.build(data)
    return _FRAMES[kind]


def programme(seconds: float) -> Programme:
    idx = frames("tone")
    n = min(idx.frames, int(seconds / FRAME_S))
    part = FrameIndex.build(bytes(idx.slice(0, n)))
    return Programme(parse_format("mp3-64k-mono"), FRAME_S, [Segment(1, "tone", part)])


def silence_frames() -> list[bytes]:
    idx = frames("silence")
    return [bytes(idx.slice(i, i + 1)) for i in range(2, idx.frames - 2)]


class Harness:
    """Channels on a virtual clock. ``run(coro)`` drives the loop until ``coro`` ends."""

    def __init__(self, cfg: ChannelConfig | None = None, stall_limit_s: float = 20.0) -> None:
        self.loop = VirtualTimeLoop()
        self.clock = VirtualClock(self.loop)
        self.host = Host(self.clock)
        self.cfg = cfg or ChannelConfig(preroll_s=2.0, hold_s=1.0, closing_silence_s=0.5, retry_cap_s=8.0)
        self.channels: dict[str, Channel] = {}
        self.stall_limit_s = stall_limit_s
        self.silence = silence_frames()

    def channel(self, code: str, output: Output) -> Channel:
        ch = self.channels[code] = Channel(self.host, code, output, self.silence, FRAME_S, self.cfg)
        return ch

    def airing(self, code: str, prog: Programme, at_s: float, **kw: Any) -> Airing:
        """An airing on ``code`` whose content starts ``at_s`` after now (virtual)."""
        start = self.clock.now() + timedelta(seconds=at_s)
        return Airing(
            key=f"{code}@{at_s}",
            endpoint=code,
            programme=prog,
            planned_start=start,
            release_mono=self.loop.time() + at_s,
            title="tone",
            planned_end=start + timedelta(seconds=prog.duration),
            **kw,
        )

    def run(self, main: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
        def alarm(_signum: int, _frame: Any) -> None:
            raise LoopStalled(f"the event loop did not come back within {self.stall_limit_s} s of real time")

        old = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, self.stall_limit_s)
        try:
            return self.loop.run_until_complete(main())
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)

    def close(self) -> None:
        self.loop.close()

    def outcome(self, code: str) -> Airing:
        ended = [e.airing for e in self.host.events if e.kind in ("ended", "skipped") and e.airing.endpoint == code]
        assert len(ended) == 1, [(e.kind, e.airing.key) for e in self.host.events if e.airing.endpoint == code]
        return ended[0]
