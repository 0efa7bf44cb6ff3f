"""``loaxa report``, ``loaxa campaigns`` and ``loaxa feedback``: what reached people, and what they said."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from schedules import campaigns as camp
from schedules import feedback as fbk
from schedules import reporting
from schedules.errors import InputRefused
from schedules.i18n import _
from schedules.timeutil import day_text, parse_date, parse_time

from .common import Context, emit, old_positional, renamed, table


def register(b: Any, root: Any) -> None:
    p = b.leaf(
        root,
        "report",
        _("what share of the plan aired, reached and was verified (by field, area, campaign, period)"),
        cmd_report,
    )
    p.add_argument(
        "--period",
        metavar=_("PERIOD"),
        help=_("2027 (year), 2027-Q1, 2027-W09 (ISO week), 2027-03 (month) or a day; default: this month"),
    )
    p.add_argument(
        "--from",
        dest="start",
        metavar="YYYY-MM-DD",
        help=_("first date (instead of --period)"),
    )
    p.add_argument(
        "--until",
        metavar="YYYY-MM-DD",
        help=_("last date (with --from; default: the first)"),
    )
    p.add_argument(
        "--area",
        metavar="CODE",
        help=_("an area and everything beneath it (default: the whole tree)"),
    )
    p.add_argument(
        "--endpoint",
        action="append",
        metavar="CODE",
        help=_("only these endpoints (repeatable)"),
    )
    p.add_argument(
        "--by",
        action="append",
        metavar=_("GROUPING"),
        help=_("group by field, priority, content_type, item, campaign, language, area, endpoint, day, week or month (repeatable; default field)"),
    )
    p.add_argument(
        "--format",
        dest="out_format",
        choices=["table", "csv", "xlsx", "pdf", "json"],
        default=None,
        help=_("output format (default: table, or the --out file's extension)"),
    )
    p.add_argument("--out", metavar=_("FILE"), help=_("write to this file instead of the screen"))
    p.add_argument("--now", metavar="ISO", help=argparse_suppress())

    c = b.group(root, "campaigns", _("communication campaigns"))
    p = b.leaf(c, "add", _("add a campaign"), cmd_campaigns_add)
    p.add_argument("--name", metavar=_("NAME"), help=_("the campaign's name"))
    old_positional(p, "old_name")  # `campaigns add NAME`, the old spelling
    p.add_argument(
        "--stage",
        default="at",
        help=_("the policy stage: before, at or after issuance (default at)"),
    )
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD")
    p.add_argument("--description")
    b.leaf(c, "list", _("list campaigns"), cmd_campaigns_list)
    p = b.leaf(c, "show", _("show a campaign with its reach"), cmd_campaigns_show)
    p.add_argument("ref", metavar=_("ID_OR_NAME"))
    p.add_argument("--now", metavar="ISO", help=argparse_suppress())

    f = b.group(root, "feedback", _("citizen feedback about notices"))
    p = b.leaf(f, "add", _("record what people asked or said"), cmd_feedback_add)
    p.add_argument("--channel", required=True, help="phone|zalo|meeting|letter")
    p.add_argument("--kind", required=True, help="question|complaint|suggestion|praise")
    p.add_argument("--text", required=True)
    p.add_argument("--area", metavar="CODE")
    p.add_argument("--item", type=int, metavar="ID")
    p.add_argument("--campaign", metavar=_("ID_OR_NAME"))
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("when it was received (default today)"))
    p.add_argument(
        "--time",
        metavar="HH:MM",
        help=_("at what time (default now, or 12:00 with --date)"),
    )
    p = b.leaf(f, "list", _("list feedback"), cmd_feedback_list)
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD")
    p.add_argument("--area", metavar="CODE")
    p.add_argument("--campaign", metavar=_("ID_OR_NAME"))


def argparse_suppress() -> str:
    import argparse

    return argparse.SUPPRESS


def _now(ctx: Context) -> datetime:
    raw = getattr(ctx.args, "now", None)
    if raw:  # for tests and for reproducing a report as it stood at a moment
        try:
            t = datetime.fromisoformat(raw)
        except ValueError as exc:
            raise InputRefused(_("--now: '{value}' is not an ISO date-time.", value=raw)) from exc
        return t if t.tzinfo else t.replace(tzinfo=ctx.tz)
    return datetime.now(UTC)


def _period(ctx: Context) -> reporting.Period:
    a = ctx.args
    if a.period and (a.start or a.until):
        raise InputRefused(_("--period and --from/--until cannot be used together; give one or the other."))
    if a.start or a.until:
        if not a.start:
            raise InputRefused(_("--until needs --from."))
        first = parse_date(a.start, field="--from")
        last = parse_date(a.until, field="--until") if a.until else first
        return reporting.period_of_dates(first, last, ctx.tz_name)
    if a.period:
        return reporting.parse_period(a.period, ctx.tz_name)
    today = ctx.today()
    return reporting.parse_period(f"{today.year}-{today.month:02d}", ctx.tz_name)


def _format(ctx: Context) -> str:
    fmt = ctx.args.out_format
    if fmt is None and ctx.args.out:
        fmt = {".csv": "csv", ".xlsx": "xlsx", ".pdf": "pdf", ".json": "json"}.get(Path(ctx.args.out).suffix.lower(), "table")
    fmt = fmt or ("json" if ctx.json else "table")
    if fmt in ("xlsx", "pdf") and not ctx.args.out:
        raise InputRefused(_("--format {fmt} writes a file: give --out FILE.", fmt=fmt))
    return fmt


def cmd_report(ctx: Context) -> int:
    from desktop import reports_export as rx

    a = ctx.args
    fmt = _format(ctx)
    out = rx.check_output(a.out) if a.out else None  # before any work: a bad folder writes nothing
    period = _period(ctx)
    by = a.by or ["field"]
    now = _now(ctx)
    with ctx.ws.sessions() as s:
        groupings = [list(by)]
        if fmt in ("xlsx", "pdf") and len(by) == 1:
            # one sheet / section per grouping the commune reports on, beside the one asked for
            groupings += [more for more in (["area"], ["campaign"]) if more != list(by)]
        rep, *extra = reporting.build_reports(s, period, groupings, area=a.area, endpoints=a.endpoint, now=now)
        authority = _authority(s, rep)
    reports = [rep, *extra]
    if fmt == "xlsx":
        assert out is not None
        rx.write_xlsx(reports, out)
    elif fmt == "pdf":
        from desktop import reports_pdf

        assert out is not None
        reports_pdf.write_report_pdf(reports, out, authority=authority)
    elif out is not None:
        text = {"csv": rx.as_csv, "json": rx.as_json, "table": rx.as_table}[fmt](rep)
        rx.write_text(out, text if text.endswith("\n") else text + "\n", bom=fmt == "csv")
    if out is not None:
        emit(
            ctx,
            {"out": str(out), "format": fmt, **rep.as_dict()},
            _("Report written to {path}.", path=str(out)),
        )
    elif fmt == "json" or ctx.json:
        emit(ctx, rep.as_dict())
    elif fmt == "csv":
        sys.stdout.write(rx.as_csv(rep))
    else:
        emit(ctx, rep.as_dict(), rx.as_table(rep))
    return 0


def _authority(s: Any, rep: reporting.Report) -> str:
    """The commune's name for the document's heading: the scope area, or the commune above it."""
    from schedules.areas import AreaTree

    tree = AreaTree.load(s)
    if rep.scope and rep.scope in tree.areas:
        for a in tree.chain(rep.scope):
            if a.level in ("commune", "ward", "town"):
                return a.name
        return tree.areas[rep.scope].name
    return rep.scope_name


# ---------------------------------------------------------------------------------------------
# campaigns


def cmd_campaigns_add(ctx: Context) -> int:
    a = ctx.args
    start = parse_date(a.start, field="--from") if a.start else None
    end = parse_date(a.until, field="--until") if a.until else None
    with ctx.ws.session() as s:
        name = renamed(ctx, "name", "old_name", flag="--name", example="loaxa campaigns add --name NAME")
        c = camp.add_campaign(s, name, stage=a.stage, start=start, end=end, description=a.description)
        d = camp.campaign_dict(s, c)
    emit(ctx, d, _("Campaign {id} '{name}' added.", id=d["id"], name=d["name"]))
    return 0


def cmd_campaigns_list(ctx: Context) -> int:
    with ctx.ws.sessions() as s:
        rows = [camp.campaign_dict(s, c) for c in camp.list_campaigns(s)]
    emit(
        ctx,
        rows,
        lambda: (
            table(
                [
                    [
                        r["id"],
                        r["name"],
                        camp.stage_label(r["stage"]),
                        _d(r["from"]),
                        _d(r["until"]),
                        r["items"],
                        r["playlists"],
                    ]
                    for r in rows
                ],
                [
                    _("Id"),
                    _("Name"),
                    _("Stage"),
                    _("From"),
                    _("Until"),
                    _("Items"),
                    _("Playlists"),
                ],
            )
            if rows
            else _("No campaigns.")
        ),
    )
    return 0


def _d(iso: str | None) -> str:
    return day_text(date.fromisoformat(iso)) if iso else "-"


def cmd_campaigns_show(ctx: Context) -> int:
    now = _now(ctx)
    with ctx.ws.sessions() as s:
        c = camp.get_campaign(s, ctx.args.ref)
        d = camp.campaign_dict(s, c)
        first = c.start_date or (now.astimezone(ctx.tz).date() - timedelta(days=29))
        last = min(
            c.end_date or now.astimezone(ctx.tz).date(),
            max(first, now.astimezone(ctx.tz).date()),
        )
        rep = reporting.build_report(
            s,
            reporting.period_of_dates(first, max(first, last), ctx.tz_name),
            by=["campaign"],
            now=now,
        )
    row = next((r for r in rep.rows if r.key == (c.id,)), None)
    d["reach"] = {
        "from": first.isoformat(),
        "until": max(first, last).isoformat(),
        **(row.figures.as_dict() if row else reporting.Figures().as_dict()),
    }
    r = d["reach"]
    emit(
        ctx,
        d,
        lambda: "\n".join(
            [
                f"{d['id']}: {d['name']} ({camp.stage_label(d['stage'])})",
                _(
                    "Items: {items}, playlists: {playlists}",
                    items=d["items"],
                    playlists=d["playlists"],
                ),
                _(
                    "{first} to {last}: planned {planned}, aired {aired}, verified {verified}; endpoints reached {reached} of {targeted}; feedback {feedback}",
                    first=_d(r["from"]),
                    last=_d(r["until"]),
                    planned=r["planned"],
                    aired=r["aired"],
                    verified=r["verified"],
                    reached=r["endpoints_reached"],
                    targeted=r["endpoints_targeted"],
                    feedback=r["feedback"],
                ),
            ]
        ),
    )
    return 0


# ---------------------------------------------------------------------------------------------
# feedback


def cmd_feedback_add(ctx: Context) -> int:
    a = ctx.args
    if a.date:
        day = parse_date(a.date, field="--date")
        t = parse_time(a.time, field="--time") if a.time else time(12, 0)
        at = datetime.combine(day, t, tzinfo=ctx.tz)
    else:
        now = datetime.now(ctx.tz)
        at = datetime.combine(now.date(), parse_time(a.time, field="--time"), tzinfo=ctx.tz) if a.time else now
    with ctx.ws.session() as s:
        fb = fbk.add_feedback(
            s,
            received_at=at,
            channel=a.channel,
            kind=a.kind,
            text=a.text,
            area=a.area,
            item_id=a.item,
            campaign=a.campaign,
        )
        d = fbk.feedback_dict(fb, ctx.tz_name)
    emit(ctx, d, _("Feedback {id} recorded.", id=d["id"]))
    return 0


def cmd_feedback_list(ctx: Context) -> int:
    a = ctx.args
    start = end = None
    if a.start or a.until:
        start, end = ctx.window(a.start, a.until or a.start, default_days=1)
    with ctx.ws.sessions() as s:
        cid = camp.get_campaign(s, a.campaign).id if a.campaign else None
        rows = [fbk.feedback_dict(f, ctx.tz_name) for f in fbk.list_feedback(s, start=start, end=end, area=a.area, campaign_id=cid)]
    emit(
        ctx,
        rows,
        lambda: (
            table(
                [
                    [
                        r["id"],
                        r["at"][:16].replace("T", " "),
                        fbk.channel_label(r["channel"]),
                        fbk.kind_label(r["kind"]),
                        r["area"] or "",
                        r["item_id"] or "",
                        r["text"][:60],
                    ]
                    for r in rows
                ],
                [
                    _("Id"),
                    _("Received"),
                    _("Channel"),
                    _("Kind"),
                    _("Area"),
                    _("Item"),
                    _("Text"),
                ],
            )
            if rows
            else _("No feedback.")
        ),
    )
    return 0
