"""Schedules as people make them: add, list, remove, skip a day, move a day; quiet-hours guard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from . import audit, outbox
from .areas import AreaTree
from .errors import InputRefused, NotFound
from .i18n import _
from .library import check_priority
from .models import Area, Endpoint, Schedule, ScheduleException, ScheduleTarget
from .playlists import duration as playlist_duration
from .playlists import get_playlist, most_urgent
from .rules import Rule, make_rule
from .text import check_text
from .timeutil import QuietHours, format_time, parse_date, parse_time, parse_times

PREEMPT = ("resume", "restart", "drop")


def parse_collision_option(text: str | None) -> str:
    t = (text or "next").strip().lower()
    if t in ("cut", "next"):
        return t
    if t.startswith("wait:"):
        arg = t.split(":", 1)[1]
        try:
            n = float(arg)
        except ValueError:
            n = -1
        if n < 0 or n > 86400:
            raise InputRefused(_("--collision: wait:N needs N seconds from 0 to 86400, e.g. wait:120."))
        return f"wait:{int(n) if n == int(n) else n}"
    raise InputRefused(_("--collision: '{value}' is not a policy; use cut, next or wait:SECONDS.", value=text))


def get_schedule(session: Session, schedule_id: int) -> Schedule:
    s = session.get(Schedule, schedule_id)
    if s is None:
        raise NotFound(_("Schedule {id} does not exist (see: loaxa schedules list).", id=schedule_id))
    return s


def check_targets(session: Session, codes: list[str]) -> list[str]:
    clean = sorted({c.strip() for c in codes if c.strip()})
    if not clean:
        raise InputRefused(_("--target: give at least one endpoint or area code."))
    for c in clean:
        if session.get(Endpoint, c) is None and session.get(Area, c) is None:
            raise NotFound(_("Target '{code}' is neither an endpoint nor an area (see: loaxa endpoints list, loaxa areas list).", code=c))
    return clean


def target_quiet_hours(session: Session, codes: list[str]) -> list[tuple[str, QuietHours]]:
    """Every distinct quiet-hours window that applies somewhere beneath the targets."""
    tree = AreaTree.load(session)
    areas: set[str] = set()
    for c in codes:
        ep = session.get(Endpoint, c)
        if ep is not None:
            areas.add(ep.area_code)
        else:
            areas |= tree.descendants(c)
    out: dict[str, tuple[str, QuietHours]] = {}
    for a in sorted(areas):
        q = tree.quiet_hours(a)
        if q is not None and str(q) not in out:
            out[str(q)] = (a, q)
    return list(out.values())


def _airing_touches_quiet(q: QuietHours, start: time, length_s: float) -> bool:
    """Does an airing starting at wall time ``start`` and lasting ``length_s`` touch ``q``?"""
    if q.contains(start):
        return True
    base = datetime.combine(date(2000, 1, 1), start)
    end = base + timedelta(seconds=length_s)
    qs = datetime.combine(base.date(), q.start)
    if qs <= base:
        qs += timedelta(days=1)
    return qs < end


def check_quiet_hours(session: Session, rule: Rule, codes: list[str], length_s: float, repeat: int, gap_s: float) -> None:
    """Refuse (exit 3) a schedule any of whose airings would touch a target's quiet hours."""
    for area, q in target_quiet_hours(session, codes):
        for t in rule.times:
            for k in range(repeat):
                start = (datetime.combine(date(2000, 1, 1), t) + timedelta(seconds=k * (length_s + gap_s))).time()
                if _airing_touches_quiet(q, start, length_s):
                    raise InputRefused(
                        _(
                            "The airing at {time} (lasting {length} s) falls inside the quiet hours {hours} of area {area}. Choose another time, or add --override-quiet-hours REASON.",
                            time=format_time(start),
                            length=round(length_s),
                            hours=str(q),
                            area=area,
                        )
                    )


