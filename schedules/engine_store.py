"""What the engine reads and writes, as plain functions over a session: as-run rows, endpoint
status, proof of delivery, the endpoints it feeds, its commands and its settings.

The engine calls these on its single database thread. Status and verification use plain
UPDATE statements, so they do not count as changes to what the planner reads (no replan for
every "endpoint seen").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from . import asrun, availability, commands, reporting_tally
from .endpoints import full_url
from .models import ON_AIR, AsRunRecord, Endpoint, Setting


@dataclass(frozen=True)
class EndpointRow:
    """An endpoint as the engine feeds it (``url`` carries the password: never log it)."""

    code: str
    url: str
    name: str
    format: str
    enabled: bool
    preroll_s: float | None
    latency_ms: float | None
    latency_manual: bool
    admin: tuple[str, str] | None
    listen_url: str | None = None  # where receivers listen when that is not the source's server (a relay)


def endpoint_row(ep: Endpoint) -> EndpointRow:
    latency = ep.latency_ms_manual if ep.latency_ms_manual is not None else ep.latency_ms_measured
    admin = (ep.admin_user, ep.admin_password) if ep.admin_user and ep.admin_password else None
    return EndpointRow(ep.code, full_url(ep), ep.name, ep.format, ep.enabled, ep.preroll_s, latency, ep.latency_ms_manual is not None, admin, ep.listen_url)


def endpoint_rows(session: Session) -> dict[str, EndpointRow]:
    return {e.code: endpoint_row(e) for e in session.scalars(select(Endpoint))}


def recorded_keys(session: Session, since: datetime) -> set[str]:
    """Occurrence keys that already have an as-run row (planned from ``since`` on)."""
    return set(session.scalars(select(AsRunRecord.occurrence_key).where(AsRunRecord.planned_start >= since)))


def add_records(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert as-run rows (the ids in the same order): one bulk INSERT per set of columns, not
    the ORM's unit of work, which took the database thread twice as long (~140 ms for 1,800
    airings that started together) while holding the GIL the event loop needs."""
    pc = session.info.get("pc")  # what sites._stamp sets on ORM objects (a bulk INSERT has none)
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, values in enumerate(rows):
        groups.setdefault(tuple(sorted(values)), []).append(i)
    ids: list[int] = [0] * len(rows)
    for _cols, idx in groups.items():
        params = [{"pc": pc, **rows[i]} if pc else rows[i] for i in idx]
        got = session.scalars(insert(AsRunRecord).returning(AsRunRecord.id, sort_by_parameter_order=True), params).all()
        for i, rid in zip(idx, got, strict=True):
            ids[i] = rid
    closed = [ids[i] for i, values in enumerate(rows) if values.get("outcome", ON_AIR) != ON_AIR]  # missed, skipped, failed: written whole
    if closed:
        reporting_tally.settle(session, closed)  # what each counts for in the reports
    return ids


def close_records(session: Session, rows: list[tuple[int, str, str | None, datetime, dict[str, Any]]]) -> None:
    """Close many airings' records: one executemany per set of columns (2,000 airings ending at the
    same second cost one statement, not 2,000), then their HTTTN broadcast logs."""
    asrun.close_records(
        session,
        [{"id": run_id, "outcome": outcome, **asrun.reason_columns(reason), "ended": ended, **values} for run_id, outcome, reason, ended, values in rows],
    )


def touch_statuses(session: Session, codes: list[str], online: bool, now: datetime, error: str | None) -> None:
    """Endpoints checked again with no change: one statement for all of them."""
    values: dict[str, Any] = {"last_checked": now}
    if online:
        values["last_seen"] = now
    for i in range(0, len(codes), 500):
        session.execute(update(Endpoint).where(Endpoint.code.in_(codes[i : i + 500])).values(**values))


def set_statuses(session: Session, rows: list[tuple[str, bool, datetime, str | None]]) -> None:
    """Endpoints found online or offline (a batch of the engine's writer, within ~50 ms; an
    endpoint's last state wins): one UPDATE per state and error, their availability intervals
    in bulk."""
    last = {code: (online, now, error) for code, online, now, error in rows}
    groups: dict[tuple[bool, str | None], list[str]] = {}
    for code, (online, _now, error) in last.items():
        groups.setdefault((online, error), []).append(code)
    for (online, error), codes in groups.items():
        now = max(last[c][1] for c in codes)
        values: dict[str, Any] = {"status": "online" if online else "offline", "last_checked": now}
        if online:
            values.update(last_seen=now, last_error=None)
        else:
            values["last_error"] = error
        for i in range(0, len(codes), 500):
            session.execute(update(Endpoint).where(Endpoint.code.in_(codes[i : i + 500])).values(**values))
    availability.note_endpoint_statuses(session, rows)  # the reports' availability intervals


def mark_interrupted(session: Session, reason: str, now: datetime) -> list[tuple[int, str, datetime | None]]:
    """Close the rows a dead engine left on air; returns (id, occurrence key, planned end)."""
    rows = [(r.id, r.occurrence_key, r.planned_end) for r in session.scalars(select(AsRunRecord).where(AsRunRecord.outcome == "on_air"))]
    asrun.mark_interrupted(session, reason, now)
    return rows


