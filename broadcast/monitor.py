"""Endpoint monitoring and proof of delivery, as an ordinary listener would see a mount.

- :func:`listen` connects to a stream URL like a receiver and reports what arrives, when;
- :func:`verify_delivery` listens during an airing and looks for the exact bytes of its first
  content frames: finding them proves the programme reached listeners, and when (the measured
  delay becomes the endpoint's latency lead);
- :func:`admin_listeners` reads Icecast's admin statistics (listener count) when credentials
  are configured; :func:`probe_server` checks that a server answers at all.
All of it is asyncio, so hundreds of endpoints are watched from the engine's one loop.
"""

from __future__ import annotations

import asyncio
import base64
import builtins
import logging
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import defusedxml.ElementTree as SafeET

from schedules.endpoints import EndpointURL
from schedules.errors import LoaxaError

from . import tls

log = logging.getLogger("loaxa.monitor")


@dataclass
class Reception:
    """What a listener received: chunks with their arrival times (monotonic)."""

    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    connected_at: float | None = None
    chunks: list[tuple[float, bytes]] = field(default_factory=list)
    error: str | None = None

    @property
    def data(self) -> bytes:
        return b"".join(d for _t, d in self.chunks)

    @property
    def bytes(self) -> int:
        return sum(len(d) for _t, d in self.chunks)

    def arrival_of(self, needle: builtins.bytes) -> float | None:  # (bytes here is the property above)
        """When the first occurrence of ``needle`` had fully arrived (monotonic), or None."""
        buf = bytearray()
        for t, d in self.chunks:
            buf.extend(d)
            if needle and needle in buf:
                return t
            if len(buf) > 4 * 1024 * 1024:
                del buf[: len(buf) - len(needle)]
        return None

    def start_of(self, needle: builtins.bytes, first: int) -> float | None:
        """When the first ``first`` bytes of the first occurrence of ``needle`` had arrived
        (monotonic), or None: the content is found by the whole needle (long enough to be
        unique) and timed by its beginning (its first frame). A server that relays in blocks
        (Icecast: 1,400 bytes) delivers the rest of a long needle only with the next block."""
        data = self.data
        at = data.find(needle) if needle else -1
        if at < 0:
            return None
        end = at + max(1, min(first, len(needle)))
        pos = 0
        for t, d in self.chunks:
            pos += len(d)
            if pos >= end:
                return t
        return None


def listen_url(u: EndpointURL) -> str:
    """The listener URL of an Icecast endpoint (http, or https for icecast+tls)."""
    scheme = "https" if u.tls else "http"
    return f"{scheme}://{u.authority}{quote(u.path, safe='/')}"


async def _open(
    url: str, timeout: float, headers: dict[str, str] | None = None, *, cafile: str | None = None
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, int, dict[str, str]]:
    """GET ``url`` (http or https; ``cafile`` adds a trusted certificate): (reader, writer,
    status, headers). Raises OSError or TimeoutError."""
    parts = urlsplit(url)
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    try:
        ctx = tls.context(cafile) if secure else None
    except LoaxaError as exc:
        raise OSError(exc.message) from exc
    reader, writer = await asyncio.wait_for(asyncio.open_connection(parts.hostname, port, ssl=ctx), timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    lines = [f"GET {path} HTTP/1.0", f"Host: {parts.hostname}:{port}", "User-Agent: LoaXa-listener/0.1", "Icy-MetaData: 0"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    try:
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), timeout)
        parts_status = status_line.decode("latin-1").split()
        status = int(parts_status[1]) if len(parts_status) > 1 and parts_status[1].isdigit() else 0
        hdrs: dict[str, str] = {}
        while True:
            line = await asyncio.wait_for(reader.readline(), timeout)
            if not line or line in (b"\r\n", b"\n"):
                break
            k, _sep, v = line.decode("latin-1").partition(":")
            hdrs[k.strip().lower()] = v.strip()
    except BaseException:
        writer.close()
        raise
    return reader, writer, status, hdrs


async def listen(url: str, duration: float, *, connect_timeout: float = 5.0, retry_until: float | None = None, cafile: str | None = None) -> Reception:
    """Receive ``url`` for ``duration`` seconds; retry a missing mount (404) until ``retry_until``."""
    rec = Reception()
    loop = asyncio.get_running_loop()
    while True:
        try:
            reader, writer, status, hdrs = await _open(url, connect_timeout, cafile=cafile)
        except (OSError, TimeoutError) as exc:
            rec.error = f"{type(exc).__name__}: {exc}"
            if retry_until is not None and loop.time() < retry_until:
                await asyncio.sleep(0.1)
                continue
            return rec
        rec.status, rec.headers = status, hdrs
        if status == 404 and retry_until is not None and loop.time() < retry_until:
            writer.close()
            await asyncio.sleep(0.1)
            continue
        break
    if status != 200:
        writer.close()
        rec.error = f"HTTP {status}"
        return rec
    rec.connected_at = loop.time()
    end = rec.connected_at + duration
    try:
        while True:
            left = end - loop.time()
            if left <= 0:
                break
            try:
                data = await asyncio.wait_for(reader.read(65536), left)
            except TimeoutError:
                break
            if not data:
                break
            rec.chunks.append((loop.time(), data))
    except (OSError, ConnectionError) as exc:
        rec.error = f"{type(exc).__name__}: {exc}"
    finally:
        writer.close()
    return rec