@dataclass
class ScheduleOptions:
    """A schedule as typed (on the CLI or in the editor), before checking."""

    playlist_id: int
    targets: list[str]
    times: str
    days: str | None = None
    once: str | None = None
    start: str | None = None
    until: str | None = None
    priority: int | str | None = None
    collision: str | None = None
    on_preempt: str | None = None
    repeat: int = 1
    repeat_gap_s: float = 0.0
    override_quiet_hours: str | None = None
    name: str | None = None
    slot: str | None = None  # the slot's length: MINUTES or MM:SS (None: no slot)


def parse_slot(text: str | None) -> float | None:
    """A slot length from ``15`` (minutes) or ``14:30`` (minutes:seconds); None for none."""
    if text is None or not str(text).strip() or str(text).strip().lower() in ("none", "-"):
        return None
    t = str(text).strip()
    minutes, sep, seconds = t.partition(":")
    try:
        value = float(minutes) * 60 + (float(seconds) if sep else 0.0)
    except ValueError:
        value = -1.0
    if not (minutes.replace(".", "", 1).isdigit() and (not sep or seconds.isdigit())) or not 10 <= value <= 86400:
        raise InputRefused(_("--slot: '{value}' is not a slot length; write minutes (15) or minutes:seconds (14:30), from 10 seconds to 24 hours.", value=t))
    return value


def fill_text(fill_s: float) -> str:
    """Over- or under-fill of a slot for people: "+2:00", "−5:00", "±0:00"."""
    sign = "+" if fill_s > 0.5 else "−" if fill_s < -0.5 else "±"
    whole = int(round(abs(fill_s)))
    return f"{sign}{whole // 60}:{whole % 60:02d}"


def programme_length(length_s: float, repeat: int, gap_s: float) -> float:
    """How long a schedule's airing lasts: its playlist ``repeat`` times with the gaps between."""
    return length_s * repeat + gap_s * max(repeat - 1, 0)


@dataclass
class CheckedSchedule:
    values: dict[str, Any]  # Schedule columns
    codes: list[str]
    rule: Rule
    tier: int
    length_s: float


def check_options(session: Session, o: ScheduleOptions, *, quiet_hours: bool = True) -> CheckedSchedule:
    """Check every option (exit 3 / 4 on the first wrong one); nothing is written."""
    tlist = parse_times(o.times)
    once_d = parse_date(o.once, field="--date") if o.once else None
    start_d = parse_date(o.start, field="--from") if o.start else None
    until_d = parse_date(o.until, field="--until") if o.until else None
    rule = make_rule(tlist, days=o.days, once=once_d, start=start_d, end=until_d)
    prio = check_priority(o.priority)
    policy = parse_collision_option(o.collision)
    preempt = (o.on_preempt or "resume").strip().lower()
    if preempt not in PREEMPT:
        raise InputRefused(_("--on-preempt: '{value}' is not a choice; use resume, restart or drop.", value=o.on_preempt))
    if not 1 <= o.repeat <= 10:
        raise InputRefused(_("--repeat: {value} is out of range; give 1 to 10.", value=o.repeat))
    if o.repeat_gap_s < 0 or o.repeat_gap_s > 86400:
        raise InputRefused(_("--repeat-gap: {value} must be 0 to 86400 seconds.", value=o.repeat_gap_s))
    if o.override_quiet_hours is not None and not o.override_quiet_hours.strip():
        raise InputRefused(_("--override-quiet-hours needs a reason."))
    pl = get_playlist(session, o.playlist_id)
    codes = check_targets(session, o.targets)
    tier = prio if prio is not None else most_urgent(pl)
    length = playlist_duration(pl)
    if quiet_hours and tier >= 2 and o.override_quiet_hours is None:
        check_quiet_hours(session, rule, codes, length, o.repeat, o.repeat_gap_s)
    name = (check_text(o.name, field="--name", max_len=200, allow_empty=True) or None) if o.name is not None else None
    values = {
        "name": name,
        "playlist_id": pl.id,
        "mode": rule.mode,
        "weekdays": rule.describe_days() if rule.mode == "weekly" else None,
        "monthly": rule.describe_days().split(":", 1)[1] if rule.mode in ("monthly", "lunar") else None,
        "once_date": rule.once_date,
        "start_date": start_d,
        "end_date": until_d,
        "times": [t.strftime("%H:%M:%S") for t in rule.times],
        "priority": prio,
        "collision": policy,
        "on_preempt": preempt,
        "repeat": o.repeat,
        "repeat_gap_s": float(o.repeat_gap_s),
        "quiet_override": o.override_quiet_hours.strip() if o.override_quiet_hours else None,
        "slot_s": parse_slot(o.slot),
    }
    return CheckedSchedule(values, codes, rule, tier, length)


