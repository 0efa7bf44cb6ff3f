"""Availability over time: endpoint status kept as intervals, engine runs kept from the lease.

The engine writes an endpoint's current status on every check; :func:`note_endpoint_status` keeps
the history as intervals (one row per change, so a steady endpoint costs one indexed read per
check). Engine runs come from the lease (see :mod:`schedules.lease`): from taking it to the last
heartbeat. Reports measure both over a period: the share of time each endpoint was reachable, and
the time no engine ran (when nothing could air and nothing was recorded).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, or_, select, update
from sqlalchemy.orm import Session

from .models import EndpointStatusInterval, EngineUptime

Interval = tuple[datetime, datetime]

# A run counts as up to its last heartbeat plus this much (the heartbeat comes every 3 s).
BEAT_SLACK_S = 5.0


def note_endpoint_status(session: Session, code: str, online: bool | None, at: datetime, error: str | None) -> None:
    """Record the status the engine found for endpoint ``code`` at ``at`` (``None``: unknown).

    Called in the same transaction as the status row. A status equal to the open interval's does
    nothing (one indexed read); a change closes the open interval at ``at`` and opens the new one;
    unknown only closes it. A check older than the open interval's start is ignored.
    """
    note_endpoint_statuses(session, [(code, online, at, error)])


def note_endpoint_statuses(session: Session, rows: Sequence[tuple[str, bool | None, datetime, str | None]]) -> None:
    """:func:`note_endpoint_status` for many ``(code, online, at, error)`` at once, in order:
    one read of their open intervals (the latest, when there are several), one bulk UPDATE and one bulk INSERT (a server's 450 mounts
    found offline together cost three statements, not 900, on the engine's database thread)."""
    codes = sorted({r[0] for r in rows})
    # code -> (id or None while only pending here, status, since, the pending row)
    opened: dict[str, tuple[int | None, str, datetime, dict[str, object] | None]] = {}
    for i in range(0, len(codes), 500):
        q = (
            select(EndpointStatusInterval.id, EndpointStatusInterval.endpoint_code, EndpointStatusInterval.status, EndpointStatusInterval.since)
            .where(EndpointStatusInterval.endpoint_code.in_(codes[i : i + 500]), EndpointStatusInterval.until.is_(None))
            .order_by(EndpointStatusInterval.since)
        )
        for row_id, row_code, row_status, row_since in session.execute(q):
            opened[row_code] = (row_id, row_status, row_since, None)  # ordered by since: the latest wins
    closes: list[dict[str, object]] = []
    inserts: list[dict[str, object]] = []
    for code, online, at, error in rows:
        status = None if online is None else ("online" if online else "offline")
        cur = opened.get(code)
        if cur is not None:
            rid, cur_status, since, pending = cur
            if cur_status == status or at < since:
                continue
            if pending is not None:
                pending["until"] = at
            else:
                closes.append({"id": rid, "until": at})
        if status is None:
            opened.pop(code, None)
            continue
        row: dict[str, object] = {"endpoint_code": code, "status": status, "since": at, "until": None, "error": error if not online else None}
        inserts.append(row)
        opened[code] = (None, status, at, row)
    if closes:
        session.execute(update(EndpointStatusInterval), closes)  # by primary key, many rows
    if inserts:
        session.execute(insert(EndpointStatusInterval), inserts)


def close_open_intervals(session: Session, at: datetime) -> None:
    """The engine stopped: nobody knows the endpoints' status from now on."""
    session.execute(update(EndpointStatusInterval).where(EndpointStatusInterval.until.is_(None)).values(until=at))


# ---------------------------------------------------------------------------------------------
# interval arithmetic


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, non-overlapping union of the intervals."""
    out: list[Interval] = []
    for a, b in sorted(i for i in intervals if i[1] > i[0]):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def clip(intervals: Iterable[Interval], start: datetime, end: datetime) -> list[Interval]:
    return [(max(a, start), min(b, end)) for a, b in intervals if b > start and a < end]


def intersect(a: Sequence[Interval], b: Sequence[Interval]) -> list[Interval]:
    """Intersection of two merged interval lists."""
    out: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def complement(intervals: Sequence[Interval], start: datetime, end: datetime) -> list[Interval]:
    """[start, end) minus the merged ``intervals``."""
    out: list[Interval] = []
    cur = start
    for a, b in clip(intervals, start, end):
        if a > cur:
            out.append((cur, a))
        cur = max(cur, b)
    if cur < end:
        out.append((cur, end))
    return out


def seconds(intervals: Iterable[Interval]) -> float:
    return sum((b - a).total_seconds() for a, b in intervals)


# ---------------------------------------------------------------------------------------------
# reading


def engine_up(session: Session, start: datetime, end: datetime, now: datetime) -> list[Interval]:
    """When an engine ran within [start, end): merged intervals (a running engine up to ``now``)."""
    slack = timedelta(seconds=BEAT_SLACK_S)
    rows = session.execute(
        select(EngineUptime.started_at, EngineUptime.last_beat_at, EngineUptime.ended_at).where(
            EngineUptime.started_at < end,
            or_(EngineUptime.ended_at.is_(None), EngineUptime.ended_at > start),
        )
    ).all()
    spans: list[Interval] = []
    for started, beat, ended in rows:
        stop = ended if ended is not None else min(beat + slack, now)
        spans.append((started, stop))
    return clip(merge(spans), start, end)


def engine_history_start(session: Session) -> datetime | None:
    """When the first engine run kept began (None: none kept yet)."""
    from sqlalchemy import func

    return session.scalar(select(func.min(EngineUptime.started_at)))


@dataclass(frozen=True)
class EndpointAvailability:
    code: str
    online_s: float
    offline_s: float
    unknown_s: float

    @property
    def share(self) -> float | None:
        """Share of the known time the endpoint was reachable (None: never checked)."""
        known = self.online_s + self.offline_s
        return None if known <= 0 else self.online_s / known


def endpoint_availability(
    session: Session,
    codes: Sequence[str],
    start: datetime,
    end: datetime,
    now: datetime,
) -> dict[str, EndpointAvailability]:
    """Online, offline and unknown seconds of each endpoint over [start, min(end, now)).

    Status is only known while an engine ran: an interval left open by an engine that died ends
    with the engine's last heartbeat.
    """
    end = min(end, now)
    total = max(0.0, (end - start).total_seconds())
    up = engine_up(session, start, end, now)
    spans: dict[str, dict[str, list[Interval]]] = {c: {"online": [], "offline": []} for c in codes}
    if end > start and codes:
        q = select(
            EndpointStatusInterval.endpoint_code,
            EndpointStatusInterval.status,
            EndpointStatusInterval.since,
            EndpointStatusInterval.until,
        ).where(
            EndpointStatusInterval.since < end,
            or_(
                EndpointStatusInterval.until.is_(None),
                EndpointStatusInterval.until > start,
            ),
        )
        wanted = set(codes)
        for code, status, since, until in session.execute(q):
            if code in wanted and status in ("online", "offline"):
                spans[code][status].append((since, until or now))
    out: dict[str, EndpointAvailability] = {}
    for code in codes:
        on = intersect(merge(clip(spans[code]["online"], start, end)), up)
        off = intersect(merge(clip(spans[code]["offline"], start, end)), up)
        on_s, off_s = seconds(on), seconds(off)
        out[code] = EndpointAvailability(code, on_s, off_s, max(0.0, total - on_s - off_s))
    return out
