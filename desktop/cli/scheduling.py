"""``loaxa schedules``, ``loaxa holidays`` and ``loaxa plan``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from schedules import holidays as hol
from schedules import scheduling as sch
from schedules.errors import InputRefused
from schedules.i18n import _
from schedules.planner import load_input, plan
from schedules.timeutil import day_text, moment_text, parse_date

from .common import Context, emit, old_positional, renamed, table


def register(b: Any, root: Any) -> None:
    sc = b.group(root, "schedules", _("broadcast schedules"))
    p = b.leaf(sc, "add", _("add a schedule"), cmd_schedules_add)
    p.add_argument("--playlist", type=int, required=True, metavar="ID")
    p.add_argument("--target", required=True, metavar="CODE[,CODE...]", help=_("endpoints or areas (an area means every endpoint beneath it)"))
    p.add_argument("--times", required=True, metavar="HH:MM[:SS][,...]")
    p.add_argument(
        "--days",
        help=_("daily | mon,tue,... | monthly:15 | monthly:first-mon | monthly:last-fri | lunar:1,15 (mùng 1 and rằm) | lunar:10/3 (yearly, lunar date)"),
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("air once, on this date"))
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD")
    p.add_argument("--priority", help=_("1 emergency, 2 priority, 3 normal (default: the playlist's most urgent item)"))
    p.add_argument("--collision", default="next", help=_("cut | next | wait:SECONDS (default next)"))
    p.add_argument("--on-preempt", default="resume", help=_("resume | restart | drop (default resume)"))
    p.add_argument("--repeat", type=int, default=1, help=_("air the playlist N times (1-10)"))
    p.add_argument("--repeat-gap", type=float, default=0.0, metavar=_("SECONDS"))
    p.add_argument("--override-quiet-hours", metavar=_("REASON"))
    p.add_argument("--name")
    p.add_argument(
        "--slot", metavar=_("MINUTES"), help=_("the slot's length (15 or 14:30): the plan and the week view show how much the programme runs over or under it")
    )
    b.leaf(sc, "list", _("list schedules"), cmd_schedules_list)
    p = b.leaf(sc, "remove", _("remove a schedule"), cmd_schedules_remove)
    p.add_argument("id", type=int)
    p = b.leaf(sc, "skip", _("do not air a schedule on one date"), cmd_schedules_skip)
    p.add_argument("id", type=int)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p = b.leaf(sc, "move", _("air a schedule at another time on one date"), cmd_schedules_move)
    p.add_argument("id", type=int)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", required=True, metavar="HH:MM[:SS][,...]")
    p.add_argument("--override-quiet-hours", metavar=_("REASON"))
    for name, enabled in (("enable", True), ("disable", False)):
        p = b.leaf(sc, name, _("enable a schedule") if enabled else _("disable a schedule"), cmd_schedules_enable if enabled else cmd_schedules_disable)
        p.add_argument("id", type=int)

    hd = b.group(root, "holidays", _("holidays and what they mean for broadcasting"))
    p = b.leaf(hd, "list", _("list the holidays of a year"), cmd_holidays_list)
    p.add_argument("--year", type=int)
    p = b.leaf(hd, "add", _("add a day off decided this year"), cmd_holidays_add)
    p.add_argument("date", metavar="YYYY-MM-DD")
    p.add_argument("--name", metavar=_("NAME"), help=_("the day's name (default: a name from the date)"))
    old_positional(p, "old_name")  # `holidays add DATE NAME`, the old spelling
    p.add_argument("--instead-of", metavar="YYYY-MM-DD", help=_("the working day this day off is swapped with (a government decision)"))
    p = b.leaf(hd, "rule", _("set what a holiday means: no-broadcast, priority-only, playlist:ID or none"), cmd_holidays_rule)
    p.add_argument("holiday", help=", ".join(hol.BUILT_IN) + ", added:ID")
    p.add_argument("rule")

    p = b.leaf(root, "plan", _("what airs where and when, with every problem (exit 6 when there are problems)"), cmd_plan)
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help=_("first date (default today)"))
    p.add_argument("--until", metavar="YYYY-MM-DD", help=_("last date (default: 6 days after the first)"))
    p.add_argument("--target", metavar="CODE")
    p.add_argument("--ics", metavar=_("FILE"), help=_("also write the plan as an iCalendar file"))
    p.add_argument("--pdf", metavar=_("FILE"), help=_("also write the weekly programme as a PDF to sign (A4, Vietnamese)"))


def cmd_schedules_add(ctx: Context) -> int:
    a = ctx.args
    with ctx.ws.session() as s:
        sched = sch.add_schedule(
            s,
            playlist_id=a.playlist,
            targets=a.target.split(","),
            times=a.times,
            days=a.days,
            once=a.date,
            start=a.start,
            until=a.until,
            priority=a.priority,
            collision=a.collision,
            on_preempt=a.on_preempt,
            repeat=a.repeat,
            repeat_gap_s=a.repeat_gap,
            override_quiet_hours=a.override_quiet_hours,
            name=a.name,
            slot=a.slot,
        )
        s.flush()
        s.refresh(sched)
        d = sch.schedule_dict(sched)
    emit(ctx, d, _("Schedule {id} added.", id=d["id"]))
    return 0


def cmd_schedules_list(ctx: Context) -> int:
    with ctx.ws.session() as s:
        rows = [sch.schedule_dict(x) for x in sch.list_schedules(s)]
    emit(
        ctx,
        rows,
        lambda: (
            table(
                [
                    [
                        r["id"],
                        r["name"] or "",
                        f"{r['playlist_id']} {r['playlist_name'] or ''}".strip(),
                        ",".join(r["targets"]),
                        days_text(r),
                        range_text(r),
                        ",".join(r["times"]),
                        slot_text(r.get("slot_s"), r.get("fill_s")),
                        priority_text(r["priority"]) if r["priority"] else _("from the items: {priority}", priority=priority_text(r["effective_priority"])),
                        collision_text(r["collision"]),
                        _("yes") if r["enabled"] else _("no"),
                    ]
                    for r in rows
                ],
                [_("Id"), _("Name"), _("Playlist"), _("Targets"), _("Days"), _("Dates"), _("Times"), _("Slot"), _("Priority"), _("On overlap"), _("Enabled")],
            )
            if rows
            else _("No schedules.")
        ),
    )
    return 0


def rule_text(rule: str | None) -> str:
    """A holiday rule in words: "no broadcasting", "priority items only", "playlist 3 instead"."""
    if not rule:
        return "-"
    if rule.startswith("playlist:"):
        return _("playlist {id} instead", id=rule.split(":", 1)[1])
    return {"no-broadcast": _("no broadcasting"), "priority-only": _("priority items only")}.get(rule, rule)


def slot_text(slot_s: float | None, fill_s: float | None) -> str:
    """A slot and how the programme fills it: "15:00 (+2:00 over)", "-" without a slot."""
    if not slot_s:
        return "-"
    slot = sch.fill_text(slot_s)[1:]
    if fill_s is None:
        return slot
    if fill_s > 0.5:
        return _("{slot} ({fill} over)", slot=slot, fill=sch.fill_text(fill_s)[1:])
    if fill_s < -0.5:
        return _("{slot} ({fill} under)", slot=slot, fill=sch.fill_text(fill_s)[1:])
    return _("{slot} (fills it)", slot=slot)


def priority_text(tier: int | None) -> str:
    """A priority tier in words: "2 (priority)"."""
    words = {1: _("emergency"), 2: _("priority"), 3: _("normal")}
    return f"{tier} ({words[tier]})" if tier in words else "-"


def collision_text(policy: str) -> str:
    """The overlap policy in words."""
    if policy.startswith("wait:"):
        return _("wait at most {seconds} s", seconds=policy.split(":", 1)[1])
    return {"next": _("after the running one"), "cut": _("interrupt it")}.get(policy, policy)


def days_text(r: dict[str, Any]) -> str:
    """A schedule's days in the reader's words."""
    days = r["days"]
    if r["mode"] == "once":
        return _("once, {date}", date=day_text(datetime.fromisoformat(r["date"])))
    if days == "daily":
        return _("every day")
    if r["mode"] == "weekly":
        from schedules.rules import WEEKDAYS

        short = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))
        return ", ".join(short[WEEKDAYS.index(w)] for w in days.split(",") if w in WEEKDAYS)
    if r["mode"] == "lunar":
        return _("lunar calendar: {days}", days=days.split(":", 1)[1])
    return _("monthly: {rule}", rule=days.split(":", 1)[1])


def range_text(r: dict[str, Any]) -> str:
    """A schedule's date range in the reader's words."""
    start = day_text(datetime.fromisoformat(r["from"])) if r["from"] else None
    until = day_text(datetime.fromisoformat(r["until"])) if r["until"] else None
    if start and until:
        return f"{start} – {until}"
    if start:
        return _("from {date}", date=start)
    if until:
        return _("until {date}", date=until)
    return _("no end")


def cmd_schedules_remove(ctx: Context) -> int:
    with ctx.ws.session() as s:
        sch.remove_schedule(s, ctx.args.id)
    emit(ctx, {"id": ctx.args.id, "removed": True}, _("Schedule {id} removed.", id=ctx.args.id))
    return 0


def cmd_schedules_skip(ctx: Context) -> int:
    with ctx.ws.session() as s:
        sch.skip_day(s, ctx.args.id, ctx.args.date)
        s.flush()
        d = sch.schedule_dict(sch.get_schedule(s, ctx.args.id))
    emit(ctx, d, _("Schedule {id} will not air on {date}.", id=ctx.args.id, date=ctx.args.date))
    return 0


def cmd_schedules_move(ctx: Context) -> int:
    with ctx.ws.session() as s:
        sch.move_day(s, ctx.args.id, ctx.args.date, ctx.args.to, override_quiet_hours=ctx.args.override_quiet_hours)
        s.flush()
        d = sch.schedule_dict(sch.get_schedule(s, ctx.args.id))
    emit(ctx, d, _("Schedule {id} airs at {time} on {date}.", id=ctx.args.id, time=ctx.args.to, date=ctx.args.date))
    return 0


def cmd_schedules_enable(ctx: Context) -> int:
    return _enable(ctx, True)


def cmd_schedules_disable(ctx: Context) -> int:
    return _enable(ctx, False)


def _enable(ctx: Context, on: bool) -> int:
    with ctx.ws.session() as s:
        d = sch.schedule_dict(sch.set_enabled(s, ctx.args.id, on))
    emit(ctx, d, _("Schedule {id} enabled.", id=d["id"]) if on else _("Schedule {id} disabled.", id=d["id"]))
    return 0


def cmd_holidays_list(ctx: Context) -> int:
    year = ctx.args.year or ctx.today().year
    if not 1900 <= year <= 2199:
        raise InputRefused(_("--year: give a year from 1900 to 2199."))
    with ctx.ws.session() as s:
        cal = hol.HolidayCalendar.load(s)
        rows = hol.holiday_dicts(cal.year(year), cal.rules)
    kinds = {"solar": _("solar"), "lunar": _("lunar"), "added": _("added")}
    emit(
        ctx,
        rows,
        lambda: table(
            [[day_text(datetime.fromisoformat(r["date"])), r["name"], kinds[r["kind"]], r["key"], rule_text(r["rule"])] for r in rows],
            [_("Date"), _("Holiday"), _("Kind"), _("Key"), _("Rule")],
        ),
    )
    return 0


def cmd_holidays_add(ctx: Context) -> int:
    d = parse_date(ctx.args.date, field="DATE")
    instead_of = parse_date(ctx.args.instead_of, field="--instead-of") if ctx.args.instead_of else None
    with ctx.ws.session() as s:
        name = renamed(ctx, "name", "old_name", flag="--name", example="loaxa holidays add YYYY-MM-DD --name NAME", required=False)
        h = hol.add_holiday(s, d, name, instead_of)
        out = {"id": h.id, "key": f"added:{h.id}", "date": d.isoformat(), "name": h.name, "kind": "added"}
        if instead_of is not None:
            out["instead_of"] = instead_of.isoformat()
    emit(ctx, out, _("Holiday added: {date} {name} (key {key}).", date=day_text(d), name=h.name, key=out["key"]))
    return 0


def cmd_holidays_rule(ctx: Context) -> int:
    with ctx.ws.session() as s:
        r = hol.set_rule(s, ctx.args.holiday, ctx.args.rule)
        out = {"holiday": r.holiday, "rule": f"playlist:{r.playlist_id}" if r.rule == "playlist" else r.rule}
    emit(ctx, out, _("Rule for {holiday}: {rule}.", holiday=out["holiday"], rule=rule_text(out["rule"]) if out["rule"] != "none" else _("normal broadcasting")))
    return 0


def cmd_plan(ctx: Context) -> int:
    pdf_path = None
    if ctx.args.pdf:
        from desktop.reports_export import check_output

        pdf_path = check_output(ctx.args.pdf)  # before any work: a bad folder writes nothing
    start, end = ctx.window(ctx.args.start, ctx.args.until)
    with ctx.ws.sessions() as s:
        if ctx.args.target:
            sch.check_targets(s, [ctx.args.target])
        inp = load_input(s)
    p = plan(inp, start, end, target=ctx.args.target)
    if pdf_path is not None:
        _programme_pdf(ctx, start, end, pdf_path)
    data = {
        "from": start.astimezone(ctx.tz).isoformat(),
        "until": end.astimezone(ctx.tz).isoformat(),
        "occurrences": [o.as_dict(inp) for o in p.occurrences],
        "problems": p.problems,
        "holidays": [{"date": h.on.isoformat(), "name": h.name, "kind": h.kind} for h in p.holidays],
    }
    if ctx.args.ics:
        from schedules.ics import write_ics

        path = Path(ctx.args.ics)
        try:
            write_ics(path, p, inp)
        except OSError as exc:
            raise InputRefused(_("Cannot write '{path}': {error}", path=path, error=exc.strerror)) from exc
    emit(ctx, data, lambda: _plan_text(data))
    return 6 if any(not pr.get("warning") for pr in p.problems) else 0  # warnings alone: exit 0


def _programme_pdf(ctx: Context, start: datetime, end: datetime, path: Path) -> None:
    """The weekly programme for the chairperson to sign (see desktop.reports_pdf)."""
    from datetime import timedelta

    from desktop.reports_pdf import programme_from_plan

    first, last = start.astimezone(ctx.tz).date(), (end - timedelta(seconds=1)).astimezone(ctx.tz).date()
    with ctx.ws.sessions() as s:
        programme_from_plan(s, first, last, ctx.tz_name, path, target=ctx.args.target)


def _plan_text(d: dict[str, Any]) -> str:
    lines: list[str] = []
    for h in d["holidays"]:
        lines.append(_("Holiday {date}: {name}", date=day_text(datetime.fromisoformat(h["date"])), name=h["name"]))
    rows = []
    for o in d["occurrences"]:
        st = datetime.fromisoformat(o["start"])
        en = datetime.fromisoformat(o["end"])
        status = {"ok": "", "skipped": _("not aired"), "cancelled": _("cancelled")}.get(o["status"], o["status"])
        kinds = {p["kind"] for p in o["problems"]}
        if o["status"] == "ok" and "unapproved" in kinds:
            status = _("draft items will be skipped")
        elif o["status"] == "ok" and kinds & {"not_yet_valid", "expired", "missing_media"}:
            status = _("some items will be skipped")
        name = o.get("schedule_name") or o["schedule_id"]
        schedule = f"{o['schedule_id']} {name}" if o["schedule_id"] is not None and name != o["schedule_id"] else name
        texts = [p["message"] for p in o["problems"]] + list(o["notes"])
        if o.get("slot_s"):
            texts.append(_("slot {slot}", slot=slot_text(o["slot_s"], o["fill_s"])))
        rows.append([moment_text(st), en.strftime("%H:%M:%S"), o["endpoint"], schedule, priority_text(o["priority"]), status, "; ".join(texts)])
    if rows:
        lines.append(table(rows, [_("Start"), _("End"), _("Endpoint"), _("Schedule"), _("Priority"), _("Status"), _("Problems / notes")]))
    else:
        lines.append(_("Nothing is planned in this window."))
    warnings = [pr["message"] for pr in d["problems"] if pr.get("warning")]
    lines += [_("Warning: {message}", message=w) for w in warnings]
    n = len(d["problems"]) - len(warnings)
    lines.append(_("{n} problems.", n=n) if n else _("No problems."))
    return "\n".join(lines)