def add_schedule(session: Session, *, actor: str | None = None, **options: Any) -> Schedule:
    """Create a schedule from options as typed; nothing is saved when any value is refused."""
    c = check_options(session, ScheduleOptions(**options))
    sched = Schedule(**c.values)
    sched.targets = [ScheduleTarget(code=code) for code in c.codes]
    session.add(sched)
    session.flush()
    audit.record(session, "schedule.add", "schedule", sched.id, actor=actor, targets=c.codes, times=sched.times)
    outbox.schedule_changed(session, sched.id)  # HTTTN: the bulletins it airs, in this transaction
    if sched.quiet_override:
        audit.record(session, "schedule.override_quiet_hours", "schedule", sched.id, actor=actor, reason=sched.quiet_override)
    return sched


def update_schedule(session: Session, schedule_id: int, *, actor: str | None = None, **options: Any) -> Schedule:
    """Change a schedule to the options given (checked like a new one); its one-off
    exceptions are kept, its as-run history stays with its id."""
    sched = get_schedule(session, schedule_id)
    c = check_options(session, ScheduleOptions(**options))
    for k, v in c.values.items():
        setattr(sched, k, v)
    sched.targets.clear()
    session.flush()
    sched.targets.extend(ScheduleTarget(code=code) for code in c.codes)
    audit.record(session, "schedule.edit", "schedule", schedule_id, actor=actor, targets=c.codes, times=sched.times)
    outbox.schedule_changed(session, sched.id)  # HTTTN: reschedule / announce / cancel
    if sched.quiet_override:
        audit.record(session, "schedule.override_quiet_hours", "schedule", sched.id, actor=actor, reason=sched.quiet_override)
    return sched


def options_of(s: Schedule) -> ScheduleOptions:
    """The options that would make ``s`` again (for the editor)."""
    days = {"once": None, "daily": "daily", "weekly": s.weekdays, "monthly": f"monthly:{s.monthly}", "lunar": f"lunar:{s.monthly}"}[s.mode]
    return ScheduleOptions(
        playlist_id=s.playlist_id,
        targets=[t.code for t in s.targets],
        times=",".join(format_time(parse_time(t)) for t in s.times),
        days=days,
        once=s.once_date.isoformat() if s.once_date else None,
        start=s.start_date.isoformat() if s.start_date else None,
        until=s.end_date.isoformat() if s.end_date else None,
        priority=s.priority,
        collision=s.collision,
        on_preempt=s.on_preempt,
        repeat=s.repeat,
        repeat_gap_s=s.repeat_gap_s,
        override_quiet_hours=s.quiet_override,
        name=s.name,
        slot=fill_text(s.slot_s)[1:] if s.slot_s else None,
    )


def remove_schedule(session: Session, schedule_id: int, actor: str | None = None) -> None:
    s = get_schedule(session, schedule_id)
    outbox.schedule_removed(session, schedule_id)  # HTTTN: cancel what it announced
    session.delete(s)
    audit.record(session, "schedule.remove", "schedule", schedule_id, actor=actor)


def set_enabled(session: Session, schedule_id: int, enabled: bool, actor: str | None = None) -> Schedule:
    s = get_schedule(session, schedule_id)
    s.enabled = enabled
    audit.record(session, "schedule.enable" if enabled else "schedule.disable", "schedule", schedule_id, actor=actor)
    outbox.schedule_changed(session, schedule_id)  # HTTTN: disabled cancels, enabled announces
    return s


