"""Endpoints: the stream targets LoaXa feeds (Icecast mounts, or offline ``file://`` folders).

The password never stays in the stored URL: it is taken out of ``icecast://USER:PASSWORD@...``
or read from ``--password-file`` and kept in its own column; lists show the URL masked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit, urlunsplit
from urllib.request import url2pathname

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import audit, lease
from .areas import AreaTree, check_code, code_in_use, get_area
from .clock import utcnow
from .errors import InputRefused, NotFound
from .formats import DEFAULT_FORMAT, parse_format
from .i18n import _
from .models import AsRunRecord, Endpoint
from .text import check_text, has_control, shown

SCHEMES = ("file", "icecast", "icecast+tls", "memory", "httn", "soundcard")
USER_SCHEMES = ("file", "icecast", "icecast+tls", "httn", "soundcard")  # memory:// is the simulator's, never a user's
URL_MAX = 2000
_HOST = re.compile(r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_-]{1,63})*\.?")
_USERINFO = re.compile(r"(//[^/:@]*:)[^/]*@")


@dataclass(frozen=True)
class EndpointURL:
    scheme: str
    user: str | None
    password: str | None
    host: str | None
    port: int | None
    path: str  # mount ("/commune1") or folder path for file://
    cafile: str | None = None  # icecast+tls: trust this certificate (PEM) besides the system's
    backend: str | None = None  # soundcard: the player asked by ?backend= (pulse, portaudio), None for the system's default

    @property
    def tls(self) -> bool:
        return self.scheme == "icecast+tls"

    @property
    def authority(self) -> str:
        """``host:port`` as a URL or a Host header writes it (an IPv6 address in brackets)."""
        host = f"[{self.host}]" if self.host and ":" in self.host else (self.host or "")
        return f"{host}:{self.port}" if self.port else host

    def folder(self) -> Path:
        """The folder of a ``file://`` endpoint."""
        return Path(url2pathname(self.path))


def parse_url(url: str) -> EndpointURL:
    """Split and check an endpoint URL (exit 3 when it cannot be used). Nothing is repaired:
    control characters, spaces, a host that is not a host name or an address, port 0, a query
    other than ``cafile=``, a fragment, a relative or NUL-holding ``file://`` path are refused."""
    if not isinstance(url, str) or not url or len(url) > URL_MAX:
        raise InputRefused(_("--url: give a URL of at most {n} characters.", n=URL_MAX))
    if has_control(url) or any(c.isspace() for c in url):
        raise InputRefused(_("--url: '{url}' holds spaces or control characters; type it again without them.", url=shown(mask_url(url))))
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InputRefused(_("--url: '{url}' is not a valid URL (check the port: 1 to 65535).", url=shown(mask_url(url)))) from exc
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise InputRefused(
            _("--url: scheme '{scheme}' is not supported; use icecast://USER@HOST:PORT/MOUNT, icecast+tls://... or file:///FOLDER.", scheme=shown(scheme))
        )
    if parts.fragment or "#" in url:
        raise InputRefused(_("--url: '{url}' has a '#' part; an endpoint URL has none.", url=shown(mask_url(url))))
    if scheme == "file":
        path = unquote(parts.path)
        if parts.netloc not in ("", "localhost") or not url.lower().startswith("file:/") or not path.startswith("/") or parts.query:
            raise InputRefused(_("--url: a file endpoint needs an absolute folder, e.g. file:///var/loaxa/out."))
        if has_control(path) or "\x00" in path:
            raise InputRefused(_("--url: the folder name holds control characters; give a plain folder path."))
        if any(seg in (".", "..") for seg in path.split("/")):
            raise InputRefused(_("--url: the folder path may not contain '.' or '..' parts."))
        return EndpointURL(scheme, None, None, None, None, path)
    if scheme == "memory":
        return EndpointURL(scheme, None, None, None, None, parts.netloc + parts.path)
    if scheme == "soundcard":  # the PC's sound output: soundcard://default or soundcard://DEVICE[?backend=pulse|portaudio]
        device = unquote(parts.netloc + parts.path).strip("/")
        # a PortAudio name or part of one may hold spaces and brackets (Windows: "Speakers (Realtek(R) Audio)"): typed as %20
        if not re.fullmatch(r"[\w.:@()-](?:[\w .:@()-]{0,198}[\w.:@()-])?", device) or ".." in device:
            raise InputRefused(
                _(
                    "--url: a soundcard:// endpoint names one sound output, e.g. soundcard://default, soundcard://alsa_output.pci-0000_00_1b.0.analog-stereo or soundcard://Realtek?backend=portaudio (letters, digits, '.', '_', ':', '@', '(', ')', '-', spaces as %20)."
                )
            )
        backend = None
        if parts.query:
            backend = parts.query.removeprefix("backend=")
            if backend not in ("pulse", "portaudio") or not parts.query.startswith("backend="):
                raise InputRefused(
                    _(
                        "--url: after '?' a soundcard:// endpoint takes only backend=pulse (PulseAudio, Linux) or backend=portaudio (PortAudio: Windows, macOS, Linux)."
                    )
                )
        return EndpointURL(scheme, None, None, None, None, device, backend=backend)
    if scheme == "httn":  # a cluster of the province platform that plays from a schedule (docs/httn.md)
        cluster = parts.netloc + parts.path.rstrip("/")
        if parts.query or not re.fullmatch(r"[A-Za-z0-9_.-]{1,100}", cluster):
            raise InputRefused(
                _("--url: an httn:// endpoint names one cluster of the province platform, e.g. httn://CUM-0001 (letters, digits, '.', '_' or '-').")
            )
        return EndpointURL(scheme, None, None, None, None, cluster)
    host = parts.hostname
    if not host:
        raise InputRefused(_("--url: the server's host name is missing."))
    if not _valid_host(host, parts.netloc):
        raise InputRefused(_("--url: '{host}' is not a host name or an IP address.", host=shown(host)))
    if port == 0:
        raise InputRefused(_("--url: port 0 cannot be used; give the server's port (1 to 65535), e.g. 8000."))
    if not parts.path or parts.path == "/":
        raise InputRefused(_("--url: the mount point is missing, e.g. icecast://source@host:8000/xa-an-binh."))
    try:
        query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query), max_num_fields=4)
    except ValueError as exc:
        raise InputRefused(_("--url: the part after '?' is not understood; only cafile=FILE may follow.")) from exc
    if set(query) - {"cafile"} or any(len(v) != 1 for v in query.values()):
        raise InputRefused(_("--url: the part after '?' is not understood; only cafile=FILE may follow."))
    cafiles = query.get("cafile")
    cafile = cafiles[0] if cafiles else None
    if cafile is not None and scheme != "icecast+tls":
        raise InputRefused(_("--url: cafile= is for icecast+tls:// endpoints (a server with a TLS certificate)."))
    if cafile is not None and (not cafile or has_control(cafile) or not Path(cafile).is_absolute()):
        raise InputRefused(_("--url: cafile= needs the absolute path of a certificate file (PEM)."))
    return EndpointURL(
        scheme,
        unquote(parts.username) if parts.username else "source",
        unquote(parts.password) if parts.password is not None else None,
        host,
        port or (443 if scheme == "icecast+tls" else 8000),
        parts.path,
        cafile,
    )


