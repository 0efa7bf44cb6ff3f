"""Endpoints: the stream targets LoaXa feeds (Icecast mounts, or offline ``file://`` folders).

The password never stays in the stored URL: it is taken out of ``icecast://USER:PASSWORD@...``
or read from ``--password-file`` and kept in its own column; lists show the URL masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit, urlunsplit
from urllib.request import url2pathname

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .areas import check_code, code_in_use, get_area
from .errors import InputRefused, NotFound
from .formats import DEFAULT_FORMAT, parse_format
from .i18n import _
from .models import Endpoint

SCHEMES = ("file", "icecast", "icecast+tls", "memory")


@dataclass(frozen=True)
class EndpointURL:
    scheme: str
    user: str | None
    password: str | None
    host: str | None
    port: int | None
    path: str  # mount ("/commune1") or folder path for file://
    cafile: str | None = None  # icecast+tls: trust this certificate (PEM) besides the system's

    @property
    def tls(self) -> bool:
        return self.scheme == "icecast+tls"

    def folder(self) -> Path:
        """The folder of a ``file://`` endpoint."""
        return Path(url2pathname(self.path))


def parse_url(url: str) -> EndpointURL:
    """Split and check an endpoint URL (exit 3 when it cannot be used)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise InputRefused(_("--url: '{url}' is not a valid URL.", url=mask_url(url))) from exc
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise InputRefused(
            _("--url: scheme '{scheme}' is not supported; use icecast://USER@HOST:PORT/MOUNT, icecast+tls://... or file:///FOLDER.", scheme=scheme)
        )
    if scheme == "file":
        if parts.netloc not in ("", "localhost") or not parts.path:
            raise InputRefused(_("--url: a file endpoint needs an absolute folder, e.g. file:///var/loaxa/out."))
        return EndpointURL(scheme, None, None, None, None, unquote(parts.path))
    if scheme == "memory":
        return EndpointURL(scheme, None, None, None, None, parts.netloc + parts.path)
    if not parts.hostname:
        raise InputRefused(_("--url: the server's host name is missing."))
    if not parts.path or parts.path == "/":
        raise InputRefused(_("--url: the mount point is missing, e.g. icecast://source@host:8000/xa-an-binh."))
    cafile = (parse_qs(parts.query).get("cafile") or [None])[0]
    if cafile is not None and scheme != "icecast+tls":
        raise InputRefused(_("--url: cafile= is for icecast+tls:// endpoints (a server with a TLS certificate)."))
    return EndpointURL(
        scheme,
        unquote(parts.username) if parts.username else "source",
        unquote(parts.password) if parts.password is not None else None,
        parts.hostname,
        port or (443 if scheme == "icecast+tls" else 8000),
        parts.path,
        cafile,
    )


def check_cafile(u: EndpointURL) -> None:
    """When adding or changing an endpoint: the certificate file it names must be there."""
    if u.cafile is not None and not Path(u.cafile).is_file():
        raise InputRefused(_("--url: the certificate file {path} does not exist (cafile= needs the server's certificate or its CA, in PEM).", path=u.cafile))


def strip_password(url: str) -> tuple[str, str | None]:
    """The URL without its password, and the password (or None)."""
    u = parse_url(url)
    if u.password is None:
        return url.strip(), None
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{quote(u.user or '', safe='')}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)), u.password


def mask_url(url: str) -> str:
    """The URL with any password replaced by ``****``."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.hostname or ""
        netloc = f"{parts.username}:****@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    except ValueError:
        return "****"


def get_endpoint(session: Session, code: str) -> Endpoint:
    ep = session.get(Endpoint, code)
    if ep is None:
        raise NotFound(_("Endpoint '{code}' does not exist (see: loaxa endpoints list).", code=code))
    return ep