@dataclass
class Verification:
    verified: bool
    delay_ms: float | None
    reason: str | None
    bytes: int


async def verify_delivery(
    url: str, needle: bytes, content_due_mono: float, *, listen_s: float, connect_timeout: float = 5.0, cafile: str | None = None
) -> Verification:
    """Listen to a mount around an airing's start and look for its first content frames.

    ``content_due_mono`` is when (on the loop's clock) the content should reach listeners; the
    delay is arrival minus that. Called just as the first frame leaves, so the listener is on
    the mount before the content arrives."""
    rec = await listen(url, listen_s, connect_timeout=connect_timeout, cafile=cafile)
    if rec.error and not rec.chunks:
        return Verification(False, None, rec.error, 0)
    arrival = rec.arrival_of(needle)
    if arrival is None:
        why = "no content arrived" if rec.bytes else "nothing arrived"
        return Verification(False, None, why, rec.bytes)
    return Verification(True, round((arrival - content_due_mono) * 1000.0, 1), None, rec.bytes)


async def admin_listeners(u: EndpointURL, user: str, password: str, *, timeout: float = 5.0) -> int | None:
    """Listeners on the mount from Icecast's ``/admin/stats`` (None when unavailable)."""
    scheme = "https" if u.tls else "http"
    auth = base64.b64encode(f"{user}:{password}".encode()).decode()
    try:
        reader, writer, status, _h = await _open(f"{scheme}://{u.authority}/admin/stats", timeout, {"Authorization": f"Basic {auth}"}, cafile=u.cafile)
        body = await asyncio.wait_for(reader.read(), timeout)
        writer.close()
    except (OSError, TimeoutError):
        return None
    if status != 200:
        return None
    try:
        root = SafeET.fromstring(body)
    except SafeET.ParseError:
        return None
    for src in root.iter("source"):
        if src.get("mount") == u.path:
            text = src.findtext("listeners")
            return int(text) if text and text.isdigit() else None
    return None


async def probe_server(u: EndpointURL, *, timeout: float = 3.0) -> tuple[bool, str | None, float | None]:
    """Does the server answer HTTP? (ok, error, seconds taken)."""
    scheme = "https" if u.tls else "http"
    t0 = time.monotonic()
    try:
        _reader, writer, status, _h = await _open(f"{scheme}://{u.authority}/status-json.xsl", timeout, cafile=u.cafile)
        writer.close()
    except (OSError, TimeoutError) as exc:
        return False, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__, None
    return status in (200, 404), None if status in (200, 404) else f"HTTP {status}", time.monotonic() - t0


@dataclass
class EndpointTest:
    ok: bool
    reachable: bool
    authenticated: bool | None
    seconds: float | None
    message: str
    server_date: str | None = None


async def test_endpoint(url: str, *, timeout: float = 5.0) -> EndpointTest:
    """Can LoaXa feed this endpoint? For Icecast: the server answers, and the source password is
    accepted, checked on a spare mount (``<mount>-loaxa-test``) so a mount on air is never taken
    over. For a folder: it exists or can be made, and is writable."""
    import os
    from pathlib import Path

    from schedules.endpoints import parse_url
    from schedules.i18n import _

    from .outputs.base import OutputError
    from .outputs.icecast import IcecastOutput

    u = parse_url(url)
    if u.scheme == "file":
        folder: Path = u.folder()
        target = folder
        while not target.exists() and target != target.parent:
            target = target.parent  # it will be made when the first airing writes
        ok = target.is_dir() and os.access(target, os.W_OK)
        return EndpointTest(ok, ok, None, None, _("The folder can be written.") if ok else _("The folder cannot be written: {path}", path=folder))
    if u.scheme == "memory":
        return EndpointTest(True, True, None, 0.0, "")
    if u.scheme == "soundcard":  # played on this PC (broadcast/outputs/soundcard.py)
        return EndpointTest(True, True, None, None, _("The PC's sound output {device}: it plays when the engine airs.", device=u.path))
    if u.scheme == "httn":  # store and forward through the province server (broadcast/httn/clusters.py)
        return EndpointTest(
            True,
            True,
            None,
            None,
            _("A cluster that plays from a schedule sent through the province server; its status comes from the province (see: loaxa httn status)."),
        )
    t0 = time.monotonic()
    reachable, err, _secs = await probe_server(u, timeout=timeout)
    if not reachable:
        return EndpointTest(False, False, None, None, _("The server does not answer: {error}", error=err))
    spare = EndpointURL(u.scheme, u.user, u.password, u.host, u.port, u.path.rstrip("/") + "-loaxa-test", u.cafile)
    out = IcecastOutput("test", spare, name="LoaXa test")
    try:
        await out.open()
    except OutputError as exc:
        if exc.kind == "auth":
            return EndpointTest(False, True, False, None, exc.message)
        return EndpointTest(False, True, None, None, exc.message)
    finally:
        await out.close()
    return EndpointTest(True, True, True, time.monotonic() - t0, _("The server answers and accepts the source password."))
