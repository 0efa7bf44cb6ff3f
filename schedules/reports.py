"""Reports over the plan and the as-run log: the day's timeline for the Today screen."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .asrun import reason_text, runs_query
from .models import AsRunRecord, Schedule
from .planner import load_input, plan


@dataclass(frozen=True)
class TimelineRow:
    """One line of the Today screen: an occurrence with what became of it, or an ad-hoc airing."""

    endpoint: str
    endpoint_name: str
    start: datetime
    end: datetime
    title: str
    priority: int
    status: str  # planned | on_air | completed | partial | preempted | stopped | interrupted | skipped | missed | failed | cancelled | no_record
    reason: str | None
    run_id: int | None
    schedule_id: int | None
    key: str
    actual_start: datetime | None
    tz: str


def day_timeline(session: Session, start: datetime, end: datetime, now: datetime) -> list[TimelineRow]:
    """What was planned in [start, end) on every endpoint, joined with the as-run records."""
    inp = load_input(session)
    p = plan(inp, start, end)
    runs: dict[str, AsRunRecord] = {}
    extra: list[AsRunRecord] = []
    for rec in session.scalars(runs_query(start=start, end=end)):
        if rec.schedule_id is None or ":p" in rec.occurrence_key or rec.occurrence_key.endswith(":r"):
            extra.append(rec)
        else:
            runs[rec.occurrence_key] = rec
    created = dict(session.execute(select(Schedule.id, Schedule.created_at)).all())
    rows: list[TimelineRow] = []
    for o in p.occurrences:
        ep = inp.endpoints.get(o.endpoint)
        pl = inp.playlists.get(o.playlist_id)
        r = runs.pop(o.key, None)
        made = created.get(o.schedule_id or 0)
        if r is None and made is not None and o.start_dt < made:
            continue  # the schedule did not exist yet at that time: nothing was expected
        if r is not None:
            status, reason = r.outcome, reason_text(r.reason, r.reason_data)
        elif o.status == "cancelled":
            status, reason = "cancelled", "; ".join(o.notes)
        elif o.status == "skipped":
            status, reason = ("skipped" if o.start_dt <= now else "planned"), "; ".join(pr.message for pr in o.problems)
        else:
            status = "planned" if o.end_dt > now else "no_record"
            reason = "; ".join(pr.message for pr in o.problems) or None
        rows.append(
            TimelineRow(
                o.endpoint,
                ep.name if ep else o.endpoint,
                o.start_dt,
                o.end_dt,
                pl.name if pl else str(o.playlist_id),
                o.tier,
                status,
                reason,
                r.id if r else None,
                o.schedule_id,
                o.key,
                r.actual_start if r else None,
                ep.tz if ep else "UTC",
            )
        )
    for r in [*runs.values(), *extra]:
        ep = inp.endpoints.get(r.endpoint_code)
        rows.append(
            TimelineRow(
                r.endpoint_code,
                ep.name if ep else r.endpoint_code,
                r.planned_start,
                r.planned_end or r.planned_start,
                r.title or "",
                r.priority,
                r.outcome,
                reason_text(r.reason, r.reason_data),
                r.id,
                r.schedule_id,
                r.occurrence_key,
                r.actual_start,
                ep.tz if ep else "UTC",
            )
        )
    rows.sort(key=lambda x: (x.start, x.endpoint))
    return rows


def outcome_counts(session: Session, start: datetime, end: datetime) -> dict[str, Any]:
    out: dict[str, int] = {}
    for (outcome,) in session.execute(select(AsRunRecord.outcome).where(AsRunRecord.planned_start >= start, AsRunRecord.planned_start < end)):
        out[outcome] = out.get(outcome, 0) + 1
    return out


def day_summary(session: Session, now: datetime, tz_name: str) -> dict[str, Any]:
    """The day at ``now`` in zone ``tz_name`` as the Today page shows it: ``rows`` (its
    :func:`day_timeline`), what is ``on_air``, the ``next`` planned airing on an enabled endpoint,
    the enabled endpoints ``offline`` (code, name, last error; only while an engine runs and the
    check is recent), whether the ``engine`` runs, and the endpoints' ``names``."""
    from . import lease
    from .engine_store import STATUS_STALE_S, effective_status
    from .models import Endpoint
    from .timeutil import local_day_bounds, zone

    tz = zone(tz_name)
    start, end = local_day_bounds(now.astimezone(tz).date(), tz)
    rows = day_timeline(session, start, end, now)
    info = lease.read(session, now)
    eps = list(session.scalars(select(Endpoint)))
    names = {e.code: e.name for e in eps}
    enabled = {e.code for e in eps if e.enabled}
    offline = [
        (e.code, e.name, e.last_error)
        for e in eps
        if e.enabled and effective_status(e.status, e.last_checked, now, engine_running=info.alive, stale_s=STATUS_STALE_S)[0] == "offline"
    ]
    on_air = [r for r in rows if r.status == "on_air"]
    nxt = next((r for r in rows if r.status == "planned" and r.start > now and r.endpoint in enabled), None)
    return {"rows": rows, "on_air": on_air, "next": nxt, "offline": offline, "engine": info.alive, "names": names}


# The as-run log as the window lists it: these columns, newest first (reason_data last, read into
# the reason's text by the functions below).
LOG_COLUMNS = (
    AsRunRecord.endpoint_code,
    AsRunRecord.title,
    AsRunRecord.planned_start,
    AsRunRecord.actual_start,
    AsRunRecord.offset_s,
    AsRunRecord.outcome,
    AsRunRecord.reason,
    AsRunRecord.priority,
    AsRunRecord.field,
    AsRunRecord.verified,
    AsRunRecord.verify_delay_ms,
    AsRunRecord.reason_data,
)


def _log_query(filters: dict[str, Any]) -> Any:
    q = runs_query(**filters)
    return q.order_by(None).order_by(AsRunRecord.planned_start.desc(), AsRunRecord.id.desc()).with_only_columns(*LOG_COLUMNS)


def _log_row(r: Any) -> tuple[Any, ...]:
    *cols, reason_data = tuple(r)
    cols[6] = reason_text(cols[6], reason_data)
    return tuple(cols)


def log_page(session: Session, filters: dict[str, Any], page: int, size: int) -> list[tuple[Any, ...]]:
    """Page ``page`` (of ``size`` rows) of the as-run records matching ``filters`` (those of
    :func:`runs_query`), newest first: the columns of LOG_COLUMNS but the last, the reason as text."""
    return [_log_row(r) for r in session.execute(_log_query(filters).limit(size).offset(page * size))]


def log_count(session: Session, filters: dict[str, Any]) -> int:
    """How many as-run records match ``filters``."""
    return int(session.scalar(runs_query(**filters).order_by(None).with_only_columns(func.count(AsRunRecord.id))) or 0)


def log_rows(session: Session, filters: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """Every matching record as :func:`log_page` gives them, streamed (for exports)."""
    for r in session.execute(_log_query(filters).execution_options(yield_per=2000)):
        yield _log_row(r)
