"""``loaxa init``, ``areas`` and ``endpoints``."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Any

from schedules import areas as areas_mod
from schedules import endpoints as ep_mod
from schedules.errors import InputRefused
from schedules.i18n import _

from .common import Context, emit, table


def register(b: Any, root: Any) -> None:
    p = b.leaf(root, "init", _("create the database (and demo content with --demo)"), cmd_init)
    p.add_argument("--demo", action="store_true", help=_("add a demo area tree, endpoints, announcements and schedules"))
    from .accounts import add_init_arguments

    add_init_arguments(p)  # --admin-user, --admin-password-file, --demo-accounts
    p.add_argument("--pc-name", metavar=_("NAME"), help=_("this PC's name, shown in the audit log and in who is on air (default: the host name)"))

    areas = b.group(root, "areas", _("the area tree (province, commune, village...)"))
    p = b.leaf(areas, "add", _("add an area"), cmd_areas_add, own=("--tz",))
    p.add_argument("code")
    p.add_argument("--name", required=True)
    p.add_argument("--level", required=True, help=", ".join(areas_mod.LEVELS))
    p.add_argument("--parent", metavar="CODE")
    p.add_argument("--tz", dest="area_tz", metavar=_("ZONE"), help=_("IANA time zone (default: inherited, Asia/Ho_Chi_Minh at the top)"))
    p.add_argument("--quiet-hours", metavar="HH:MM-HH:MM|none", help=_("no normal broadcasting in this window (default inherited, 21:00-05:00)"))
    p.add_argument(
        "--languages",
        metavar="vi,hmn",
        help=_("languages notices must be heard in here (the areas beneath inherit them); the plan warns about a bulletin without them"),
    )
    p = b.leaf(areas, "edit", _("change an area"), cmd_areas_edit, own=("--tz",))
    p.add_argument("code")
    p.add_argument("--name")
    p.add_argument("--parent", metavar="CODE")
    p.add_argument("--tz", dest="area_tz", metavar=_("ZONE|inherit"))
    p.add_argument("--quiet-hours", metavar="HH:MM-HH:MM|none|inherit")
    p.add_argument("--languages", metavar="vi,hmn|inherit")
    b.leaf(areas, "list", _("list the area tree"), cmd_areas_list)
    p = b.leaf(areas, "import", _("create a province and its communes from the official list (statistics office codes)"), cmd_areas_import)
    p.add_argument("--province", metavar=_("CODE|NAME"), help=_('the province\'s code or name (accents optional), e.g. 8 or "Tuyen Quang"'))
    p.add_argument("--list", action="store_true", help=_("list the provinces of the official list"))

    st = b.group(root, "settings", _("settings shared by the window, the command line and the engine"))
    b.leaf(st, "list", _("list every setting with its value"), cmd_settings_list)
    p = b.leaf(st, "get", _("show one setting"), cmd_settings_get)
    p.add_argument("key", metavar=_("KEY"))
    p = b.leaf(st, "set", _("change a setting"), cmd_settings_set)
    p.add_argument("key", metavar=_("KEY"))
    p.add_argument("value", metavar=_("VALUE"))
    p = b.leaf(st, "reset", _("put a setting back to its default"), cmd_settings_reset)
    p.add_argument("key", metavar=_("KEY"))

    eps = b.group(root, "endpoints", _("stream endpoints (Icecast mounts, offline folders)"))
    p = b.leaf(eps, "add", _("add an endpoint"), cmd_endpoints_add)
    p.add_argument("code")
    p.add_argument("--name", required=True)
    p.add_argument("--area", required=True, metavar="CODE")
    p.add_argument(
        "--url",
        required=True,
        help=_(
            "icecast://USER@HOST:PORT/MOUNT | icecast+tls://... | file:///DIR | httn://CLUSTER | soundcard://default or soundcard://DEVICE: this PC's sound output, played through PulseAudio on Linux (DEVICE: a sink, see pactl list short sinks) and through PortAudio on Windows and macOS (DEVICE: an output's name or part of it, spaces as %%20; a wrong one lists them); ?backend=portaudio or ?backend=pulse chooses"
        ),
    )
    p.add_argument("--password-file", metavar=_("FILE"), help=_("read the source password from this file ('-' for standard input)"))
    p.add_argument("--format", default="mp3-64k-mono", help=_("delivery format (default mp3-64k-mono)"))
    p.add_argument("--preroll", type=float, metavar=_("SECONDS"), help=_("connect this long before each airing (default 5)"))
    p.add_argument("--latency-ms", type=float, metavar="MS", help=_("the server's delivery delay, if known (else measured)"))
    p.add_argument("--admin-user", metavar=_("NAME"), help=_("Icecast admin user, to record listener counts"))
    p.add_argument("--admin-password-file", metavar=_("FILE"), help=_("Icecast admin password, read from this file"))
    p.add_argument("--listen-url", metavar="URL", help=_('where its receivers listen when that is a relay (http://RELAY:PORT/MOUNT; "" clears it)'))
    b.leaf(eps, "list", _("list endpoints and their status"), cmd_endpoints_list)
    from .kit import cmd_endpoint_test

    p = b.leaf(eps, "test", _("test an endpoint: reachable, source password accepted"), cmd_endpoint_test)
    p.add_argument("code")
    p = b.leaf(eps, "edit", _("change an endpoint"), cmd_endpoints_edit)
    p.add_argument("code")
    p.add_argument("--name")
    p.add_argument("--url")
    p.add_argument("--password-file", metavar=_("FILE"))
    p.add_argument("--format")
    p.add_argument("--enable", dest="enabled", action="store_true", default=None)
    p.add_argument("--disable", dest="enabled", action="store_false")
    p.add_argument("--preroll", type=float, metavar=_("SECONDS"))
    p.add_argument("--latency-ms", metavar="MS|auto", help=_("a fixed delivery delay, or auto to measure it"))
    p.add_argument("--admin-user", metavar=_("NAME"))
    p.add_argument("--admin-password-file", metavar=_("FILE"))
    p.add_argument("--listen-url", metavar="URL", help=_('where its receivers listen when that is a relay (http://RELAY:PORT/MOUNT; "" clears it)'))


def cmd_init(ctx: Context) -> int:
    from schedules import sites

    if ctx.args.pc_name is not None:
        sites.check_pc_name(ctx.args.pc_name)  # refused before the data folder is made
    ws = ctx.ws
    if ctx.args.pc_name is not None:
        name = sites.set_pc_name(ws.data_dir, ctx.args.pc_name)
        ws.sessions.configure(info={"pc": name})
    result: dict[str, Any] = {"data_dir": str(ws.data_dir), "database": _mask_db(ws.db_url), "media_dir": str(ws.media.root), "pc": ws.pc_name}
    from . import accounts as accounts_cli

    accounts_cli.init_check(ctx)  # a database with accounts: only a signed-in technician or admin
    if ctx.args.demo:
        from desktop import demo

        result["demo"] = demo.create(ws)
    result.update(accounts_cli.init_accounts(ctx))  # the first admin, demo accounts
    emit(ctx, result, lambda: "\n".join(x for x in (_init_text(result), accounts_cli.init_text(result)) if x))
    return 0


def _init_text(r: dict[str, Any]) -> str:
    lines = [_("Data folder: {path}", path=r["data_dir"]), _("Database: {url}", url=r["database"]), _("This PC: {pc}", pc=r["pc"])]
    d = r.get("demo")
    if d is not None:
        if d.get("created"):
            lines.append(_("Demo content created: {areas} areas, {endpoints} endpoints, {items} announcements, {schedules} schedules.", **d["counts"]))
        else:
            lines.append(_("Demo content was already there; nothing changed."))
    return "\n".join(lines)


def _mask_db(url: str) -> str:
    return ep_mod.mask_url(url)


def cmd_areas_add(ctx: Context) -> int:
    a = ctx.args
    with ctx.ws.session() as s:
        area = areas_mod.add_area(s, a.code, a.name, a.level, a.parent, a.area_tz, a.quiet_hours, a.languages)
        s.flush()
        tree = areas_mod.AreaTree.load(s)
        d = areas_mod.area_dict(area, tree)
    emit(ctx, d, _("Area {code} added.", code=d["code"]))
    return 0


def cmd_areas_edit(ctx: Context) -> int:
    a = ctx.args
    with ctx.ws.session() as s:
        area = areas_mod.edit_area(s, a.code, name=a.name, tz=a.area_tz, quiet_hours=a.quiet_hours, parent=a.parent, languages=a.languages)
        s.flush()
        d = areas_mod.area_dict(area, areas_mod.AreaTree.load(s))
    emit(ctx, d, _("Area {code} changed.", code=d["code"]))
    return 0


def cmd_areas_import(ctx: Context) -> int:
    a = ctx.args
    if a.list:
        provs = areas_mod.official_provinces()
        rows = [{"code": p.code, "name": p.name, "level": p.level, "units": len(areas_mod.official_units(p.code))} for p in provs]
        emit(ctx, rows, lambda: table([[r["code"], r["name"], r["units"]] for r in rows], [_("Code"), _("Name"), _("Communes and wards")]))
        return 0
    if not a.province:
        from schedules.errors import InputRefused

        raise InputRefused(_("--province: give a province code or name, or --list to see them."))
    with ctx.ws.session() as s:
        d = areas_mod.import_official(s, a.province)
    emit(
        ctx,
        d,
        _(
            "Province {code} {name}: {created} areas created, {kept} already there ({units} communes and wards in the official list).",
            code=d["province"]["code"],
            name=d["province"]["name"],
            created=d["created"],
            kept=d["kept"],
            units=d["units"],
        ),
    )
    return 0


def cmd_areas_list(ctx: Context) -> int:
    with ctx.ws.session() as s:
        tree = areas_mod.AreaTree.load(s)
        rows = [areas_mod.area_dict(a, tree, depth) for depth, a in tree.depth_first()]
    emit(
        ctx,
        rows,
        lambda: (
            table(
                [["  " * r["depth"] + r["code"], r["name"], areas_mod.level_label(r["level"]), r["tz"], r["quiet_hours"]] for r in rows],
                [_("Code"), _("Name"), _("Level"), _("Time zone"), _("Quiet hours")],
            )
            if rows
            else _("No areas yet. Add one with: loaxa areas add CODE --name NAME --level commune")
        ),
    )
    return 0


def _read_password(path: str | None) -> str | None:
    if path is None:
        return None
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputRefused(_("--password-file: cannot read '{path}': {error}", path=path, error=exc.strerror)) from exc
    pw = text.splitlines()[0].strip() if text.strip() else ""
    if not pw:
        raise InputRefused(_("--password-file: '{path}' is empty.", path=path))
    return pw


def cmd_endpoints_add(ctx: Context) -> int:
    a = ctx.args
    password = _read_password(a.password_file)
    parsed = ep_mod.parse_url(a.url)
    if password is None and parsed.password is None and parsed.scheme.startswith("icecast") and sys.stdin.isatty() and not ctx.json:
        password = getpass.getpass(_("Source password for {url}: ", url=ep_mod.mask_url(a.url))) or None
    admin_pw = _read_password(a.admin_password_file)
    with ctx.ws.session() as s:
        ep = ep_mod.add_endpoint(
            s,
            a.code,
            a.name,
            a.area,
            a.url,
            password=password,
            fmt=a.format,
            preroll_s=a.preroll,
            latency_ms=a.latency_ms,
            data_dir=ctx.ws.data_dir,
            media_root=ctx.ws.media.root,
        )
        if a.listen_url is not None:
            from schedules import sites

            ep.listen_url = sites.check_listen_url(a.listen_url)
        if a.admin_user:
            ep.admin_user, ep.admin_password = a.admin_user, admin_pw
        s.flush()
        d = ep_mod.endpoint_dict(ep)
    emit(ctx, d, _("Endpoint {code} added ({url}).", code=d["code"], url=d["url"]))
    return 0


def cmd_endpoints_edit(ctx: Context) -> int:
    a = ctx.args
    latency: float | str | None = None
    if a.latency_ms is not None:
        if a.latency_ms == "auto":
            latency = "auto"
        else:
            try:
                latency = float(a.latency_ms)
            except ValueError as exc:
                raise InputRefused(_("--latency-ms: give milliseconds or auto.")) from exc
    with ctx.ws.session() as s:
        ep = ep_mod.edit_endpoint(
            s,
            a.code,
            name=a.name,
            url=a.url,
            password=_read_password(a.password_file),
            fmt=a.format,
            enabled=a.enabled,
            preroll_s=a.preroll,
            latency_ms=latency,
            admin_user=a.admin_user,
            admin_password=_read_password(a.admin_password_file),
            data_dir=ctx.ws.data_dir,
            media_root=ctx.ws.media.root,
        )
        if a.listen_url is not None:
            from schedules import sites

            ep.listen_url = sites.check_listen_url(a.listen_url)
        d = ep_mod.endpoint_dict(ep)
    emit(ctx, d, _("Endpoint {code} changed.", code=d["code"]))
    return 0


def cmd_endpoints_list(ctx: Context) -> int:
    from datetime import UTC, datetime

    from schedules import lease
    from schedules.asrun import endpoint_zones
    from schedules.timeutil import moment_text

    now = datetime.now(UTC)
    with ctx.ws.session() as s:
        zones = endpoint_zones(s)
        running = lease.read(s, now).alive
        rows = [ep_mod.endpoint_dict(ep, zones.get(ep.code), engine_running=running, now=now) for ep in ep_mod.list_endpoints(s)]
    emit(
        ctx,
        rows,
        lambda: (
            table(
                [
                    [
                        r["code"],
                        r["name"],
                        r["area"],
                        r["url"],
                        r["format"],
                        _status_label(r["status"], r.get("checked_s_ago")),
                        moment_text(datetime.fromisoformat(r["last_seen"])) if r["last_seen"] else "-",
                    ]
                    for r in rows
                ],
                [_("Code"), _("Name"), _("Area"), "URL", _("Format"), _("Status"), _("Last seen")],
            )
            if rows
            else _("No endpoints yet. Add one with: loaxa endpoints add CODE --name NAME --area CODE --url URL")
        ),
    )
    return 0


def _status_label(status: str, checked_s_ago: float | None = None) -> str:
    if status == "unknown" and checked_s_ago is not None:
        return _("unknown (last checked {min} min ago)", min=round(checked_s_ago / 60))
    return {"online": _("online"), "offline": _("offline"), "unknown": _("unknown")}.get(status, status)


# --- settings ------------------------------------------------------------------------------


def _setting_rows(ctx: Context) -> list[dict[str, Any]]:
    from schedules import settings as st
    from schedules.models import Setting

    with ctx.ws.sessions() as s:
        return [
            {"key": k, "value": st.get(s, k), "default": o.default, "is_default": s.get(Setting, k) is None, "title": _(o.title)} for k, o in st.OPTIONS.items()
        ]


def _shown(v: Any) -> str:
    import json

    if isinstance(v, bool):
        return _("yes") if v else _("no")
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False) if v else "{}"
    return str(v) if v != "" else "-"


def cmd_settings_list(ctx: Context) -> int:
    rows = _setting_rows(ctx)
    emit(
        ctx,
        rows,
        lambda: table(
            [[r["key"], _shown(r["value"]) + ("" if r["is_default"] else " *"), r["title"]] for r in rows], [_("Setting"), _("Value (* changed)"), _("Meaning")]
        ),
    )
    return 0


def _one(ctx: Context, key: str) -> dict[str, Any]:
    from schedules import settings as st

    if key not in st.OPTIONS:
        raise InputRefused(_("Unknown setting '{key}'. Known settings: {keys}", key=key, keys=", ".join(st.OPTIONS)))
    return next(r for r in _setting_rows(ctx) if r["key"] == key)


def cmd_settings_get(ctx: Context) -> int:
    r = _one(ctx, ctx.args.key)
    emit(ctx, r, lambda: _shown(r["value"]))
    return 0


def cmd_settings_set(ctx: Context) -> int:
    from schedules import settings as st

    key = ctx.args.key
    value = st.parse_text(key, ctx.args.value)
    if key == "backup.folder" and value:
        from schedules.paths import outside_data

        # the same rule as `loaxa backup`: never inside the data folder or the media store
        outside_data(Path(value).expanduser() / "loaxa-backup.zip", what=key, data_dir=ctx.ws.data_dir, media_root=ctx.ws.media.root)
    with ctx.ws.session() as s:
        st.set_value(s, key, value)
    r = _one(ctx, key)
    emit(ctx, r, lambda: _("{key} = {value}", key=key, value=_shown(r["value"])))
    return 0


def cmd_settings_reset(ctx: Context) -> int:
    from schedules import settings as st

    with ctx.ws.session() as s:
        st.reset(s, ctx.args.key)
    r = _one(ctx, ctx.args.key)
    emit(ctx, r, lambda: _("{key} = {value} (the default)", key=ctx.args.key, value=_shown(r["value"])))
    return 0
