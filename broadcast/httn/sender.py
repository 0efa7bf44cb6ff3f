"""The sender: drains the HTTTN outbox to the province, in order per key, with retries.

``OutboxSender(ws).run(stop)`` is the adapter's loop in the engine: it sends what is due, pulls
the province's published bulletins every ``httn.poll_s`` seconds, reports endpoint status
changes, and returns promptly when ``stop`` is set. It never blocks the event loop: database
work runs on the sender's own single thread (``run_in_executor``), HTTP on ``httpx.AsyncClient``.
``sync_once()`` sends everything due now (``loaxa httn sync``).

Delivery rules: messages with one key (one bulletin) go out in id order, a later one never
before an earlier one is delivered or refused; a transient failure (network, 5xx, 429, a broken
answer) waits with exponential backoff (1, 2, 4 ... seconds up to ``httn.retry_max_s``); a
permanent refusal (another 4xx, ``TrangThaiGui`` 1) is kept as ``failed`` with the province's
reason for the operator and never retried. A message is marked sent after the province answered;
a crash in between sends it again, which the province treats as one (same ids).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.exc import SQLAlchemyError

from schedules import httn, outbox
from schedules.clock import Clock, SystemClock
from schedules.errors import DeliveryError
from schedules.i18n import _
from schedules.models import Endpoint, HttnFile, HttnMessage
from schedules.workspace import Workspace

from .client import HttnClient, Permanent, Transient
from .puller import BulletinPuller  # (here, not in the engine loop's task: an import there held the loop)

log = logging.getLogger("loaxa.httn")

T = TypeVar("T")

BATCH = 200
CONCURRENCY = 4  # keys sent side by side; one key's messages always one after another
IDLE_S = 1.0


@dataclass
class SyncResult:
    """What one pass of the sender did."""

    configured: bool = True
    sent: int = 0
    refused: int = 0  # permanent failures this pass
    retrying: int = 0  # transient failures this pass (will be tried again)
    remaining: int = 0  # messages still waiting after the pass
    error: str | None = None  # the last transient error, for people
    refusals: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "configured": self.configured,
            "sent": self.sent,
            "refused": self.refused,
            "retrying": self.retrying,
            "remaining": self.remaining,
            "error": self.error,
            "refusals": self.refusals,
        }


@dataclass
class _Msg:
    id: int
    kind: str
    key: str
    payload: dict[str, Any]
    attempts: int


@dataclass
class _Done:
    id: int
    outcome: str  # sent|failed|retry
    status: int | None = None
    error: str | None = None
    attempts: int = 0


class _Unreachable(Exception):
    """The server cannot be reached at all: stop this pass, every key would fail the same way."""


class OutboxSender:
    """The HTTTN adapter's loop (see the module docstring)."""

    def __init__(self, ws: Workspace, clock: Clock | None = None) -> None:
        self.ws = ws
        self.clock = clock or SystemClock()
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="httn-db")
        self._client: HttnClient | None = None
        self._cfg: httn.Config | None = None
        self._links: dict[str, str] = {}
        self._pause_until = 0.0  # monotonic: after the server could not be reached
        self._failures = 0
        self._next_pull = 0.0
        self._next_plan = 0.0
        self._revision: int | None = None
        from .clusters import ClusterSync

        self._clusters = ClusterSync(ws, self.clock)

    # -- plumbing ------------------------------------------------------------------------------

    async def _in_db(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._db, fn, *args)

    def _load_config(self) -> httn.Config | None:
        with self.ws.session() as s:
            return httn.load_config(s, self.ws.data_dir)

    async def _client_for(self, cfg: httn.Config) -> HttnClient:
        if self._client is not None and self._cfg == cfg:
            return self._client
        if self._client is not None:
            await self._client.aclose()
        self._client = HttnClient(cfg)
        self._cfg = cfg
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        self._db.shutdown(wait=True)

    # -- database steps (on the sender's thread) ----------------------------------------------

    def _claim(self, limit: int) -> list[_Msg]:
        """Due messages in id order, skipping every key whose head message is waiting to retry."""
        now = self.clock.now()
        with self.ws.session() as s:
            blocked = select(HttnMessage.key).where(HttnMessage.state == "pending", HttnMessage.next_attempt_at > now).distinct()
            rows = s.execute(
                select(HttnMessage.id, HttnMessage.kind, HttnMessage.key, HttnMessage.payload, HttnMessage.attempts)
                .where(HttnMessage.state == "pending", HttnMessage.next_attempt_at <= now, HttnMessage.key.not_in(blocked))
                .order_by(HttnMessage.id)
                .limit(limit)
            ).all()
        return [_Msg(r.id, r.kind, r.key, r.payload, r.attempts) for r in rows]

    def _record(self, done: list[_Done], retry_max_s: float, error: str | None) -> int:
        """Write what happened to a pass's messages in one transaction."""
        now = self.clock.now()
        with self.ws.session() as s:
            sent = [d.id for d in done if d.outcome == "sent"]
            for i in range(0, len(sent), 500):
                s.execute(update(HttnMessage).where(HttnMessage.id.in_(sent[i : i + 500])).values(state="sent", sent_at=now, last_error=None, http_status=200))
            for d in done:
                if d.outcome == "failed":
                    s.execute(
                        update(HttnMessage)
                        .where(HttnMessage.id == d.id)
                        .values(state="failed", http_status=d.status, last_error=d.error, attempts=d.attempts + 1)
                    )
                elif d.outcome == "retry":
                    wait = httn.backoff_s(d.attempts + 1, retry_max_s)
                    s.execute(
                        update(HttnMessage)
                        .where(HttnMessage.id == d.id)
                        .values(attempts=d.attempts + 1, next_attempt_at=httn.later(now, wait), http_status=d.status, last_error=d.error)
                    )
            if sent:
                outbox.note(s, "last_success", {"at": now.isoformat(), "sent": len(sent)}, clock=self.clock)
            refused = [d for d in done if d.outcome == "failed"]
            if refused:
                outbox.note(s, "last_error", {"at": now.isoformat(), "message": refused[-1].error, "permanent": True}, clock=self.clock)
            elif error:
                outbox.note(s, "last_error", {"at": now.isoformat(), "message": error, "permanent": False}, clock=self.clock)
            return 0

    def _pending(self) -> int:
        with self.ws.session() as s:
            return int(s.scalar(select(func.count()).select_from(HttnMessage).where(HttnMessage.state == "pending")) or 0)

    def _lookup_link(self, sha256: str) -> str | None:
        with self.ws.session() as s:
            row = s.get(HttnFile, sha256)
            return None if row is None else row.link

    def _save_link(self, sha256: str, link: str) -> None:
        with self.ws.session() as s:
            if s.get(HttnFile, sha256) is None:
                s.add(HttnFile(sha256=sha256, link=link, uploaded_at=self.clock.now()))

    def _status_changes(self) -> int:
        """Enqueue a device status message for every endpoint whose state changed since the last."""
        with self.ws.session() as s:
            last: dict[str, Any] = dict(outbox.noted(s, "endpoint_status") or {})
            now_state: dict[str, Any] = {}
            n = 0
            for ep in s.scalars(select(Endpoint).order_by(Endpoint.code)):
                if ep.url.startswith("httn://"):
                    continue  # the province knows its own clusters' status
                state = [ep.status, ep.enabled]
                now_state[ep.code] = state
                if last.get(ep.code) != state and ep.status != "unknown":
                    outbox.endpoint_status(s, ep)
                    n += 1
            if now_state != last:
                outbox.note(s, "endpoint_status", now_state, clock=self.clock)
            return n

    def _read_revision(self) -> int:
        from schedules.db import read_revision

        with self.ws.session() as s:
            return read_revision(s)

    def _has_clusters(self) -> bool:
        from .clusters import _clusters

        return bool(_clusters(self.ws))

    async def push_cluster_plan(self) -> int:
        """Put the planned airings of ``httn://`` clusters in the outbox (see broadcast.httn.clusters)."""
        return await self._in_db(self._clusters.push_plan)

    async def pull_cluster_reports(self, cfg: httn.Config) -> dict[str, Any]:
        """What the province's clusters played (as-run records) and their status."""
        if not await self._in_db(self._has_clusters):
            return {"logs": 0, "status": 0}
        client = await self._client_for(cfg)
        since = httn.later(self.clock.now(), -86400).isoformat()
        logs = await client.get_json(cfg.profile.paths["cumloa_nhatky"], {cfg.profile.source_key: cfg.source_id, "TuNgay": since})
        status = await client.get_json(cfg.profile.paths["cumloa_trangthai"], {cfg.profile.source_key: cfg.source_id})
        n_logs = await self._in_db(self._clusters.record_logs, logs if isinstance(logs, list) else [])
        n_status = await self._in_db(self._clusters.record_status, status if isinstance(status, list) else [])
        return {"logs": n_logs, "status": n_status}

    # -- sending -------------------------------------------------------------------------------

    async def _link_for(self, client: HttnClient, media: dict[str, Any]) -> str:
        sha = str(media["sha256"])
        link = self._links.get(sha) or await self._in_db(self._lookup_link, sha)
        if link is None:
            path = self.ws.media.path(str(media["path"]))
            if not path.is_file():
                raise Permanent(_("The audio file of this bulletin is missing from the media folder ({path}).", path=media["path"]))
            link = await client.upload(path)
            await self._in_db(self._save_link, sha, link)
        self._links[sha] = link
        return link

    async def _send_one(self, client: HttnClient, cfg: httn.Config, m: _Msg) -> _Done:
        body = httn.render(m.kind, m.payload, cfg.profile, cfg.source_id)
        media = m.payload.get("_media")
        if m.kind == "bantin":
            if not media:
                return _Done(m.id, "failed", None, _("The item has no rendition to send; render it again (loaxa clips render)."), m.attempts)
            body["NoiDung"] = {**dict(body.get("NoiDung") or {}), "Link": await self._link_for(client, media)}
        await client.post(m.kind, body)
        return _Done(m.id, "sent", 200, None, m.attempts)

    async def _send_key(self, client: HttnClient, cfg: httn.Config, msgs: list[_Msg], done: list[_Done], abort: asyncio.Event) -> None:
        for m in msgs:
            if abort.is_set():
                return
            try:
                done.append(await self._send_one(client, cfg, m))
            except Permanent as exc:
                log.warning("HTTTN message %s (%s, %s) refused: %s", m.id, m.kind, m.key, exc.message)
                done.append(_Done(m.id, "failed", exc.status, exc.message, m.attempts))
            except Transient as exc:
                done.append(_Done(m.id, "retry", exc.status, exc.message, m.attempts))
                if exc.status is None or exc.status >= 500 or exc.status == 401:
                    abort.set()  # the server is down or refuses everyone: stop this pass
                return  # later messages of this key wait for this one

    async def _pass(self, client: HttnClient, cfg: httn.Config, result: SyncResult) -> bool:
        """One batch; True when the server could not be reached (stop for now)."""
        batch = await self._in_db(self._claim, BATCH)
        if not batch:
            return False
        groups: dict[str, list[_Msg]] = {}
        for m in batch:
            groups.setdefault(m.key, []).append(m)
        done: list[_Done] = []
        abort = asyncio.Event()
        sem = asyncio.Semaphore(CONCURRENCY)

        async def one(msgs: list[_Msg]) -> None:
            async with sem:
                await self._send_key(client, cfg, msgs, done, abort)

        try:
            await asyncio.gather(*(one(g) for g in groups.values()))
        finally:
            error = next((d.error for d in reversed(done) if d.outcome == "retry"), None)
            await self._in_db(self._record, done, cfg.retry_max_s, error)
        result.sent += sum(1 for d in done if d.outcome == "sent")
        result.retrying += sum(1 for d in done if d.outcome == "retry")
        for d in done:
            if d.outcome == "failed":
                result.refused += 1
                result.refusals.append({"id": d.id, "http_status": d.status, "reason": d.error})
        if error:
            result.error = error
        return abort.is_set() or (any(d.outcome == "retry" for d in done) and not any(d.outcome == "sent" for d in done))

    async def sync_once(self) -> SyncResult:
        """Send every message due now (stopping early when the server cannot be reached).
        A database or disk failure raises :class:`DeliveryError` saying so (what was sent but
        not yet marked goes again later; the province treats a repeat as one)."""
        try:
            return await self._sync_once()
        except (SQLAlchemyError, OSError) as exc:
            log.error("HTTTN sender: database or disk failure", exc_info=exc)
            raise DeliveryError(
                _(
                    "The HTTTN sender cannot use the database or the disk ({kind}: {detail}); the messages stay queued.",
                    kind=type(exc).__name__,
                    detail=str(exc).splitlines()[0][:200],
                )
            ) from exc

    async def _sync_once(self) -> SyncResult:
        cfg = await self._in_db(self._load_config)
        if cfg is None:
            return SyncResult(configured=False)
        if not cfg.password:
            raise DeliveryError(_("No password is stored for the province server; run: loaxa httn setup ... --password-file FILE"))
        client = await self._client_for(cfg)
        await self._in_db(self._status_changes)
        result = SyncResult()
        while True:
            before = result.sent + result.refused + result.retrying
            stop = await self._pass(client, cfg, result)
            if stop or result.sent + result.refused + result.retrying == before:
                break
        result.remaining = await self._in_db(self._pending)
        if result.error and result.sent == 0:
            self._failures += 1
            self._pause_until = self.clock.monotonic() + httn.backoff_s(self._failures, cfg.retry_max_s)
        else:
            self._failures = 0
            self._pause_until = 0.0
        return result

    async def run(self, stop: asyncio.Event) -> None:
        """Send, pull and report until ``stop`` is set (the engine's task for HTTTN)."""
        puller = BulletinPuller(self.ws, clock=self.clock, db=self._db)
        try:
            while not stop.is_set():
                wait = IDLE_S
                try:
                    rev = await self._in_db(self._read_revision)
                    if rev != self._revision or self.clock.monotonic() >= self._next_plan:
                        self._revision, self._next_plan = rev, self.clock.monotonic() + 60.0
                        await self.push_cluster_plan()
                    if self.clock.monotonic() >= self._pause_until:
                        res = await self.sync_once()
                        if res.configured and res.error:
                            log.warning("HTTTN: %s (%d messages waiting)", res.error, res.remaining)
                    if self._cfg is not None and self.clock.monotonic() >= self._next_pull:
                        self._next_pull = self.clock.monotonic() + self._cfg.poll_s
                        await puller.pull_once(await self._client_for(self._cfg), self._cfg)
                        try:
                            await self.pull_cluster_reports(self._cfg)
                        except (Transient, Permanent) as exc:
                            log.warning("HTTTN cluster reports not read: %s", exc.message)
                    wait = max(0.05, min(IDLE_S, self._pause_until - self.clock.monotonic())) if self._pause_until else IDLE_S
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    log.exception("HTTTN sender failed")
                    await self._report_failure(exc)
                    wait = 5.0
                try:
                    await asyncio.wait_for(stop.wait(), timeout=wait)
                except TimeoutError:
                    pass
        finally:
            await self.aclose()

    async def _report_failure(self, exc: BaseException) -> None:
        def note() -> None:
            with self.ws.session() as s:
                outbox.note(
                    s, "last_error", {"at": self.clock.now().isoformat(), "message": f"{type(exc).__name__}: {exc}", "permanent": False}, clock=self.clock
                )

        try:
            await self._in_db(note)
        except Exception:
            log.exception("HTTTN sender cannot record its failure")
