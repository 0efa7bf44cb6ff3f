"""What each as-run record counts for in the reports, worked out once when the record closes.

The reports sum airings by cell (endpoint, field, priority, ...). Working out per row whether a
row is the rest of an airing (a follow-up) and whether it started on time costs more than the sums
themselves (a string test on the key, two julianday calls), so the record keeps the answer in
``as_run.tally`` (migration 0011), written by :func:`settle` in the transaction that closes it:

== ======================================================================
0  the rest of an airing (after a preemption, a crash or a planner cut): airtime only
1  aired (completed, partial, or preempted/cut off after content was sent), on time
2  aired, not on time
3  missed (including preempted or cut off before any content)
4  failed
5  stopped
6  skipped
== ======================================================================

A record without a tally (still on air, written closed by something that does not settle it, or
a database from before 0011 not yet upgraded) is worked out by the same expression when the
report reads it (:func:`tally_expr`), so the figures never depend on whether it was settled.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Float, Interval, and_, case, cast, func, literal, or_, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from .models import AsRunRecord

TALLIES = FOLLOW_UP, ON_TIME, LATE, MISSED, FAILED, STOPPED, SKIPPED = tuple(range(7))
AIRED_TALLIES = (ON_TIME, LATE)
BUCKET_OF = {MISSED: "missed", FAILED: "failed", STOPPED: "stopped", SKIPPED: "skipped"}
ON_TIME_S = 1.0


def follow_up(r: Any = AsRunRecord) -> ColumnElement[bool]:
    """The rest of an airing: after a preemption or a crash (resumes_run, ":r"/":c") or a later
    segment the planner cut (":pN"); such rows start into the programme (offset), so the key is
    only looked at for those."""
    return case(
        (r.resumes_run.is_not(None), True),
        (r.offset_s > 0, or_(r.occurrence_key.like("%:r"), r.occurrence_key.like("%:c"), r.occurrence_key.like("%:p%"))),
        else_=False,
    )


def on_time(dialect: str, r: Any = AsRunRecord) -> ColumnElement[bool]:
    """The airing's content started within ON_TIME_S of its planned point (start + offset)."""
    if dialect == "sqlite":
        delay = (func.julianday(r.actual_start) - func.julianday(r.planned_start)) * 86400.0 - r.offset_s
        return and_(r.actual_start.is_not(None), delay <= ON_TIME_S, delay >= -ON_TIME_S)
    delay = cast(func.extract("epoch", r.actual_start - r.planned_start), Float) - r.offset_s
    within = and_(delay <= ON_TIME_S, delay >= -ON_TIME_S)
    # PostgreSQL: compare instants when there is no offset (nearly always): no epoch per row
    slack = literal(timedelta(seconds=ON_TIME_S), Interval)
    plain = r.actual_start.between(r.planned_start - slack, r.planned_start + slack)
    return and_(r.actual_start.is_not(None), case((r.offset_s == 0, plain), else_=within))


def aired(r: Any = AsRunRecord) -> ColumnElement[bool]:
    """Completed, partial or on air, or preempted / cut off after content was sent."""
    return or_(r.outcome.in_(("completed", "partial", "on_air")), and_(r.outcome.in_(("preempted", "interrupted")), r.bytes_sent > 0))


@lru_cache(maxsize=8)
def tally_expr(dialect: str, r: Any = AsRunRecord) -> ColumnElement[int]:
    """The tally of a row from its columns (see the module's table)."""
    return case(
        (follow_up(r), FOLLOW_UP),
        (aired(r), case((on_time(dialect, r), ON_TIME), else_=LATE)),
        (r.outcome == "failed", FAILED),
        (r.outcome == "stopped", STOPPED),
        (r.outcome == "skipped", SKIPPED),
        else_=MISSED,
    )


def settle(session: Session, ids: Iterable[int]) -> None:
    """Write the tally of these closed records (in the transaction that closed them)."""
    todo = sorted(set(ids))
    if not todo:
        return
    expr = tally_expr(session.get_bind().dialect.name)
    for i in range(0, len(todo), 500):
        session.execute(
            update(AsRunRecord).where(AsRunRecord.id.in_(todo[i : i + 500])).values(tally=expr),
            execution_options={"synchronize_session": False},
        )


def settle_all(session: Session) -> int:
    """Write the tally of every closed record that has none (records written closed in bulk, as
    a data set for the benchmark is); returns how many."""
    expr = tally_expr(session.get_bind().dialect.name)
    res = session.execute(
        update(AsRunRecord).where(AsRunRecord.tally.is_(None), AsRunRecord.outcome != "on_air").values(tally=expr),
        execution_options={"synchronize_session": False},
    )
    return int(getattr(res, "rowcount", 0) or 0)
