"""``loaxa httn setup|status|sync|pull`` (the province's source information system) and
``loaxa httn-sim`` (a province on loopback for technicians and tests)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from schedules.errors import DeliveryError, InputRefused
from schedules.i18n import _

from .common import Context, emit, table


def register(b: Any, root: Any) -> None:
    g = b.group(root, "httn", _("the province's source information system (HTTTN): push, pull, status"))
    p = b.leaf(g, "setup", _("connect this commune to the province server"), cmd_setup)
    p.add_argument("--url", required=True, metavar="URL", help=_("the province server's base address, http(s)://..."))
    p.add_argument("--source-id", required=True, metavar="NGUON", help=_("this commune's source id at the province (NguonId)"))
    p.add_argument("--user", required=True, metavar=_("NAME"))
    p.add_argument(
        "--password-file", required=True, metavar=_("FILE"), help=_("a file whose first line is the password (kept in the keyring or an owner-only file)")
    )
    p.add_argument("--cafile", metavar=_("FILE"), help=_("trust this certificate authority (PEM) for an https:// server"))
    p.add_argument("--area", metavar="CODES", help=_("the area codes to receive bulletins for (DiaBan), comma-separated; the first is the commune's own"))
    p.add_argument("--approve-emergency", choices=["yes", "no"], help=_("province bulletins of priority 1 arrive approved"))
    p.add_argument("--profile", metavar="JSON", help=_("the province's own paths and formats (see docs/httn.md)"))
    p.add_argument("--poll-s", type=float, metavar=_("SECONDS"), help=_("seconds between two pulls of published bulletins (default 60)"))
    p.add_argument("--retry-max-s", type=float, metavar=_("SECONDS"), help=_("longest wait between two attempts of a message (default 300)"))
    p.add_argument("--check", action="store_true", help=_("log in once to check the address and credentials (exit 5 if refused)"))
    b.leaf(g, "status", _("queue depth, oldest waiting message, last success and last error"), cmd_status)
    b.leaf(g, "sync", _("send every waiting message now, then pull published bulletins"), cmd_sync)
    b.leaf(g, "pull", _("fetch the bulletins the province published and import them as drafts"), cmd_pull)
    p = b.leaf(g, "retry", _("send refused messages again (after the province fixed its side)"), cmd_retry)
    p.add_argument("ids", nargs="*", type=int, metavar="ID")
    p.add_argument("--all", action="store_true", help=_("every refused message"))
    b.leaf(g, "run", _("run the HTTTN sender in the foreground until stopped (the engine runs it itself)"), cmd_run)
    p = b.leaf(root, "httn-sim", _("run a province server on this PC for offline checks (HTTTN simulator)"), cmd_sim)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--data", required=True, metavar=_("DIR"), help=_("the simulator's folder: publish.json, media/, received.jsonl"))
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--user", default="xa", metavar=_("NAME"))
    p.add_argument("--password", default="matkhau")
    p.add_argument("--fail-s", type=float, default=0.0, metavar=_("SECONDS"), help=_("answer 500 for the first N seconds"))
    p.add_argument("--slow-ms", type=int, default=0, help=_("answer every request this many milliseconds late"))
    p.add_argument("--token-ttl-s", type=float, default=3600.0, metavar=_("SECONDS"), help=_("tokens expire after N seconds"))
    p.add_argument("--malformed", type=int, default=0, metavar="N", help=_("answer the first N requests with broken JSON"))
    p.add_argument("--refuse", default="", metavar="KINDS", help=_("refuse messages of these kinds with a 400 (bantin,huy,lichphat,nhatky,trangthai)"))
    p.add_argument("--tls-cert", metavar=_("FILE"), help=_("serve HTTPS with this certificate (PEM; with --tls-key)"))
    p.add_argument("--tls-key", metavar=_("FILE"), help=_("the private key of --tls-cert (PEM)"))


def _settings_from(ctx: Context) -> dict[str, Any]:
    from schedules import httn

    a = ctx.args
    values: dict[str, Any] = {
        "httn.url": httn.check_url(a.url),
        "httn.source_id": httn.check_source_id(a.source_id),
        "httn.user": a.user.strip(),
    }
    if not values["httn.user"]:
        raise InputRefused(_("--user: give the user name the province gave this commune."))
    if a.cafile is not None:
        if not Path(a.cafile).is_file():
            raise InputRefused(_("--cafile: {path} does not exist.", path=a.cafile))
        values["httn.cafile"] = str(Path(a.cafile).resolve())
    if a.area is not None:
        values["httn.areas"] = ",".join(httn.check_areas(a.area))
    if a.approve_emergency is not None:
        values["httn.approve_emergency"] = a.approve_emergency == "yes"
    if a.profile is not None:
        try:
            prof = json.loads(a.profile)
        except json.JSONDecodeError:
            raise InputRefused(_("--profile: not JSON; see docs/httn.md for the fields.")) from None
        if not isinstance(prof, dict):
            raise InputRefused(_("--profile: give a JSON object; see docs/httn.md for the fields."))
        httn.Profile.from_dict(prof)
        values["httn.profile"] = prof
    for opt, key, lo, hi in (("poll_s", "httn.poll_s", 1, 86400), ("retry_max_s", "httn.retry_max_s", 1, 86400)):
        v = getattr(a, opt)
        if v is not None:
            if not lo <= v <= hi:
                raise InputRefused(_("--{option}: give {low} to {high} seconds, not {value}.", option=opt.replace("_", "-"), low=lo, high=hi, value=v))
            values[key] = float(v)
    return values


def cmd_setup(ctx: Context) -> int:
    from schedules import httn, outbox

    values = _settings_from(ctx)
    password = httn.read_password_file(ctx.args.password_file)
    ws = ctx.ws
    if ctx.args.check:  # before anything is kept: a refused login changes nothing
        with ws.session() as s:
            current = {k: httn._setting(s, k, None) for k in ("httn.profile", "httn.cafile")}
        _check_login(
            httn.Config(
                url=values["httn.url"],
                source_id=values["httn.source_id"],
                user=values["httn.user"],
                password=password,
                cafile=values.get("httn.cafile", current["httn.cafile"]) or None,
                profile=httn.Profile.from_dict(values.get("httn.profile", current["httn.profile"])),
                areas=(),
            )
        )
    store = httn.store_password(ws.data_dir, values["httn.url"], values["httn.user"], password)
    values["httn.secret_store"] = store
    with ws.session() as s:
        httn.save_settings(s, values)
        announced = outbox.announce_all(s)  # what is already scheduled goes up too
    shown: dict[str, Any] = {k.split(".", 1)[1]: v for k, v in values.items()}
    shown["announced"] = announced
    if ctx.args.check:
        shown["login"] = "ok"
    emit(
        ctx,
        shown,
        lambda: _(
            "Province server set up: {url} as {user} (source {source}); password kept in the {store}.",
            url=values["httn.url"],
            user=values["httn.user"],
            source=values["httn.source_id"],
            store=_("keyring") if store == "keyring" else _("owner-only file"),
        ),
    )
    return 0


def _check_login(cfg: Any) -> None:
    from broadcast.httn.client import HttnClient, HttnError

    async def go() -> None:
        async with HttnClient(cfg, timeout=10) as c:
            await c.login()

    try:
        asyncio.run(go())
    except HttnError as exc:
        raise DeliveryError(exc.message) from None


def cmd_retry(ctx: Context) -> int:
    from sqlalchemy import select, update

    from schedules.errors import NotFound
    from schedules.models import HttnMessage

    ids: list[int] = ctx.args.ids
    with ctx.ws.session() as s:
        q = update(HttnMessage).where(HttnMessage.state == "failed")
        if ids:
            found = set(s.scalars(select(HttnMessage.id).where(HttnMessage.id.in_(ids), HttnMessage.state == "failed")))
            missing = sorted(set(ids) - found)
            if missing:
                raise NotFound(_("No refused message has the id {ids} (see: loaxa httn status).", ids=", ".join(map(str, missing))))
            q = q.where(HttnMessage.id.in_(ids))
        elif not ctx.args.all:
            raise InputRefused(_("Give the ids of refused messages to send again, or --all."))
        n = s.execute(q.values(state="pending", attempts=0, next_attempt_at=_utcnow(), last_error=None)).rowcount  # type: ignore[attr-defined]
    emit(ctx, {"queued": n}, _("{n} refused messages queued to be sent again.", n=n))
    return 0


def _utcnow() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


def cmd_status(ctx: Context) -> int:
    from schedules import outbox

    with ctx.ws.session() as s:
        st = outbox.status(s)
        from schedules.models import Setting

        cfg_url = s.get(Setting, "httn.url")
        st["url"] = cfg_url.value if cfg_url else None

    def text() -> str:
        if not st["configured"]:
            return _("No province server is set up (loaxa httn setup --url ... --source-id ... --user ... --password-file ...).")
        lines = [_("Province server: {url}", url=st["url"])]
        lines.append(_("Waiting to be sent: {n}", n=st["queue_depth"]))
        o = st["oldest_waiting"]
        if o:
            lines.append(
                _(
                    "Oldest waiting: message {id} ({kind}) since {at}, {attempts} attempts; last error: {error}",
                    id=o["id"],
                    kind=o["kind"],
                    at=o["created_at"],
                    attempts=o["attempts"],
                    error=o["last_error"] or "-",
                )
            )
        lines.append(_("Sent: {n}; refused by the province: {f}", n=st["sent"], f=st["failed"]))
        ls = st["last_success"]
        lines.append(_("Last success: {at}", at=ls["at"] if ls else "-"))
        le = st["last_error"]
        lines.append(_("Last error: {message}", message=f"{le['at']} {le['message']}" if le else "-"))
        if st["refused"]:
            lines.append(
                table([[r["id"], r["kind"], r["key"], r["http_status"], r["reason"]] for r in st["refused"]], ["id", _("kind"), _("key"), "HTTP", _("reason")])
            )
        return "\n".join(lines)

    emit(ctx, st, text)
    return 0


def _run_sender(ctx: Context, pull: bool, push: bool) -> dict[str, Any]:
    from broadcast.httn.client import HttnError
    from broadcast.httn.puller import BulletinPuller
    from broadcast.httn.sender import OutboxSender

    async def go() -> dict[str, Any]:
        sender = OutboxSender(ctx.ws)
        out: dict[str, Any] = {}
        try:
            if push:
                out["clusters_pushed"] = await sender.push_cluster_plan()
                out["push"] = (await sender.sync_once()).as_dict()
                if not out["push"]["configured"]:
                    raise InputRefused(_("No province server is set up (loaxa httn setup --url ... --source-id ... --user ... --password-file ...)."))
            if pull:
                cfg = await sender._in_db(sender._load_config)
                if cfg is None:
                    raise InputRefused(_("No province server is set up (loaxa httn setup --url ... --source-id ... --user ... --password-file ...)."))
                puller = BulletinPuller(ctx.ws, db=sender._db)
                out["pull"] = (await puller.pull_once(await sender._client_for(cfg), cfg)).as_dict()
                try:
                    out["clusters"] = await sender.pull_cluster_reports(cfg)
                except HttnError as exc:
                    out["pull"]["error"] = out["pull"]["error"] or exc.message
                if push:  # receipts of what was just pulled go out now too
                    again = (await sender.sync_once()).as_dict()
                    for k in ("sent", "refused", "retrying"):
                        out["push"][k] += again[k]
                    out["push"]["remaining"] = again["remaining"]
                    out["push"]["refusals"] += again["refusals"]
                    out["push"]["error"] = again["error"] or out["push"]["error"]
        finally:
            await sender.aclose()
        return out

    return asyncio.run(go())


def _result_text(out: dict[str, Any]) -> str:
    lines = []
    p = out.get("push")
    if p:
        lines.append(_("Sent {sent}, refused {refused}, waiting {remaining}.", sent=p["sent"], refused=p["refused"], remaining=p["remaining"]))
        for r in p["refusals"]:
            lines.append(_("  refused: message {id} ({status}): {reason}", id=r["id"], status=r["http_status"], reason=r["reason"]))
        if p["error"]:
            lines.append(_("  not sent yet: {error}", error=p["error"]))
    q = out.get("pull")
    if q:
        lines.append(
            _(
                "Bulletins: {imported} imported as drafts, {refused} refused, {withdrawn} withdrawn, {known} already known.",
                imported=len(q["imported"]),
                refused=len(q["refused"]),
                withdrawn=len(q["withdrawn"]),
                known=q["known"],
            )
        )
        for r in q["refused"]:
            lines.append(_("  refused: {id}: {reason}", id=r["remote_id"], reason=r["reason"]))
        if q["error"]:
            lines.append(_("  pull failed: {error}", error=q["error"]))
    return "\n".join(lines)


def cmd_sync(ctx: Context) -> int:
    out = _run_sender(ctx, pull=True, push=True)
    emit(ctx, out, lambda: _result_text(out))
    failed = bool(out["push"]["error"] and out["push"]["remaining"]) or bool(out["push"]["refused"]) or bool(out.get("pull", {}).get("error"))
    return 5 if failed else 0


def cmd_pull(ctx: Context) -> int:
    out = _run_sender(ctx, pull=True, push=False)
    emit(ctx, out, lambda: _result_text(out))
    return 5 if out["pull"]["error"] else 0


def cmd_run(ctx: Context) -> int:
    import signal

    from broadcast.httn.sender import OutboxSender

    ws = ctx.ws
    from desktop.logs import setup as log_setup

    log_setup(ws.log_dir, name="httn")

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                loop.add_signal_handler(sig, stop.set)
            except (NotImplementedError, RuntimeError):
                pass
        print(_("HTTTN sender running; stop it with Ctrl+C."), flush=True)
        await OutboxSender(ws).run(stop)

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    return 0


def cmd_sim(ctx: Context) -> int:
    import logging
    import signal

    from broadcast.httn.simulator import Faults, serve

    a = ctx.args
    data = Path(a.data)
    data.mkdir(parents=True, exist_ok=True)
    faults = Faults(slow_ms=a.slow_ms, malformed=a.malformed, token_ttl_s=a.token_ttl_s)
    if a.fail_s:
        import time

        faults.fail_until = time.monotonic() + a.fail_s
    if a.refuse:
        from broadcast.httn.simulator import REASONS

        faults.refuse = {k.strip(): REASONS["refused"] for k in a.refuse.split(",") if k.strip()}
    logging.basicConfig(level=logging.WARNING)
    tls = None
    if a.tls_cert or a.tls_key:
        if not (a.tls_cert and a.tls_key and Path(a.tls_cert).is_file() and Path(a.tls_key).is_file()):
            raise InputRefused(_("--tls-cert and --tls-key: give both, as existing PEM files."))
        tls = (Path(a.tls_cert), Path(a.tls_key))

    async def main() -> None:
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        assert task is not None
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                loop.add_signal_handler(sig, task.cancel)
            except (NotImplementedError, RuntimeError):  # Windows: Ctrl+C raises KeyboardInterrupt
                pass

        def ready() -> None:
            url = f"{'https' if tls else 'http'}://{a.host}:{a.port}/"
            print(_("HTTTN simulator listening on {url} (data in {data})", url=url, data=data), flush=True)

        await serve(a.port, data, host=a.host, user=a.user, password=a.password, faults=faults, ready=ready, tls=tls)

    try:
        asyncio.run(main())
    except (asyncio.CancelledError, KeyboardInterrupt):
        pass
    except OSError as exc:
        raise DeliveryError(_("The simulator cannot listen on port {port}: {detail}", port=a.port, detail=exc.strerror or exc)) from None
    return 0