def _set_exception(session: Session, schedule_id: int, on: date, action: str, to_time: str | None) -> ScheduleException:
    s = get_schedule(session, schedule_id)
    ex = session.scalars(select(ScheduleException).where(ScheduleException.schedule_id == s.id, ScheduleException.on_date == on)).first()
    if ex is None:
        ex = ScheduleException(schedule_id=s.id, on_date=on, action=action, to_time=to_time)
        session.add(ex)
    else:
        ex.action, ex.to_time = action, to_time
    return ex


def skip_day(session: Session, schedule_id: int, on: str, actor: str | None = None) -> ScheduleException:
    d = parse_date(on, field="--date")
    ex = _set_exception(session, schedule_id, d, "skip", None)
    audit.record(session, "schedule.skip", "schedule", schedule_id, actor=actor, date=d.isoformat())
    return ex


def move_day(session: Session, schedule_id: int, on: str, to: str, *, override_quiet_hours: str | None = None, actor: str | None = None) -> ScheduleException:
    """On local date ``on`` air at the time(s) ``to`` instead of the rule's times."""
    d = parse_date(on, field="--date")
    tlist = parse_times(to, field="--to")
    s = get_schedule(session, schedule_id)
    tier = s.priority if s.priority is not None else most_urgent(s.playlist)
    if tier >= 2 and not (override_quiet_hours or s.quiet_override):
        check_quiet_hours(
            session, Rule("once", tuple(tlist), once_date=d), [t.code for t in s.targets], playlist_duration(s.playlist), s.repeat, s.repeat_gap_s
        )
    ex = _set_exception(session, schedule_id, d, "move", ",".join(t.strftime("%H:%M:%S") for t in tlist))
    audit.record(session, "schedule.move", "schedule", schedule_id, actor=actor, date=d.isoformat(), to=ex.to_time, override=override_quiet_hours)
    return ex


def list_schedules(session: Session) -> list[Schedule]:
    q = select(Schedule).options(selectinload(Schedule.targets), selectinload(Schedule.exceptions), selectinload(Schedule.playlist)).order_by(Schedule.id)
    return list(session.scalars(q))


def schedule_dict(s: Schedule) -> dict[str, Any]:
    days = {"once": None, "daily": "daily", "weekly": s.weekdays, "monthly": f"monthly:{s.monthly}", "lunar": f"lunar:{s.monthly}"}[s.mode]
    return {
        "id": s.id,
        "name": s.name,
        "playlist_id": s.playlist_id,
        "playlist_name": s.playlist.name if s.playlist is not None else None,
        "effective_priority": s.priority if s.priority is not None else (most_urgent(s.playlist) if s.playlist is not None else 3),
        "targets": [t.code for t in s.targets],
        "mode": s.mode,
        "days": days,
        "date": s.once_date.isoformat() if s.once_date else None,
        "from": s.start_date.isoformat() if s.start_date else None,
        "until": s.end_date.isoformat() if s.end_date else None,
        "times": [format_time(parse_time(t)) for t in s.times],
        "priority": s.priority,
        "collision": s.collision,
        "on_preempt": s.on_preempt,
        "repeat": s.repeat,
        "repeat_gap_s": s.repeat_gap_s,
        "quiet_override": s.quiet_override,
        "slot_s": s.slot_s,
        "length_s": round(programme_length(playlist_duration(s.playlist), s.repeat, s.repeat_gap_s), 3) if s.playlist is not None else None,
        "fill_s": round(programme_length(playlist_duration(s.playlist), s.repeat, s.repeat_gap_s) - s.slot_s, 3)
        if s.playlist is not None and s.slot_s
        else None,
        "enabled": s.enabled,
        "exceptions": [{"date": e.on_date.isoformat(), "action": e.action, "to": e.to_time} for e in sorted(s.exceptions, key=lambda e: e.on_date)],
    }
