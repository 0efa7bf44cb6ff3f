"""As-run records: what aired where, planned vs actual, and why when they differ."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from . import i18n, outbox, reporting_tally
from .i18n import _
from .models import ON_AIR, AsRunRecord, Endpoint
from .timeutil import iso_local, zone


def outcome_label(outcome: str) -> str:
    """An outcome code in words, for people (JSON keeps the code)."""
    return {
        "on_air": _("on air"),
        "completed": _("aired"),
        "partial": _("partly aired"),
        "preempted": _("interrupted by a more urgent airing"),
        "stopped": _("stopped"),
        "interrupted": _("cut off (engine stopped)"),
        "skipped": _("not aired"),
        "missed": _("missed"),
        "failed": _("failed"),
    }.get(outcome, outcome)


def reason_columns(reason: str | None) -> dict[str, Any]:
    """A reason as the record stores it: its text in the engine's language and, when it was built
    from messages, their ids and values, so that the log reads in the reader's language."""
    if not reason:
        return {"reason": None, "reason_data": None}
    data = i18n.encode(reason)
    return {"reason": str(reason), "reason_data": data if isinstance(data, dict) else None}


def reason_text(reason: str | None, data: Any) -> str | None:
    """A record's reason in the current language (as written, for records without message ids)."""
    return i18n.render(data) if data else reason


def open_record(session: Session, **values: Any) -> AsRunRecord:
    rec = AsRunRecord(outcome=ON_AIR, **values)
    session.add(rec)
    session.flush()
    return rec


def close_record(session: Session, run_id: int, outcome: str, reason: str | None, ended: datetime, **values: Any) -> None:
    close_records(session, [{"id": run_id, "outcome": outcome, **reason_columns(reason), "ended": ended, **values}])


def close_records(session: Session, rows: list[dict[str, Any]]) -> None:
    """Close several records at once; each row holds its ``id`` and the columns to set (as
    :func:`close_record` sets them: outcome, reason columns, ended, and any more)."""
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        by_columns.setdefault(tuple(sorted(row)), []).append(row)
    for group in by_columns.values():
        session.execute(update(AsRunRecord), group)  # an UPDATE by primary key, executemany
    ids = [int(row["id"]) for row in rows]
    reporting_tally.settle(session, ids)  # what each counts for in the reports
    outbox.airings_closed(session, ids)  # HTTTN: in this transaction


def update_record(session: Session, run_id: int, **values: Any) -> None:
    session.execute(update(AsRunRecord).where(AsRunRecord.id == run_id).values(**values))


def mark_interrupted(session: Session, reason: str, ended: datetime) -> list[int]:
    """Close records left on air by an engine that died (called by the next engine at start)."""
    ids = list(session.scalars(select(AsRunRecord.id).where(AsRunRecord.outcome == ON_AIR)))
    if ids:
        session.execute(update(AsRunRecord).where(AsRunRecord.id.in_(ids)).values(outcome="interrupted", **reason_columns(reason), ended=ended))
        reporting_tally.settle(session, ids)
        outbox.airings_closed(session, ids)  # HTTTN: their broadcast logs too
    return ids


def runs_query(
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    endpoint: str | None = None,
    outcome: str | None = None,
    field: int | None = None,
    priority: int | None = None,
    schedule_id: int | None = None,
) -> Select[AsRunRecord]:
    q = select(AsRunRecord)
    if start is not None:
        q = q.where(AsRunRecord.planned_start >= start)
    if end is not None:
        q = q.where(AsRunRecord.planned_start < end)
    if endpoint:
        q = q.where(AsRunRecord.endpoint_code == endpoint)
    if outcome:
        q = q.where(AsRunRecord.outcome == outcome)
    if field:
        q = q.where(AsRunRecord.field == field)
    if priority:
        q = q.where(AsRunRecord.priority == priority)
    if schedule_id is not None:
        q = q.where(AsRunRecord.schedule_id == schedule_id)
    return q.order_by(AsRunRecord.planned_start, AsRunRecord.id)


def endpoint_zones(session: Session) -> dict[str, Any]:
    """The zone of each endpoint (for showing instants in the area's local time)."""
    from .areas import AreaTree

    tree = AreaTree.load(session)
    return {code: zone(tree.tz_name(area)) for code, area in session.execute(select(Endpoint.code, Endpoint.area_code))}


def position_text(seconds: float) -> str:
    """A position inside a programme for people: 0:06.4, 12:30.0."""
    minutes, rest = divmod(max(seconds, 0.0), 60)
    return f"{int(minutes)}:{rest:04.1f}"


def start_text(delay_ms: float | None, offset_s: float | None) -> str:
    """How an airing started, for people: its lateness, or where a resumed one took up again."""
    if offset_s:
        return _("resumed at {position}", position=position_text(offset_s))
    if delay_ms is None:
        return "-"
    return f"{delay_ms:+.0f} ms"


def run_dict(r: AsRunRecord, tz: Any) -> dict[str, Any]:
    delay_ms = None
    if r.actual_start is not None and not r.offset_s:
        # a resumed airing begins inside the programme: its offset is a position, not lateness
        delay_ms = round((r.actual_start - r.planned_start).total_seconds() * 1000, 1)
    return {
        "id": r.id,
        "endpoint": r.endpoint_code,
        "schedule_id": r.schedule_id,
        "command_id": r.command_id,
        "playlist_id": r.playlist_id,
        "items": r.items,
        "title": r.title,
        "priority": r.priority,
        "planned_start": iso_local(r.planned_start, tz),
        "planned_end": iso_local(r.planned_end, tz),
        "actual_start": iso_local(r.actual_start, tz),
        "start_delay_ms": delay_ms,
        "ended": iso_local(r.ended, tz),
        "outcome": r.outcome,
        "reason": reason_text(r.reason, r.reason_data),
        "offset_s": r.offset_s,
        "resume_offset_s": r.offset_s or None,
        "resumes_run": r.resumes_run,
        "gap_s": r.gap_s,
        "bytes_sent": r.bytes_sent,
        "frames_sent": r.frames_sent,
        "verified": r.verified,
        "verify_delay_ms": r.verify_delay_ms,
        "listeners": r.listeners,
        "actor": r.actor,
        "pc": r.pc,
    }
