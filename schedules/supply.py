"""The content a commune expects, and the warnings when it has not come.

An operator declares an expected supply: a name, a source (matched, accents and case aside, in
the ``source`` of items that arrive and in the issuer of imported bundles), a weekday (or every
day) and a time by which it should be here ("the district's weekly bundle by Tuesday 14:00").
After that time, if nothing from that source arrived since the previous due time, the supply is
late. Separately, a schedule that has aired the same items for more than ``supply.same_item_days``
days (a daily slot nobody refreshed) is flagged. Today's page and ``loaxa check`` show both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from . import settings as settings_mod
from .clock import utcnow
from .errors import InputRefused, NotFound
from .i18n import _
from .models import AsRunRecord, Bundle, Item, Schedule, SupplyExpectation
from .rules import WEEKDAYS, parse_weekday
from .text import fold
from .timeutil import format_time, parse_time

AIRED = ("completed", "partial")


@dataclass(frozen=True)
class SupplyWarning:
    kind: str  # late_supply | same_items
    message: str
    ref: int  # the expectation's or the schedule's id

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "id": self.ref}


def add_expectation(session: Session, *, name: str, source: str, weekday: str | None, by: str) -> SupplyExpectation:
    """Declare an expected supply (weekday: mon..sun or t2..cn; None or "daily" = every day)."""
    if not (name or "").strip():
        raise InputRefused(_("The expected supply needs a name."))
    if not (source or "").strip():
        raise InputRefused(_("--source: give the source as it appears on the items or bundles (e.g. the district's name or code)."))
    wd = None if weekday is None or fold(weekday) in ("daily", "hang ngay", "moi ngay") else parse_weekday(weekday, field="--weekday")
    t = parse_time(by, field="--by")
    e = SupplyExpectation(name=name.strip(), source=source.strip(), weekday=wd, by_time=format_time(t))
    session.add(e)
    session.flush()
    audit.record(session, "supply.add", "supply", e.id, name=e.name, source=e.source, weekday=wd, by=e.by_time)
    return e


def remove_expectation(session: Session, expectation_id: int) -> None:
    e = session.get(SupplyExpectation, expectation_id)
    if e is None:
        raise NotFound(_("Expected supply {id} does not exist (see: loaxa supply list).", id=expectation_id))
    session.delete(e)
    audit.record(session, "supply.remove", "supply", expectation_id)


def expectation_dict(e: SupplyExpectation) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "source": e.source, "weekday": None if e.weekday is None else WEEKDAYS[e.weekday], "by": e.by_time}


def last_due(e: SupplyExpectation, now: datetime, tz: tzinfo) -> datetime:
    """The latest instant at or before ``now`` by which the supply was due."""
    local = now.astimezone(tz)
    by = parse_time(e.by_time)
    for back in range(8):
        day = local.date() - timedelta(days=back)
        if e.weekday is None or day.weekday() == e.weekday:
            due = datetime.combine(day, by, tz)
            if due <= local:
                return due
    raise AssertionError("a weekday comes back within 8 days")


def _arrived(session: Session, source: str, since: datetime) -> bool:
    want = fold(source)
    for item_source in session.scalars(select(Item.source).where(Item.created_at > since.astimezone(UTC))):
        if item_source and want in fold(item_source):
            return True
    for code, name in session.execute(select(Bundle.issuer_code, Bundle.issuer_name).where(Bundle.imported_at > since.astimezone(UTC))):
        if want in fold(code) or (name and want in fold(name)):
            return True
    return False


def late_supplies(session: Session, now: datetime, tz: tzinfo) -> list[SupplyWarning]:
    """Expected supplies whose due time has passed with nothing from their source since the
    previous due time."""
    out = []
    for e in session.scalars(select(SupplyExpectation).order_by(SupplyExpectation.id)):
        due = last_due(e, now, tz)
        period = timedelta(days=1 if e.weekday is None else 7)
        if _arrived(session, e.source, due - period):
            continue
        hours = int((now - due).total_seconds() // 3600)
        out.append(
            SupplyWarning(
                "late_supply",
                _(
                    "{name} from {source} was expected by {when} and has not come ({hours} h late).",
                    name=e.name,
                    source=e.source,
                    when=f"{due:%d/%m %H:%M}",
                    hours=hours,
                ),
                e.id,
            )
        )
    return out


def same_items(session: Session, now: datetime, tz: tzinfo, days: int | None = None) -> list[SupplyWarning]:
    """Schedules whose airings have carried the same items for more than ``days`` days."""
    if days is None:
        days = int(settings_mod.get(session, "supply.same_item_days"))
    since = now - timedelta(days=days * 2 + 14)
    rows = session.execute(
        select(AsRunRecord.schedule_id, AsRunRecord.items, AsRunRecord.planned_start)
        .where(AsRunRecord.schedule_id.is_not(None), AsRunRecord.outcome.in_(AIRED), AsRunRecord.planned_start >= since.astimezone(UTC))
        .order_by(AsRunRecord.schedule_id, AsRunRecord.planned_start.desc())
    ).all()
    by_schedule: dict[int, list[tuple[Any, datetime]]] = {}
    for sid, items, planned in rows:
        by_schedule.setdefault(int(sid), []).append((items, planned))
    names = {s.id: s.name for s in session.scalars(select(Schedule).where(Schedule.id.in_(by_schedule)))}
    out = []
    for sid, airings in sorted(by_schedule.items()):
        newest_items, newest = airings[0]
        oldest = newest
        for items, planned in airings[1:]:
            if items != newest_items:
                break
            oldest = planned
        span = (newest.astimezone(tz).date() - oldest.astimezone(tz).date()).days
        if span > days:
            label = names.get(sid) or f"#{sid}"
            out.append(
                SupplyWarning("same_items", _("Schedule {name} has aired the same items for {n} days; is there nothing newer?", name=label, n=span), sid)
            )
    return out


def warnings(session: Session, now: datetime | None = None, tz: tzinfo | None = None) -> list[SupplyWarning]:
    """Both kinds of warning, for Today's page and ``loaxa check``."""
    from .timeutil import DEFAULT_TZ, zone

    now = now or utcnow()
    tz = tz or zone(DEFAULT_TZ)
    return late_supplies(session, now, tz) + same_items(session, now, tz)
