"""An airing (one programme on one endpoint), a channel's settings, and what a channel needs
from whoever runs it (:class:`ChannelHost`): a clock, the zone of an endpoint, and a sink for
as-run events. The engine is one host; the test harness, with a controlled clock, is another.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from schedules.clock import Clock

if TYPE_CHECKING:
    from ..programme import Programme


@dataclass
class Airing:
    """One programme on one endpoint, from submission to its as-run outcome."""

    key: str
    endpoint: str
    programme: Programme
    planned_start: datetime  # UTC instant the content (frame ``first_frame``) should reach listeners
    release_mono: float  # loop time at which frame ``first_frame`` leaves
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
    watched: bool = False  # proof of delivery listens for it
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
    record_task: asyncio.Future[Any] | None = None
    start_pending: bool = False  # its first write left; its record is opened a few loop turns later (arming.settle_start)
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

    def follow_up(self, first_frame: int, note: str) -> Airing:
        """The rest of this airing after a preemption (resume) or all of it again (restart)."""
        a = Airing(
            key=f"{self.key}:r",
            endpoint=self.endpoint,
            programme=self.programme,
            planned_start=self.planned_start,
            release_mono=float("inf"),
            title=self.title,
            tier=self.tier,
            policy="next",
            on_preempt=self.on_preempt,
            schedule_id=self.schedule_id,
            command_id=self.command_id,
            playlist_id=self.playlist_id,
            item_field=self.item_field,
            planned_end=None,
            first_frame=first_frame,
            actor=self.actor,
        )
        a.notes.append(note)
        return a


@dataclass
class ChannelConfig:
    preroll_s: float = 5.0
    tick_s: float = 0.2
    ahead_s: float = 0.3  # content kept queued at the server beyond real time
    cruise_tick_s: float = 0.4  # the tick while nothing is about to change (pacing.py); tick_s: never cruise
    hold_s: float = 15.0  # keep a live connection this long between airings
    closing_silence_s: float = 1.0
    retry_first_s: float = 0.0  # first reconnection attempt after this long
    retry_fast_s: float = 3.0  # for this long after a loss, try every retry_fast_every_s...
    retry_fast_every_s: float = 0.25
    retry_backoff_s: float = 0.5  # ...then wait this long, doubling...
    retry_cap_s: float = 30.0  # ...up to this
    retry_spread: float = 0.25  # each channel waits up to this share longer (fixed per endpoint), so a hundred dead endpoints do not retry in the same instant
    catch_up_s: float = 1.5  # behind by less than this (a busy loop): send it all; more: skip

    @property
    def most_ahead_s(self) -> float:
        """The most content ever queued beyond real time (while cruising)."""
        return self.ahead_s + max(0.0, self.cruise_tick_s - self.tick_s)

    @property
    def longest_tick_s(self) -> float:
        return max(self.tick_s, self.cruise_tick_s)


class ChannelHost(Protocol):
    """What a channel needs from whoever runs it."""

    clock: Clock

    def zone_of(self, endpoint: str) -> ZoneInfo:
        """The endpoint's zone (file outputs name their files in local time)."""
        ...

    def may_air(self) -> bool:
        """False while this engine may have lost its lease to another (fencing): send nothing."""
        ...

    def airing_started(self, a: Airing) -> None:
        """The first frame of ``a`` is leaving: open its as-run record (set ``a.record_task``)."""
        ...

    def airing_ended(self, a: Airing) -> None:
        """``a`` has its outcome (it had started): close its record."""
        ...

    def airing_skipped(self, a: Airing) -> None:
        """``a`` ended without starting (skipped, failed): write its record."""
        ...

    def endpoint_seen(self, code: str, *, online: bool, error: str | None = None, kind: str | None = None) -> None:
        """The channel learnt whether its endpoint can be fed (``kind``: the failure's kind)."""
        ...
