"""``loaxa relays config``: the icecast.xml sections that make relay Icecasts mirror the master
LoaXa streams to (issue 18; the XML is :mod:`broadcast.icecast_relays`)."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from typing import Any

from schedules.errors import InputRefused
from schedules.i18n import _

from .common import Context, emit


def register(b: Any, root: Any) -> None:
    relays = b.group(root, "relays", _("Icecast relays: a master LoaXa streams to, relays near the clusters"))
    p = b.leaf(relays, "config", _("write the icecast.xml relay sections for each relay Icecast"), cmd_relays_config)
    p.add_argument("--master", required=True, metavar="HOST:PORT", help=_("the Icecast LoaXa's endpoints stream to"))
    p.add_argument("--relay", required=True, action="append", metavar="HOST:PORT", help=_("a relay Icecast (repeat for each)"))
    p.add_argument("--mount", action="append", default=[], metavar=_("MOUNT"), help=_("a mount to mirror besides the endpoints' mounts on the master"))
    p.add_argument(
        "--mode",
        choices=("master", "mounts"),
        default="master",
        help=_(
            "master: mirror every mount of the master while it exists (master-slave, the default); mounts: one on-demand relay per mount (only for mounts that are always up)"
        ),
    )
    p.add_argument("--relay-password-file", metavar=_("FILE"), help=_("master mode: the relay password (default: a new random one)"))
    p.add_argument("--out", metavar=_("FOLDER"), help=_("write one file per relay into this folder instead of printing"))


def _file_name(hp: Any) -> str:
    return "icecast-relay-" + re.sub(r"[^A-Za-z0-9._-]+", "_", f"{hp.host}-{hp.port}") + ".xml"


def cmd_relays_config(ctx: Context) -> int:
    from broadcast import icecast_relays as ir
    from schedules.endpoints import list_endpoints, parse_url

    a = ctx.args
    master = ir.parse_host_port(a.master, option="--master")
    relays = [ir.parse_host_port(r, option="--relay") for r in a.relay]
    for r in relays:
        if r == master:
            raise InputRefused(_("--relay {relay} is the master itself: a relay must be another Icecast.", relay=r.authority))
    mounts = [ir.check_mount(m) for m in a.mount]
    with ctx.ws.sessions() as s:
        for ep in list_endpoints(s):
            u = parse_url(ep.url)
            if u.scheme.startswith("icecast") and (u.host or "").lower() == master.host.lower() and (u.port or 8000) == master.port:
                mounts.append(ir.check_mount(u.path))
    mounts = sorted(set(mounts))
    if a.mode == "mounts" and not mounts:
        raise InputRefused(
            _(
                "No endpoint streams to the master {master}, and no --mount was given: nothing to relay. Add the endpoints first (loaxa endpoints add ... --url icecast://source:PASSWORD@{master}/MOUNT) or name the mounts with --mount.",
                master=master.authority,
            )
        )
    password = None
    if a.mode == "master":
        if a.relay_password_file:
            try:
                password = Path(a.relay_password_file).read_text(encoding="utf-8").splitlines()[0].strip()
            except (OSError, IndexError, UnicodeDecodeError) as exc:
                raise InputRefused(_("Cannot read the relay password from {path}: {error}", path=a.relay_password_file, error=str(exc))) from exc
            if not password:
                raise InputRefused(_("The relay password file {path} is empty.", path=a.relay_password_file))
        else:
            password = secrets.token_urlsafe(18)
    out_dir = Path(a.out).expanduser() if a.out else None
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise InputRefused(_("--out {path} is a file, not a folder.", path=str(out_dir)))

    docs: list[dict[str, Any]] = []
    for r in relays:
        xml = ir.relay_sections(master, r, mounts, mode=a.mode, relay_password=password)
        docs.append({"relay": r.authority, "xml": xml, "listen_urls": {m: ir.listen_url(r, m) for m in mounts}})
    result: dict[str, Any] = {"master": master.authority, "mode": a.mode, "mounts": mounts, "relays": docs}
    if password is not None:
        result["master_authentication"] = ir.master_authentication("relay", password)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        files = [(out_dir / _file_name(ir.parse_host_port(d["relay"], option="--relay")), d) for d in docs]
        writes = [(p, d["xml"]) for p, d in files]
        if password is not None:
            writes.append((out_dir / "icecast-master-authentication.xml", result["master_authentication"]))
        for path, text in writes:  # each file whole or not at all
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(text, encoding="utf-8")
            if password is not None:
                os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        for path, d in files:
            d["file"] = str(path)
        if password is not None:
            result["master_authentication_file"] = str(out_dir / "icecast-master-authentication.xml")
    emit(ctx, result, lambda: _text(result))
    return 0


def _text(r: dict[str, Any]) -> str:
    lines: list[str] = []
    if "master_authentication" in r and "master_authentication_file" not in r:
        lines.append(r["master_authentication"])
    for d in r["relays"]:
        if "file" in d:
            lines.append(_("Relay {relay}: written to {path}", relay=d["relay"], path=d["file"]))
        else:
            lines.append(d["xml"])
    if "master_authentication_file" in r:
        lines.append(_("The master's relay password: {path} (add it to the master's icecast.xml)", path=r["master_authentication_file"]))
    return "\n".join(lines)
