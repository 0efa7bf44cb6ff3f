"""The pieces of a live airing that need no engine: the operator's typed request, the jitter
buffer between the capture and a channel (:class:`LiveTap`) and the open-ended programme a live
airing plays (cut where the source ends). :mod:`.live` (the engine's live desk) uses them; the
CLI and the window build a :class:`LiveRequest`.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from schedules.formats import DeliveryFormat

from ..programme import Programme, Segment

JITTER_S = 0.5  # frames held before a target's airing starts (the channel sends 0.3 s ahead)
BUFFER_S = 1.0  # beyond this the oldest frames are dropped: the delay stays bounded
LIVE_URL = "live:"  # the relay "upstream" of a live segment (never opened: the tap is there first)
DEFAULT_MAX_S = 3600.0


@dataclass(frozen=True)
class LiveRequest:
    """What the operator asked: where, from which source, how urgently, by whom."""

    targets: list[str]
    device: str | None = None
    file: str | None = None  # a file read in real time instead of the sound card
    priority: int = 1
    actor: str | None = None
    max_s: float = DEFAULT_MAX_S

    def __post_init__(self) -> None:
        if self.priority not in (1, 2):
            raise ValueError(f"live priority {self.priority}")
        if self.device and self.file:
            raise ValueError("a live source is a device or a file, not both")

    def payload(self) -> dict[str, Any]:
        return {"targets": list(self.targets), "device": self.device, "file": self.file, "priority": self.priority, "actor": self.actor, "max_s": self.max_s}

    @classmethod
    def from_payload(cls, p: dict[str, Any]) -> LiveRequest:
        return cls(
            targets=[str(t) for t in p.get("targets", [])],
            device=p.get("device") or None,
            file=p.get("file") or None,
            priority=int(p.get("priority") or 1),
            actor=p.get("actor"),
            max_s=float(p.get("max_s") or DEFAULT_MAX_S),
        )


class LiveTap:
    """The frames of one live source for one channel: what :meth:`RelayFeed._relay_or_silence`
    takes from. Always gives what is asked for, silence where the microphone fell short.

    A jitter buffer: it holds what the source delivered ahead of the channel; beyond a cap the
    oldest frames are dropped (the delay stays bounded). The cap and the refill after a shortfall
    follow the longest pause seen between two deliveries: a sound card delivers every few tens
    of milliseconds (cap 1 s, refill 0.4 s); a source that delivers in bursts (PulseAudio's sine
    source: 2 s at a time) gets a buffer as deep as its bursts instead of a stutter."""

    def __init__(self, silence: list[bytes], frame_duration: float, on_closed: Any = None) -> None:
        self.silence = silence
        self.fd = frame_duration
        self.frames: deque[bytes] = deque()
        self.missing = 0  # silence given for want of microphone frames (after the first frame)
        self.dropped = 0  # oldest frames dropped to keep the delay bounded
        self.given = 0  # microphone frames handed to the channel
        self.closed = False
        self.max_gap_s = 0.0  # the longest pause between two deliveries of the source
        self._last_push: float | None = None
        self._refilling = False
        self._sil = 0
        self._on_closed = on_closed

    @property
    def max_frames(self) -> int:
        return max(2, int(max(BUFFER_S, 2 * self.max_gap_s + 0.5) / self.fd))

    def push(self, frames: list[bytes]) -> None:
        if self.closed:
            return
        now = time.monotonic()
        if self._last_push is not None:
            self.max_gap_s = max(self.max_gap_s, now - self._last_push)
        self._last_push = now
        self.frames.extend(frames)
        over = len(self.frames) - self.max_frames
        if over > 0:
            for _i in range(over):
                self.frames.popleft()
            self.dropped += over

    def take(self, count: int) -> list[bytes]:
        if self._refilling and len(self.frames) * self.fd >= min(self.max_gap_s + 0.2, BUFFER_S * 3):
            self._refilling = False
        n = 0 if self._refilling else min(count, len(self.frames))
        out = [self.frames.popleft() for _i in range(n)]
        self.given += n
        short = count - n
        if short:
            for _i in range(short):
                out.append(self.silence[self._sil % len(self.silence)])
                self._sil += 1
            if self.given:
                self.missing += short
                self._refilling = True  # wait for a buffer's worth before going on: one gap, not many
        return out

    async def stop(self) -> None:
        """The channel is done with it (the airing ended, whatever the reason)."""
        if not self.closed:
            self.closed = True
            self.frames.clear()
            if self._on_closed is not None:
                self._on_closed(self)


def live_programme(fmt: DeliveryFormat, frame_duration: float, title: str, max_s: float) -> Programme:
    """An open-ended programme: one relay window from the live source, ``max_s`` long at most."""
    return Programme(fmt, frame_duration, [Segment(None, title, None, LIVE_URL, max(1, int(max_s / frame_duration)))])


def end_programme_at(prog: Programme, frame: int) -> None:
    """Cut a live programme at ``frame``: the channel completes the airing there."""
    seg = prog.segments[0]
    frame = max(0, min(frame, seg.relay_frames))
    seg.relay_frames = frame
    prog.total_frames = frame
