"""The HTTP client of the province's interface (httpx): login with a bearer token, JSON messages,
file upload, the list of published bulletins, and downloads with a size limit.

Every failure is one of two kinds, decided by what the province answered, never by its wording:
:class:`Transient` (network down, timeout, 5xx, 429, a body that is not the interface's JSON, a
login refused): try again later; :class:`Permanent` (any other 4xx, or ``TrangThaiGui`` 1 in a
200): the message itself is refused, retrying cannot help. A 401 logs in again once and retries.
"""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import httpx

from schedules.httn import Config, field_of
from schedules.i18n import _

log = logging.getLogger("loaxa.httn")


class HttnError(Exception):
    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class Transient(HttnError):
    """Worth trying again later."""


class Permanent(HttnError):
    """The province refused this message; sending it again would be refused again."""


@dataclass(frozen=True)
class Answer:
    status: int
    content: Any
    reason: str
    ok: bool = True  # TrangThaiGui 0 (or absent)


def _tls(cfg: Config) -> ssl.SSLContext | bool:
    if cfg.cafile:
        ctx = ssl.create_default_context()
        ctx.load_verify_locations(cafile=cfg.cafile)
        return ctx
    return True


class HttnClient:
    """One province server; use as ``async with HttnClient(cfg) as c``."""

    def __init__(self, cfg: Config, *, timeout: float = 15.0) -> None:
        self.cfg = cfg
        self._client = httpx.AsyncClient(
            verify=_tls(cfg),
            timeout=httpx.Timeout(timeout, connect=5.0),
            headers={"Accept": "application/json"},
            limits=httpx.Limits(max_connections=8, max_keepalive_connections=8),
        )
        self._token: str | None = None
        self._login_lock = asyncio.Lock()
        self.logins = 0

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    # ---------------------------------------------------------------------------------------

    @staticmethod
    def _decode(resp: httpx.Response) -> Answer:
        try:
            data = resp.json()
        except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
            data = None
        if not isinstance(data, dict):
            if resp.status_code >= 500 or resp.status_code == 429:
                raise Transient(_("The province server answered {status}.", status=resp.status_code), resp.status_code)
            if 400 <= resp.status_code < 500 and resp.status_code != 401:
                raise Permanent(_("The province server refused the message ({status}).", status=resp.status_code), resp.status_code)
            if resp.status_code == 401:
                return Answer(401, None, "", False)
            raise Transient(_("The province server's answer is not the interface's JSON ({status}).", status=resp.status_code), resp.status_code)
        reason = str(field_of(data, "MoTa") or "")
        return Answer(resp.status_code, field_of(data, "NoiDung"), reason, field_of(data, "TrangThaiGui") in (0, "0", None))

    @staticmethod
    def _judge(ans: Answer, data_ok: bool) -> None:
        if ans.status >= 500 or ans.status == 429:
            raise Transient(_("The province server answered {status}: {reason}", status=ans.status, reason=ans.reason or "-"), ans.status)
        if 400 <= ans.status < 500:
            raise Permanent(_("The province refused the message ({status}): {reason}", status=ans.status, reason=ans.reason or "-"), ans.status)
        if not data_ok:
            raise Permanent(_("The province refused the message: {reason}", reason=ans.reason or "-"), ans.status)

    async def _send(self, method: str, url: str, **kw: Any) -> httpx.Response:
        try:
            return await self._client.request(method, url, **kw)
        except httpx.TimeoutException as exc:
            raise Transient(_("The province server did not answer in time ({kind}).", kind=type(exc).__name__)) from exc
        except httpx.TransportError as exc:
            raise Transient(_("The province server cannot be reached ({kind}: {detail}).", kind=type(exc).__name__, detail=str(exc) or "-")) from exc

    async def login(self) -> None:
        resp = await self._send("POST", self.cfg.endpoint("login"), json={"Username": self.cfg.user, "Password": self.cfg.password})
        ans = self._decode(resp)
        self.logins += 1
        if ans.status == 401 or ans.status == 403:
            self._token = None
            raise Transient(_("The province server refused the login of '{user}': {reason}", user=self.cfg.user, reason=ans.reason or ans.status), ans.status)
        self._judge(ans, True)
        token = field_of(ans.content or {}, "Token") if isinstance(ans.content, dict) else None
        if not token:
            raise Transient(_("The province server's login answer has no token."), ans.status)
        self._token = str(token)
        log.info("logged in to the province server as %s", self.cfg.user)

    async def _fresh_token(self, stale: str | None) -> str:
        """A token; logs in when there is none or the one given was refused (once for all the
        requests that saw it refused at the same time)."""
        async with self._login_lock:
            if self._token is None or self._token == stale:
                self._token = None
                await self.login()
            assert self._token is not None
            return self._token

    async def _authorised(self, method: str, url: str, *, headers: dict[str, str] | None = None, **kw: Any) -> httpx.Response:
        """A request with the bearer token; on 401 log in again once and retry."""
        token = self._token or await self._fresh_token(None)
        resp = await self._send(method, url, headers={**(headers or {}), "Authorization": f"Bearer {token}"}, **kw)
        if resp.status_code == 401:
            log.info("token refused (401); logging in again")
            token = await self._fresh_token(token)
            resp = await self._send(method, url, headers={**(headers or {}), "Authorization": f"Bearer {token}"}, **kw)
            if resp.status_code == 401:
                raise Transient(_("The province server refused the token right after a login."), 401)
        return resp

    async def post(self, kind: str, body: dict[str, Any]) -> Answer:
        """Send one JSON message; returns the answer or raises Transient / Permanent."""
        content = json.dumps(body, ensure_ascii=False).encode("utf-8")
        resp = await self._authorised("POST", self.cfg.endpoint(kind), content=content, headers={"Content-Type": "application/json; charset=utf-8"})
        ans = self._decode(resp)
        self._judge(ans, ans.ok)
        return ans

    async def upload(self, path: Path) -> str:
        """Upload one audio file (multipart field ``file``); the link the province answered."""
        data = await asyncio.to_thread(path.read_bytes)  # a rendition: a few MB at most
        resp = await self._authorised("POST", self.cfg.endpoint("tep"), files={"file": (path.name, data, "audio/mpeg")})
        ans = self._decode(resp)
        self._judge(ans, ans.ok)
        link = field_of(ans.content, "Link") if isinstance(ans.content, dict) else None
        if not link:
            raise Transient(_("The province server's upload answer has no link."), ans.status)
        return str(link)

    async def published(self, area: str, since_iso: str) -> list[Any]:
        """Bulletins published for one area since an instant (the raw list; checked by the puller)."""
        resp = await self._authorised("GET", self.cfg.endpoint("xuatban"), params={"DiaBan": area, "TuNgay": since_iso})
        ans = self._decode(resp)
        self._judge(ans, ans.ok)
        if ans.content is None:
            return []
        if not isinstance(ans.content, list):
            raise Transient(_("The province server's list of bulletins is not a list."), ans.status)
        return ans.content

    async def get_json(self, path: str, params: dict[str, str]) -> Any:
        resp = await self._authorised("GET", self.cfg.url.rstrip("/") + path, params=params)
        ans = self._decode(resp)
        self._judge(ans, ans.ok)
        return ans.content

    async def download(self, url: str, dest: Path, max_bytes: int) -> str:
        """Stream ``url`` into ``dest`` (at most ``max_bytes``); returns the Content-Type.
        Raises Permanent for an oversize file or a 4xx, Transient for network trouble."""
        headers = {"Authorization": f"Bearer {self._token}"} if self._token and url.startswith(self.cfg.url) else {}
        try:
            async with self._client.stream("GET", url, headers=headers) as resp:
                if resp.status_code >= 500:
                    raise Transient(_("The province server answered {status}.", status=resp.status_code), resp.status_code)
                if resp.status_code >= 400:
                    raise Permanent(_("The audio file cannot be fetched ({status}).", status=resp.status_code), resp.status_code)
                declared = resp.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise Permanent(_("The audio file is too large ({mb} MB; at most {limit} MB).", mb=int(declared) // 2**20, limit=max_bytes // 2**20))
                n = 0
                with dest.open("wb") as fh:
                    async for chunk in resp.aiter_bytes():
                        n += len(chunk)
                        if n > max_bytes:
                            raise Permanent(_("The audio file is too large (more than {limit} MB).", limit=max_bytes // 2**20))
                        fh.write(chunk)
                return str(resp.headers.get("Content-Type", ""))
        except httpx.TimeoutException as exc:
            raise Transient(_("The province server did not answer in time ({kind}).", kind=type(exc).__name__)) from exc
        except httpx.TransportError as exc:
            raise Transient(_("The province server cannot be reached ({kind}: {detail}).", kind=type(exc).__name__, detail=str(exc) or "-")) from exc
