"""``loaxa engine``, ``loaxa broadcast``, ``loaxa runs`` and ``loaxa gui``."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from typing import Any

from schedules import asrun, commands, lease
from schedules import library as lib
from schedules.errors import DeliveryError, InputRefused
from schedules.i18n import _
from schedules.timeutil import moment_text

from .common import Context, emit, table

log = logging.getLogger("loaxa.cli")


def register(b: Any, root: Any) -> None:
    p = b.leaf(root, "engine", _("run the broadcast engine (until stopped)"), cmd_engine)
    p.add_argument("--for", dest="for_seconds", type=float, metavar=_("SECONDS"), help=_("stop after this many seconds"))
    p.add_argument("--preroll", type=float, metavar=_("SECONDS"), help=_("default pre-roll for endpoints without their own"))
    p.add_argument("--misfire-grace", type=float, metavar=_("SECONDS"), help=_("how late an airing may still start (default 60)"))
    p.add_argument("--standby", action="store_true", help=_("wait as the standby while another engine airs, and take over when it stops"))

    b.leaf(root, "status", _("is the engine running, and what is on air"), cmd_status)

    bc = b.group(root, "broadcast", _("broadcast now, or stop what is on air"))
    p = b.leaf(bc, "now", _("broadcast a playlist, an item or a file now"), cmd_broadcast_now)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--playlist", type=int, metavar="ID")
    g.add_argument("--item", type=int, metavar="ID")
    g.add_argument("--file", metavar=_("PATH"))
    p.add_argument("--target", required=True, metavar="CODE[,CODE...]")
    p.add_argument("--priority", help=_("1 emergency, 2 priority, 3 normal (default: the content's own)"))
    p.add_argument("--by", metavar=_("NAME"), help=_("who asks (kept in the log)"))
    p.add_argument("--totp", metavar=_("CODE"), help=_("the approver's one-time code, when emergencies need one (setting accounts.totp_emergency)"))
    p.add_argument("--wait", type=float, default=5.0, metavar=_("SECONDS"), help=_("how long to wait for the engine to take the command (default 5)"))
    p = b.leaf(bc, "stop", _("stop what is on air on the targets"), cmd_broadcast_stop)
    p.add_argument("--target", required=True, metavar="CODE[,CODE...]")
    p.add_argument("--by", metavar=_("NAME"))
    p.add_argument("--wait", type=float, default=5.0, metavar=_("SECONDS"))

    runs = b.group(root, "runs", _("the as-run log"))
    p = b.leaf(runs, "list", _("list as-run records"), cmd_runs_list)
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help=_("first date (default today)"))
    p.add_argument("--until", metavar="YYYY-MM-DD", help=_("last date (default: the first)"))
    p.add_argument("--endpoint", metavar="CODE")
    p.add_argument("--outcome")
    p.add_argument("--export", choices=["csv", "xlsx"], help=_("write the records to a file (with --out) as CSV or XLSX"))
    p.add_argument("--out", metavar=_("FILE"), help=_("the file for --export"))

    p = b.leaf(root, "gui", _("open the LoaXa window"), cmd_gui)
    p.add_argument("--screenshot", metavar=_("DIR"), help=_("render every page into PNG files in DIR and exit"))
    p.add_argument("--no-engine", action="store_true", help=_("do not start the engine with the window"))
    p.add_argument("--ready-and-exit", action="store_true", help=_("print READY once the window is shown and idle, then exit (for timing)"))


def cmd_engine(ctx: Context) -> int:
    from broadcast.engine import Engine, EngineConfig
    from desktop.logs import setup

    ws = ctx.ws
    path = setup(ws.log_dir, name="engine", stderr_level=logging.INFO)
    cfg = EngineConfig.from_env(preroll_s=ctx.args.preroll, misfire_grace_s=ctx.args.misfire_grace)
    engine = Engine(ws, cfg)
    log.info("engine log: %s", path)
    engine.run(for_seconds=ctx.args.for_seconds, standby=ctx.args.standby)
    return 0


def cmd_status(ctx: Context) -> int:
    from schedules.engine_store import engine_state

    now = datetime.now(UTC)
    from schedules import sites
    from schedules.engine_store import standby_age_s

    with ctx.ws.session() as s:
        info = lease.read(s, now)
        standby_age = standby_age_s(s, now)
        pc, standby_pc = sites.lease_pcs(s)
    st = engine_state(info, now)
    standby = standby_age is not None and standby_age < 5.0
    lag = (info.info or {}).get("loop_lag_ms") if st.state != "not_running" else None
    d: dict[str, Any] = {
        "engine": {
            "running": info.alive,
            "state": st.state,
            "host": info.host if st.state != "not_running" else None,
            "pc": (pc or info.host) if st.state != "not_running" else None,
            "pid": info.pid if st.state != "not_running" else None,
            "since": info.started_at.astimezone(ctx.tz).isoformat() if st.state != "not_running" and info.started_at else None,
            "heartbeat": info.heartbeat_at.astimezone(ctx.tz).isoformat() if info.heartbeat_at else None,
            "heartbeat_age_s": round(st.heartbeat_age_s, 1) if st.heartbeat_age_s is not None else None,
            "loop_lag_ms": lag,
            "on_air": (info.info or {}).get("on_air", []) if info.alive else [],
            "standby": standby,
            "standby_pc": standby_pc if standby else None,
        },
        "pc": ctx.ws.pc_name,
    }
    since = moment_text(info.started_at.astimezone(ctx.tz)) if info.started_at else "?"
    if st.state == "running":
        text = _("The engine is running on {host} (process {pid}) since {since}.", host=pc or info.host, pid=info.pid, since=since)
        if lag:
            text += "\n" + _("Event loop lag: {last} ms now, at most {worst} ms in the last minute.", last=lag.get("last"), worst=lag.get("worst_1min"))
        for a in d["engine"]["on_air"]:
            text += "\n" + _("On air on {endpoint}: {title}", endpoint=a.get("endpoint"), title=a.get("title"))
    elif st.state == "not_answering":
        text = _(
            "The engine on {host} (process {pid}) is running but not answering: its last heartbeat was {s} s ago. If this lasts, stop it and start it again.",
            host=pc or info.host,
            pid=info.pid,
            s=round(st.heartbeat_age_s or 0),
        )
    else:
        text = _("No engine is running: nothing will air. Start it with: loaxa engine")
    if standby and standby_pc:
        text += "\n" + _("A standby engine (dự phòng) on {pc} is waiting to take over.", pc=standby_pc)
    elif standby:
        text += "\n" + _("A standby engine (dự phòng) is waiting to take over.")
    text += "\n" + _("This PC: {pc}", pc=ctx.ws.pc_name)
    emit(ctx, d, text)
    return 0


def _engine_alive(ctx: Context) -> bool:
    with ctx.ws.session() as s:
        return lease.read(s, datetime.now(UTC)).alive


def _submit(ctx: Context, kind: str, payload: dict[str, Any], wait_s: float) -> dict[str, Any]:
    """Queue a command and wait for the engine to take it; cancel it when no engine takes it."""
    with ctx.ws.session() as s:
        cmd = commands.enqueue(s, kind, payload, by=payload.get("actor"))
        cmd_id = cmd.id
    alive = _engine_alive(ctx)
    got = commands.wait_for(ctx.ws.sessions, cmd_id, ("done", "failed"), wait_s if alive else 0.0)
    if got is None:
        taken = commands.wait_for(ctx.ws.sessions, cmd_id, ("taken", "done", "failed"), 0.0)
        if taken is None:
            with ctx.ws.session() as s:
                cancelled = commands.cancel_if_pending(s, cmd_id)
            if cancelled:
                hint = (
                    _("No engine is running. Start it with: loaxa engine (or open the LoaXa window). The command was cancelled.")
                    if not alive
                    else _("The engine did not take the command within {s} s; it was cancelled.", s=wait_s)
                )
                raise DeliveryError(hint)
        got = commands.wait_for(ctx.ws.sessions, cmd_id, ("done", "failed"), 2.0)
    if got is None:
        return {"command_id": cmd_id, "state": "taken"}
    if got.state == "failed":
        raise DeliveryError(_("The engine could not carry out the command: {detail}", detail=(got.result or {}).get("error", "?")))
    return {"command_id": cmd_id, "state": got.state, **(got.result or {})}


def cmd_broadcast_now(ctx: Context) -> int:
    a = ctx.args
    prio = lib.check_priority(a.priority)
    targets = [t for t in a.target.split(",") if t.strip()]
    from schedules.scheduling import check_targets

    with ctx.ws.session() as s:
        targets = check_targets(s, targets)
        if a.playlist is not None:
            from schedules.playlists import get_playlist

            get_playlist(s, a.playlist)
        if a.item is not None:
            lib.get_item(s, a.item)
    actor = a.by or "cli"
    from broadcast import requests
    from schedules.commands import BroadcastRequest

    if a.file:
        from .library import _progress_printer

        restored: list[int] = []
        req = BroadcastRequest(
            targets,
            item_ids=[requests.item_from_file(ctx.ws, a.file, actor, progress=_progress_printer(ctx), on_restored=restored.append)],
            priority=prio,
            actor=actor,
        )
    elif a.item is not None:
        req = BroadcastRequest(targets, item_ids=[a.item], priority=prio, actor=actor)
    else:
        req = BroadcastRequest(targets, playlist_id=a.playlist, priority=prio, actor=actor)
    result = _submit(ctx, "broadcast", req.payload(), a.wait)
    if a.file and restored:
        result["restored_items"] = restored
        with ctx.ws.session() as s:
            result["approved_by"] = {str(i): lib.get_item(s, i).approved_by for i in restored}
    emit(ctx, result, lambda: _broadcast_text(result, actor))
    return 0


def _broadcast_text(r: dict[str, Any], actor: str = "") -> str:
    lines = [_("On air now: {endpoint}", endpoint=x["endpoint"]) for x in r.get("started", [])]
    lines += [_("Not aired on {endpoint}: {reason}", endpoint=x["endpoint"], reason=x["reason"]) for x in r.get("skipped", [])]
    if not lines:
        lines.append(_("The engine took the command."))
    for item_id in r.get("restored_items", []):
        lines.append(
            _(
                "Item {id} holding this audio was retired: it was restored to air it (approved by {by}).",
                id=item_id,
                by=r.get("approved_by", {}).get(str(item_id), actor),
            )
        )
    return "\n".join(lines)


def cmd_broadcast_stop(ctx: Context) -> int:
    a = ctx.args
    from schedules.scheduling import check_targets

    with ctx.ws.session() as s:
        targets = check_targets(s, a.target.split(","))
    result = _submit(ctx, "stop", {"targets": targets, "actor": a.by or "cli"}, a.wait)
    emit(ctx, result, lambda: "\n".join(_("Stopped on {endpoint}.", endpoint=x["endpoint"]) for x in result.get("stopped", [])) or _("Nothing was on air."))
    return 0


def cmd_runs_list(ctx: Context) -> int:
    a = ctx.args
    out = None
    if a.export or a.out:
        from desktop.reports_export import check_output

        if not (a.export and a.out):
            raise InputRefused(_("--export and --out go together: e.g. --export xlsx --out runs.xlsx"))
        out = check_output(a.out)  # before any work: a bad folder writes nothing
    start, end = ctx.window(a.start, a.until, default_days=1)
    q = asrun.runs_query(start=start, end=end, endpoint=a.endpoint, outcome=a.outcome)
    with ctx.ws.session() as s:
        zones = asrun.endpoint_zones(s)
        rows = [asrun.run_dict(r, zones.get(r.endpoint_code, ctx.tz)) for r in s.scalars(q)]
    if out is not None:
        from desktop.reports_export import write_runs

        write_runs(rows, out, a.export)
        emit(ctx, {"out": str(out), "format": a.export, "records": len(rows)}, _("{n} records written to {path}.", n=len(rows), path=str(out)))
        return 0
    emit(
        ctx,
        rows,
        lambda: (
            table(
                [
                    [
                        r["id"],
                        r["endpoint"],
                        _hm(r["planned_start"]),
                        _hm(r["actual_start"]),
                        asrun.start_text(r["start_delay_ms"], r["resume_offset_s"]),
                        asrun.outcome_label(r["outcome"]),
                        (r["reason"] or "")[:60],
                    ]
                    for r in rows
                ],
                [_("Id"), _("Endpoint"), _("Planned"), _("Actual"), _("Start"), _("Outcome"), _("Reason")],
            )
            if rows
            else _("No records in this window.")
        ),
    )
    return 0


def _hm(iso: str | None) -> str:
    if not iso:
        return "-"
    return moment_text(datetime.fromisoformat(iso))


def cmd_gui(ctx: Context) -> int:
    from desktop.gui.app import run_gui

    return run_gui(ctx.args)


def _stderr(msg: str) -> None:
    sys.stderr.write(msg + "\n")