def _valid_host(host: str, netloc: str) -> bool:
    """A DNS name or an IPv4 address, or an IPv6 address written in brackets."""
    import ipaddress

    if ":" in host:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return f"[{host}]" in netloc.lower()
    return bool(_HOST.fullmatch(host))


def parse_user_url(url: str, *, data_dir: Path | None = None, media_root: Path | None = None) -> EndpointURL:
    """An endpoint URL as a person may give it: :func:`parse_url`, no internal scheme, and a
    ``file://`` folder LoaXa may write into (see schedules.paths.user_folder)."""
    u = parse_url(url)
    if u.scheme not in USER_SCHEMES:
        raise InputRefused(
            _("--url: scheme '{scheme}' is not supported; use icecast://USER@HOST:PORT/MOUNT, icecast+tls://... or file:///FOLDER.", scheme=u.scheme)
        )
    if u.scheme == "file":
        from .paths import user_folder

        user_folder(u.folder(), what="--url", data_dir=data_dir, media_root=media_root)
    return u


def check_cafile(u: EndpointURL) -> None:
    """When adding or changing an endpoint: the certificate file it names must be there and be
    a PEM certificate (never any other file, e.g. /etc/shadow, that the engine would read)."""
    if u.cafile is None:
        return
    p = Path(u.cafile)
    if not p.is_file():
        raise InputRefused(
            _("--url: the certificate file {path} does not exist (cafile= needs the server's certificate or its CA, in PEM).", path=shown(u.cafile))
        )
    try:
        head = p.read_bytes()[: 1 << 20] if p.stat().st_size <= 1 << 20 else b""
    except OSError:
        head = b""
    if b"-----BEGIN CERTIFICATE-----" not in head:
        raise InputRefused(_("--url: {path} is not a certificate in PEM form (cafile= needs the server's certificate or its CA).", path=shown(u.cafile)))


def strip_password(url: str) -> tuple[str, str | None]:
    """The URL without its password, and the password (or None)."""
    u = parse_url(url)
    if u.password is None:
        return url, None
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{quote(u.user or '', safe='')}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)), u.password


