"""The line-up of one channel: what is on air, what waits, what was interrupted, and the live
collision rules that decide between them when an airing's release time comes while another is
on air (the planner's rules): the more urgent tier preempts; within a tier ``cut`` preempts,
``next`` waits, ``wait:N`` waits up to N seconds from its planned start, else it is skipped.
An interrupted airing resumes (or restarts) when the line is free. Outcomes are decided here
and reported to the channel's host.
"""

from __future__ import annotations

import asyncio
import math
from typing import TYPE_CHECKING, Any

from schedules import i18n
from schedules.i18n import _

from ..outputs.base import OutputError
from .airing import Airing, ChannelHost
from .arming import settle_start


class Lineup:
    """Base of :class:`~.channel.Channel`: the airings of one endpoint and their outcomes."""

    host: ChannelHost
    fd: float
    current: Airing | None
    queue: list[Airing]
    suspended: list[Airing]
    _idle_since: float | None
    last_error: OutputError | None

    if TYPE_CHECKING:  # provided by the other parts of Channel

        @property
        def connected(self) -> bool: ...

        def _kick(self) -> None: ...

        def _stop_relays(self, a: Airing) -> None: ...

        def _disarm(self, a: Airing) -> None: ...

    def submit(self, airing: Airing) -> None:
        """Queue an airing; the pump releases it at its time (starting the pump if needed)."""
        if self.last_error is not None and not self.connected:
            airing.last_error = self.last_error.message  # the endpoint is down now: say why if it stays so
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

    @property
    def busy(self) -> bool:
        return self.current is not None or bool(self.queue) or bool(self.suspended)

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
                late = (self.host.clock.now() - new.planned_start).total_seconds()
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
        settle_start(self.host, cur)
        why = (
            _("preempted by an emergency") if new.tier == 1 else _("preempted by a more urgent airing") if new.tier < cur.tier else _("cut by the next airing")
        )
        if cur.delivered:
            self._finish(cur, "preempted", why)
        else:  # nothing of it had reached the endpoint: it failed, and then its time was taken
            cur.notes.append(why)
            self._finish(cur, "failed", None)
        follow: Airing | None = None
        if cur.on_preempt in ("resume", "restart") and cur.started:
            if cur.on_preempt == "resume":
                follow = cur.follow_up(cur.next_frame, _("resumed after an interruption"))
            else:
                follow = cur.follow_up(0, _("restarted after an interruption"))
            self.suspended.append(follow)
            self.suspended.sort(key=lambda a: (a.tier, a.planned_start, a.schedule_id or 0))
        self.current = None
        self._start(new, now)
        if follow is not None:
            if cur.record_task is not None:

                def link(_t: asyncio.Future[Any], f: Airing = follow, c: Airing = cur) -> None:
                    f.resumes_run = c.run_id

                cur.record_task.add_done_callback(link)
            else:
                follow.resumes_run = cur.run_id

    def _resume_suspended(self, now: float) -> None:
        while self.current is None and self.suspended and (not self.queue or self.queue[0].release_mono > now):
            nxt = self.suspended.pop(0)
            nxt.release_mono = now
            if nxt.policy == "wait" and not nxt.started:
                late = (self.host.clock.now() - nxt.planned_start).total_seconds()
                if late > nxt.wait_s:
                    self._skip(nxt, _("another airing was on air longer than the allowed wait of {s} s", s=round(nxt.wait_s)))
                    continue
            self._start(nxt, now)

    def _outcome(self, a: Airing) -> str:
        if a.delivered == 0:
            return "failed"
        if a.skipped_frames or a.programme.skipped or (a.gap_s or 0) > 1.0 or a.relay_missing * self.fd > 2.0:
            return "partial"
        return "completed"

    def _finish(self, a: Airing, outcome: str, reason: str | None) -> None:
        if a.outcome is not None:
            return
        settle_start(self.host, a)
        self._disarm(a)
        if a.skipped_frames:
            gap = a.skipped_frames * self.fd
            a.gap_s = round((a.gap_s or 0) + gap, 3)
            if a.delivered:  # when nothing was delivered the reason alone says it
                a.notes.append(_("{s} s not delivered: {error}", s=round(gap, 1), error=a.last_error or _("the endpoint could not be reached")))
        if a.relay_missing:
            a.notes.append(_("relay: {s} s of silence where the upstream stream gave nothing", s=round(a.relay_missing * self.fd, 1)))
        if outcome == "failed" and reason is None:
            reason = a.last_error or _("nothing could be delivered")
        a.outcome = outcome
        a.reason = i18n.join([r for r in (reason, *a.notes, *a.programme.skipped) if r]) or None
        self._stop_relays(a)
        if a.started:
            self.host.airing_ended(a)
        else:
            self.host.airing_skipped(a)
        a.done.set()

    def _skip(self, a: Airing, reason: str) -> None:
        a.outcome = "skipped"
        a.reason = reason
        self._stop_relays(a)
        self.host.airing_skipped(a)
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