def add_endpoint(
    session: Session,
    code: str,
    name: str,
    area: str,
    url: str,
    *,
    password: str | None = None,
    fmt: str = DEFAULT_FORMAT,
    preroll_s: float | None = None,
    latency_ms: float | None = None,
) -> Endpoint:
    """Create an endpoint beneath ``area``; its code must be unused by areas and endpoints."""
    check_code(code)
    if not (name or "").strip():
        raise InputRefused(_("--name: the name must not be empty."))
    clean, pw_in_url = strip_password(url)
    parsed = parse_url(clean)
    check_cafile(parsed)
    parse_format(fmt)
    if preroll_s is not None and not 0 <= preroll_s <= 60:
        raise InputRefused(_("--preroll: give 0 to 60 seconds."))
    if latency_ms is not None and not 0 <= latency_ms <= 5000:
        raise InputRefused(_("--latency-ms: give 0 to 5000 milliseconds."))
    get_area(session, area)
    if code_in_use(session, code):
        raise InputRefused(_("Code '{code}' is already used by an area or an endpoint.", code=code))
    if parsed.scheme == "file":
        folder = parsed.folder()
        if folder.exists() and not folder.is_dir():
            raise InputRefused(_("--url: '{path}' exists and is not a folder.", path=folder))
    ep = Endpoint(
        code=code,
        name=name.strip(),
        area_code=area,
        url=clean,
        password=password if password is not None else pw_in_url,
        format=parse_format(fmt).name,
        preroll_s=preroll_s,
        latency_ms_manual=latency_ms,
    )
    session.add(ep)
    audit.record(session, "endpoint.add", "endpoint", code, url=clean)
    return ep


def edit_endpoint(
    session: Session,
    code: str,
    *,
    name: str | None = None,
    url: str | None = None,
    password: str | None = None,
    fmt: str | None = None,
    enabled: bool | None = None,
    preroll_s: float | None = None,
    latency_ms: float | str | None = None,
    admin_user: str | None = None,
    admin_password: str | None = None,
) -> Endpoint:
    """Change an endpoint; ``latency_ms="auto"`` goes back to the measured delay."""
    ep = get_endpoint(session, code)
    if name is not None:
        if not name.strip():
            raise InputRefused(_("--name: the name must not be empty."))
        ep.name = name.strip()
    if url is not None:
        clean, pw = strip_password(url)
        check_cafile(parse_url(clean))
        ep.url = clean
        if pw is not None:
            ep.password = pw
    if password is not None:
        ep.password = password
    if fmt is not None:
        ep.format = parse_format(fmt).name
    if enabled is not None:
        ep.enabled = enabled
    if preroll_s is not None:
        if not 0 <= preroll_s <= 60:
            raise InputRefused(_("--preroll: give 0 to 60 seconds."))
        ep.preroll_s = preroll_s
    if latency_ms == "auto":
        ep.latency_ms_manual = None
    elif latency_ms is not None:
        if not 0 <= float(latency_ms) <= 5000:
            raise InputRefused(_("--latency-ms: give 0 to 5000 milliseconds."))
        ep.latency_ms_manual = float(latency_ms)
    if admin_user is not None:
        ep.admin_user = admin_user or None
    if admin_password is not None:
        ep.admin_password = admin_password
    audit.record(session, "endpoint.edit", "endpoint", code)
    return ep


def list_endpoints(session: Session) -> list[Endpoint]:
    return list(session.scalars(select(Endpoint).order_by(Endpoint.area_code, Endpoint.code)))


def full_url(ep: Endpoint) -> str:
    """The URL with its password put back in (for delivery only; never print this)."""
    if not ep.password:
        return ep.url
    parts = urlsplit(ep.url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    user = quote(parts.username or "source", safe="")
    netloc = f"{user}:{quote(ep.password, safe='')}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def display_url(ep: Endpoint) -> str:
    return mask_url(full_url(ep))


def endpoint_dict(ep: Endpoint, tz: Any = None) -> dict[str, Any]:
    from .timeutil import iso_local

    return {
        "code": ep.code,
        "name": ep.name,
        "area": ep.area_code,
        "url": display_url(ep),
        "format": ep.format,
        "enabled": ep.enabled,
        "status": ep.status,
        "last_seen": iso_local(ep.last_seen, tz) if tz else (ep.last_seen.isoformat() if ep.last_seen else None),
        "last_error": ep.last_error,
        "listeners": ep.listeners,
        "latency_ms": ep.latency_ms_manual if ep.latency_ms_manual is not None else ep.latency_ms_measured,
    }