def mask_url(url: str) -> str:
    """The URL with any password replaced by ``****`` (done on the text, so a URL that does not
    parse, e.g. with a bad port, never shows its password either; IPv6 brackets stay)."""
    return _USERINFO.sub(r"\1****@", str(url), count=1)


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
    data_dir: Path | None = None,
    media_root: Path | None = None,
) -> Endpoint:
    """Create an endpoint beneath ``area``; its code must be unused by areas and endpoints.
    ``data_dir`` and ``media_root`` (when known) keep a ``file://`` folder out of LoaXa's own."""
    check_code(code)
    if not (name or "").strip():
        raise InputRefused(_("--name: the name must not be empty."))
    name = check_text(name, field="--name", max_len=200)
    parse_user_url(url, data_dir=data_dir, media_root=media_root)
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
    data_dir: Path | None = None,
    media_root: Path | None = None,
) -> Endpoint:
    """Change an endpoint; ``latency_ms="auto"`` goes back to the measured delay. A new URL is
    checked exactly as :func:`add_endpoint` checks it."""
    ep = get_endpoint(session, code)
    before = _audit_view(ep)
    if name is not None:
        if not name.strip():
            raise InputRefused(_("--name: the name must not be empty."))
        ep.name = check_text(name, field="--name", max_len=200)
    if url is not None:
        parse_user_url(url, data_dir=data_dir, media_root=media_root)
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
    after = _audit_view(ep)
    changed = [k for k in after if after[k] != before[k]]
    hidden = {k: "***" for k in changed if k in _SECRET_FIELDS}  # whether a password changed, never what it is
    audit.record(session, "endpoint.edit", "endpoint", code, before={k: before[k] for k in changed} | hidden, after={k: after[k] for k in changed} | hidden)
    return ep


_SECRET_FIELDS = ("password", "admin_password")


def _audit_view(ep: Endpoint) -> dict[str, Any]:
    """What the audit log compares of an endpoint before and after a change (secrets masked there)."""
    return {
        "name": ep.name,
        "url": ep.url,
        "format": ep.format,
        "enabled": ep.enabled,
        "preroll_s": ep.preroll_s,
        "latency_ms_manual": ep.latency_ms_manual,
        "admin_user": ep.admin_user,
        "password": ep.password,
        "admin_password": ep.admin_password,
    }


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


def endpoint_dict(ep: Endpoint, tz: Any = None, *, engine_running: bool | None = None, now: datetime | None = None) -> dict[str, Any]:
    """An endpoint for people and scripts. With ``engine_running`` given, the status is what it
    means now: ``unknown`` (with ``checked_s_ago``) when no engine runs or the last check is old."""
    from .engine_store import STATUS_STALE_S, effective_status
    from .timeutil import iso_local

    status, age = ep.status, None
    if engine_running is not None:
        status, age = effective_status(ep.status, ep.last_checked, now or utcnow(), engine_running=engine_running, stale_s=STATUS_STALE_S)
    return {
        "code": ep.code,
        "name": ep.name,
        "area": ep.area_code,
        "url": display_url(ep),
        "format": ep.format,
        "enabled": ep.enabled,
        "status": status,
        "checked_s_ago": round(age) if age is not None else None,
        "last_seen": iso_local(ep.last_seen, tz) if tz else (ep.last_seen.isoformat() if ep.last_seen else None),
        "last_error": ep.last_error,
        "listeners": ep.listeners,
        "latency_ms": ep.latency_ms_manual if ep.latency_ms_manual is not None else ep.latency_ms_measured,
        "listen_url": ep.listen_url,  # receivers listen at a relay (issue 18); None: at the endpoint itself
    }


def overview(session: Session, now: datetime) -> dict[str, Any]:
    """The area tree and its endpoints as the window lists them at ``now``: ``areas`` as (depth,
    code, name, level, parent code) depth first, and ``endpoints`` by area code, each an
    :func:`endpoint_dict` plus ``last_seen_dt``, ``last_airing`` (the latest as-run start) and
    ``tz`` (the area's time zone)."""
    tree = AreaTree.load(session)
    q = select(AsRunRecord.endpoint_code, func.max(AsRunRecord.actual_start)).group_by(AsRunRecord.endpoint_code)
    last = {code: at for code, at in session.execute(q)}
    running = lease.read(session, now).alive
    eps: dict[str, list[dict[str, Any]]] = {}
    for e in session.scalars(select(Endpoint).order_by(Endpoint.code)):
        d = endpoint_dict(e, engine_running=running, now=now)
        d["last_seen_dt"] = e.last_seen
        d["last_airing"] = last.get(e.code)
        d["tz"] = tree.tz_name(e.area_code)
        eps.setdefault(e.area_code, []).append(d)
    return {"areas": [(depth, a.code, a.name, a.level, a.parent_code) for depth, a in tree.depth_first()], "endpoints": eps}
