"""The Icecast 2 source client: LoaXa streams an airing to a mount; receivers are its listeners.

Protocol (Icecast 2.4): ``PUT /mount HTTP/1.1`` with Basic authentication, ``Content-Type:
audio/mpeg``, ``ice-name``, ``ice-description``, ``ice-public: 0`` and ``Expect: 100-continue``;
200 (after 100) means go ahead, 401 a wrong password, 403 a mount already in use. Servers that
need the legacy ``SOURCE`` method get it with ``?method=source`` on the endpoint URL. TLS with
``icecast+tls://``. The password is never logged: messages name the mount, not the URL.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import socket
import ssl
from urllib.parse import parse_qs, quote

from schedules.endpoints import EndpointURL
from schedules.errors import LoaxaError
from schedules.i18n import _

from .. import tls
from .base import Output, OutputError

log = logging.getLogger("loaxa.output")

CONNECT_TIMEOUT_S = 5.0
WRITE_TIMEOUT_S = 5.0
USER_AGENT = "LoaXa/0.1"


class IcecastOutput(Output):
    continuous = True

    def __init__(self, code: str, url: EndpointURL, *, name: str = "", description: str = "", query: str = "") -> None:
        super().__init__(code)
        self.url = url
        self.name = name
        self.description = description
        self.legacy = "source" in parse_qs(query).get("method", [])
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    @property
    def where(self) -> str:
        """Host, port and mount for messages (never the password)."""
        return f"{self.url.authority}{self.url.path}"

    @property
    def connected(self) -> bool:
        return self._writer is not None and not self._writer.is_closing()

    async def open(self) -> None:
        await self.close()
        u = self.url
        try:
            ctx = tls.context(u.cafile) if u.tls else None
        except LoaxaError as exc:
            raise OutputError(f"{self.where}: {exc.message}", retry=False, kind="tls") from exc
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(u.host, u.port, ssl=ctx), CONNECT_TIMEOUT_S)
        except TimeoutError as exc:
            raise OutputError(_("{where}: the server did not answer within {s} s.", where=self.where, s=CONNECT_TIMEOUT_S), kind="timeout") from exc
        except OSError as exc:
            if tls.is_untrusted(exc):
                raise OutputError(tls.untrusted_message(self.where, exc), retry=False, kind="tls") from exc
            if isinstance(exc, ssl.SSLError):
                raise OutputError(
                    _("{where}: the TLS handshake failed ({error}); is the port a TLS port?", where=self.where, error=exc.reason or exc), kind="tls"
                ) from exc
            if isinstance(exc, socket.gaierror):
                raise OutputError(
                    _("{where}: the host name cannot be resolved; check the endpoint address.", where=self.where), retry=False, kind="dns"
                ) from exc
            if isinstance(exc, ConnectionRefusedError):
                raise OutputError(_("{where}: the server refused the connection (is Icecast running?).", where=self.where), kind="unreachable") from exc
            raise OutputError(_("{where}: cannot connect ({error}).", where=self.where, error=exc.strerror or type(exc).__name__), kind="unreachable") from exc
        auth = base64.b64encode(f"{u.user or 'source'}:{u.password or ''}".encode()).decode()
        mount = quote(u.path, safe="/")
        headers = [
            f"Host: {u.authority}",
            f"Authorization: Basic {auth}",
            f"User-Agent: {USER_AGENT}",
            "Content-Type: audio/mpeg",
            f"ice-name: {_header(self.name or self.code)}",
            f"ice-description: {_header(self.description or 'LoaXa')}",
            "ice-public: 0",
        ]
        if self.legacy:
            request = f"SOURCE {mount} HTTP/1.0\r\n" + "\r\n".join(headers) + "\r\n\r\n"
        else:
            request = f"PUT {mount} HTTP/1.1\r\n" + "\r\n".join([*headers, "Expect: 100-continue"]) + "\r\n\r\n"
        writer.write(request.encode("latin-1"))
        try:
            await asyncio.wait_for(writer.drain(), WRITE_TIMEOUT_S)
            status = await asyncio.wait_for(_read_status(reader), CONNECT_TIMEOUT_S)
            if status == 100:
                status = await asyncio.wait_for(_read_status(reader), CONNECT_TIMEOUT_S)
        except (TimeoutError, OSError, asyncio.IncompleteReadError) as exc:
            writer.close()
            raise OutputError(_("{where}: the server closed the connection during the handshake.", where=self.where), kind="handshake") from exc
        if status != 200:
            writer.close()
            if status == 401:
                raise OutputError(
                    _("{where}: the server refused the source password (401). Check the endpoint's password.", where=self.where), retry=False, kind="auth"
                )
            if status == 403:
                raise OutputError(_("{where}: the mount is already in use by another source (403).", where=self.where), retry=False, kind="mount_busy")
            raise OutputError(_("{where}: the server answered {status}.", where=self.where, status=status), retry=status >= 500, kind="http")
        self._reader, self._writer = reader, writer
        log.info("connected to %s", self.where)

    async def send(self, data: bytes | memoryview) -> None:
        w = self._writer
        if w is None or w.is_closing():
            raise OutputError(_("{where}: the connection was lost.", where=self.where), kind="lost")
        try:
            w.write(data)
            if w.transport.get_write_buffer_size() > 64 * 1024:
                await asyncio.wait_for(w.drain(), WRITE_TIMEOUT_S)
        except (TimeoutError, OSError, ConnectionError) as exc:
            self._abort()
            raise OutputError(_("{where}: the connection was lost ({error}).", where=self.where, error=type(exc).__name__), kind="lost") from exc
        if self._reader is not None and self._reader.at_eof():
            self._abort()
            raise OutputError(_("{where}: the server closed the connection.", where=self.where), kind="lost")
        self.bytes_sent += len(data)

    can_write_now = True

    def write_now(self, data: bytes) -> bool:
        w = self._writer
        if w is None or w.is_closing():
            return False
        w.write(data)
        self.bytes_sent += len(data)
        return True

    def _abort(self) -> None:
        if self._writer is not None:
            self._writer.transport.abort()
        self._reader = self._writer = None

    async def close(self) -> None:
        w = self._writer
        self._reader = self._writer = None
        if w is None:
            return
        try:
            w.close()
            await asyncio.wait_for(w.wait_closed(), 2.0)
        except (TimeoutError, OSError, ConnectionError):
            w.transport.abort()


async def _read_status(reader: asyncio.StreamReader) -> int:
    """Read an HTTP status line and its headers; returns the status code."""
    line = await reader.readline()
    if not line:
        raise asyncio.IncompleteReadError(b"", None)
    parts = line.decode("latin-1").split()
    code = int(parts[1]) if len(parts) >= 2 and parts[1].isdigit() else 0
    while True:
        h = await reader.readline()
        if not h or h in (b"\r\n", b"\n"):
            break
    return code


def _header(text: str) -> str:
    """A header value: printable ASCII (Vietnamese names are percent-encoded)."""
    return quote(text, safe=" -_.,:()/")
