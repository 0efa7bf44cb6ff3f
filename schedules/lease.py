"""One engine per database: a lease row renewed by heartbeat.

An engine takes the lease when it is free or stale (no heartbeat for ``STALE_S`` seconds, i.e. the
holder crashed), renews it every few seconds, and frees it on a clean stop. The update is a
single conditional UPDATE, atomic on SQLite and PostgreSQL alike.

Each run is also kept as a row of ``engine_uptime`` (taken, last heartbeat, released), so reports
can say when no engine ran (see :mod:`schedules.availability`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from .models import EngineLease, EngineUptime, Setting

STALE_S = 8.0  # a standby takes over when the heartbeat is this old (within 10 s of a crash)
HEARTBEAT_S = 3.0


@dataclass(frozen=True)
class LeaseInfo:
    holder: str | None
    host: str | None
    pid: int | None
    started_at: datetime | None
    heartbeat_at: datetime | None
    info: dict[str, Any] | None
    alive: bool


def takeover_s(session: Session) -> float:
    """How old a heartbeat may be before the lease counts as free: the setting
    ``engine.takeover_s`` (the engines read it too), else ``STALE_S``."""
    row = session.get(Setting, "engine.takeover_s")
    try:
        return float(row.value) if row is not None and row.value is not None else STALE_S
    except (TypeError, ValueError):
        return STALE_S


def read(session: Session, now: datetime, stale_s: float | None = None) -> LeaseInfo:
    """The lease as of ``now``; alive when its heartbeat is younger than ``stale_s`` (default:
    the takeover setting, as the engines judge it)."""
    if stale_s is None:
        stale_s = takeover_s(session)
    row = session.get(EngineLease, 1)
    if row is None:
        return LeaseInfo(None, None, None, None, None, None, False)
    session.refresh(row)
    alive = bool(row.holder and row.heartbeat_at and now - row.heartbeat_at < timedelta(seconds=stale_s))
    return LeaseInfo(row.holder, row.host, row.pid, row.started_at, row.heartbeat_at, row.info, alive)


def acquire(session: Session, holder: str, host: str, pid: int, now: datetime, stale_s: float = STALE_S) -> bool:
    """Take the lease if it is free or stale; True when this holder now has it."""
    stale_before = now - timedelta(seconds=stale_s)
    res = session.execute(
        update(EngineLease)
        .where(EngineLease.id == 1)
        .where(or_(EngineLease.holder.is_(None), EngineLease.heartbeat_at.is_(None), EngineLease.heartbeat_at < stale_before))
        .values(holder=holder, host=host, pid=pid, started_at=now, heartbeat_at=now, released_at=None, info={})
    )
    taken = bool(res.rowcount == 1)  # type: ignore[attr-defined]
    if taken:
        # runs that never released (crashed) end at their last heartbeat
        session.execute(update(EngineUptime).where(EngineUptime.ended_at.is_(None)).values(ended_at=EngineUptime.last_beat_at))
        session.add(EngineUptime(holder=holder, host=host, pid=pid, started_at=now, last_beat_at=now))
        session.flush()
    return taken


def heartbeat(session: Session, holder: str, now: datetime, info: dict[str, Any] | None = None) -> bool:
    """Renew the lease; False when another engine has taken it (this one must stop)."""
    values: dict[str, Any] = {"heartbeat_at": now}
    if info is not None:
        values["info"] = info
    res = session.execute(update(EngineLease).where(EngineLease.id == 1, EngineLease.holder == holder).values(**values))
    kept = bool(res.rowcount == 1)  # type: ignore[attr-defined]
    if kept:
        session.execute(update(EngineUptime).where(EngineUptime.holder == holder, EngineUptime.ended_at.is_(None)).values(last_beat_at=now))
    return kept


def holds(session: Session, holder: str) -> bool:
    """Does ``holder`` still hold the lease? (An engine checks before it writes: fencing.)"""
    # the holder column alone, read fresh: loading the row decoded its ``info`` (the heartbeat's
    # figures, ~100 KB at 2,000 endpoints) before every batch of writes, a third of the database
    # thread's time mid-airing
    current = session.execute(select(EngineLease.holder).where(EngineLease.id == 1)).scalar_one_or_none()
    return current is not None and current == holder


def release(session: Session, holder: str, now: datetime) -> None:
    from .availability import close_open_intervals

    res = session.execute(update(EngineLease).where(EngineLease.id == 1, EngineLease.holder == holder).values(holder=None, released_at=now))
    session.execute(update(EngineUptime).where(EngineUptime.holder == holder, EngineUptime.ended_at.is_(None)).values(last_beat_at=now, ended_at=now))
    if res.rowcount == 1:  # type: ignore[attr-defined]
        close_open_intervals(session, now)