def set_verification(session: Session, run_id: int, code: str, ok: bool, delay_ms: float | None, listeners: int | None, latency_ms: float | None) -> None:
    values: dict[str, Any] = {"verified": ok, "verify_delay_ms": delay_ms}
    if listeners is not None:
        values["listeners"] = listeners
    asrun.update_record(session, run_id, **values)
    ep_values: dict[str, Any] = {}
    if latency_ms is not None:
        ep_values["latency_ms_measured"] = round(latency_ms, 1)
    if listeners is not None:
        ep_values["listeners"] = listeners
    if ep_values:
        session.execute(update(Endpoint).where(Endpoint.code == code).values(**ep_values))


def take_commands(session: Session, now: datetime) -> list[tuple[int, str, dict[str, Any]]]:
    return [(c.id, c.kind, dict(c.payload)) for c in commands.take_pending(session, now)]


def finish_command(session: Session, cmd_id: int, state: str, result: dict[str, Any]) -> None:
    commands.finish(session, cmd_id, state, result)


def stored_settings(session: Session, keys: list[str]) -> dict[str, Any]:
    """The values stored for these settings (a key with no stored value is absent)."""
    return {row.key: row.value for row in session.scalars(select(Setting).where(Setting.key.in_(keys)))}


def effective_status(status: str, last_checked: datetime | None, now: datetime, *, engine_running: bool, stale_s: float) -> tuple[str, float | None]:
    """What an endpoint's status means now: ``unknown`` when no engine is running or the last
    check is older than ``stale_s`` (never a stale green). Returns (status, age of the last
    check in seconds)."""
    age = (now - last_checked).total_seconds() if last_checked is not None else None
    if not engine_running or age is None or age > stale_s:
        return "unknown", age
    return status, age


STATUS_STALE_S = 180.0  # the engine checks every 60 s: three checks missed read "unknown"


@dataclass(frozen=True)
class EngineState:
    state: str  # running | not_answering | not_running
    heartbeat_age_s: float | None


def engine_state(info: Any, now: datetime) -> EngineState:
    """Tell "running" from "running but not answering" (its heartbeats are late while its
    process still exists on this PC, or the lease has not yet expired) from "not running"."""
    import os
    import socket

    if not info.holder or info.heartbeat_at is None:
        return EngineState("not_running", None)
    age = (now - info.heartbeat_at).total_seconds()
    every = float((info.info or {}).get("heartbeat_s") or 3.0)
    if info.alive and age <= 2.5 * every + 1.0:
        return EngineState("running", age)
    if info.alive:
        return EngineState("not_answering", age)
    if info.host == socket.gethostname() and info.pid and _process_exists(int(info.pid)) and info.pid != os.getpid():
        return EngineState("not_answering", age)
    return EngineState("not_running", age)


def _process_exists(pid: int) -> bool:
    import os
    import sys

    if sys.platform == "win32":
        return False  # os.kill would end the process there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


STANDBY_KEY = "standby_seen"  # meta: when a standby engine last looked at the lease (epoch seconds)


def note_standby(session: Session, holder: str, now: datetime) -> None:
    """A standby engine is waiting (shown by ``loaxa status``); a plain meta counter, no replan."""
    from sqlalchemy import insert

    from .models import Meta

    value = int(now.timestamp())
    if session.execute(update(Meta).where(Meta.key == STANDBY_KEY).values(value=value)).rowcount == 0:  # type: ignore[attr-defined]
        session.execute(insert(Meta).values(key=STANDBY_KEY, value=value))


def standby_age_s(session: Session, now: datetime) -> float | None:
    """Seconds since a standby engine last looked at the lease (None: never)."""
    from .models import Meta

    row = session.get(Meta, STANDBY_KEY)
    return now.timestamp() - row.value if row is not None else None


def engine_pcs(session: Session, now: datetime, recent_s: float = 5.0) -> tuple[str | None, str | None]:
    """Who is on air, by PC: the active engine's PC, and the standby's PC while one waits
    (it looked at the lease in the last ``recent_s`` seconds)."""
    from . import sites

    pc, standby_pc = sites.lease_pcs(session)
    age = standby_age_s(session, now)
    return pc, (standby_pc or "?") if age is not None and age < recent_s else None


def get_endpoint_row(session: Session, code: str) -> EndpointRow:
    """One endpoint as the engine feeds it; DeliveryError when it no longer exists."""
    from .errors import DeliveryError
    from .i18n import _

    ep = session.get(Endpoint, code)
    if ep is None:
        raise DeliveryError(_("Endpoint '{code}' does not exist.", code=code))
    return endpoint_row(ep)


STATS_MIN_ROWS = 10_000


def refresh_statistics(session: Session) -> bool:
    """SQLite: give the query planner the as-run table's statistics when it has none and is
    large, or has doubled since they were taken (the reports' covering index is chosen only with
    them; without, a month's report reads twice as much). PostgreSQL's autovacuum does this by
    itself. Returns whether it analysed."""
    if session.get_bind().dialect.name != "sqlite":
        return False
    n = int(session.scalar(select(func.count()).select_from(AsRunRecord)) or 0)
    if n < STATS_MIN_ROWS:
        return False
    stat = None
    if session.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")).first() is not None:
        stat = session.execute(text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'as_run' LIMIT 1")).scalar()
    known = int(str(stat).split()[0]) if stat else 0
    if known and n < 2 * known:
        return False
    session.execute(text("ANALYZE as_run"))
    return True
