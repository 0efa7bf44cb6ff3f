"""The pull: bulletins the province publishes for the commune's areas become library items.

Each published bulletin is checked (fields present, known codes, an ``http(s)`` link to an audio
file whose name is a plain name, at most ``httn.max_download_mb``), downloaded to a temporary
file and imported through the ordinary import pipeline (``broadcast.importer``): probed by
ffmpeg, loudness-measured, rendered, stored as a **draft** awaiting the commune's approval
(priority 1 arrives approved when ``httn.approve_emergency`` is on). A refused bulletin leaves
nothing in the library; its reason is logged, kept (``httn_bulletins``) and reported upward
(a receipt with ``GiaTri`` 0). A bulletin the province cancels is withdrawn: its item retired, so
the planner drops its airings.
"""

from __future__ import annotations

import asyncio
import logging
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from schedules import httn, library, outbox
from schedules.clock import Clock, SystemClock
from schedules.i18n import _
from schedules.library import ItemMeta
from schedules.models import HttnBulletin, Item
from schedules.timeutil import zone
from schedules.workspace import Workspace

from .client import HttnClient, Permanent, Transient

log = logging.getLogger("loaxa.httn.pull")

AUDIO_SUFFIXES = {".mp3", ".m4a", ".aac", ".wav", ".ogg", ".oga", ".opus", ".flac", ".mp2"}
_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,100}$")
CANCELLED = {"2", "huy", "hủy", "cancelled", "canceled", "dahuy"}


class Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class PullResult:
    imported: list[dict[str, Any]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)
    withdrawn: list[dict[str, Any]] = field(default_factory=list)
    known: int = 0
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"imported": self.imported, "refused": self.refused, "withdrawn": self.withdrawn, "known": self.known, "error": self.error}


@dataclass(frozen=True)
class Published:
    remote_id: str
    title: str
    link: str
    meta: ItemMeta
    priority: int


def is_cancelled(b: dict[str, Any]) -> bool:
    st = httn.field_of(b, "TrangThai")
    if httn.field_of(b, "DaHuy") is True:
        return True
    return st is not None and str(st).strip().lower().replace(" ", "") in CANCELLED


def remote_id_of(b: Any) -> str | None:
    if not isinstance(b, dict):
        return None
    rid = httn.field_of(b, "BanTinId")
    return None if rid is None else str(rid)


def check_bulletin(b: dict[str, Any], cfg: httn.Config) -> Published:
    """A published bulletin as LoaXa can import it, or :class:`Refused` saying what is wrong."""
    rid = remote_id_of(b)
    if not rid:
        raise Refused(_("The bulletin has no BanTinId."))
    if "/" in rid or "\\" in rid or ".." in rid or not _ID.match(rid):
        raise Refused(_("The bulletin id '{id}' is not a plain id (a path or odd characters).", id=rid[:80]))
    title = httn.field_of(b, "TieuDe")
    if not isinstance(title, str) or not title.strip():
        raise Refused(_("Bulletin {id} has no title (TieuDe).", id=rid))
    codes: dict[str, tuple[Any, range]] = {
        "LinhVuc": (httn.field_of(b, "LinhVuc"), range(1, 7)),
        "MucDoUuTien": (httn.field_of(b, "MucDoUuTien"), range(1, 4)),
        "LoaiBanTin": (httn.field_of(b, "LoaiBanTin"), range(1, 7)),
    }
    values: dict[str, int] = {}
    for name, (value, allowed) in codes.items():
        if value is None:
            raise Refused(_("Bulletin {id} lacks the field {field}.", id=rid, field=name))
        try:
            v = int(value)
        except (TypeError, ValueError):
            v = -1
        if v not in allowed:
            raise Refused(_("Bulletin {id}: {field} {value} is not a known code.", id=rid, field=name, value=value))
        values[name] = v
    if values["LoaiBanTin"] != 3:
        raise Refused(_("Bulletin {id} is of content type {kind}; LoaXa takes audio bulletins (3) from the province.", id=rid, kind=values["LoaiBanTin"]))
    content = httn.field_of(b, "NoiDung")
    link = httn.field_of(content, "Link") if isinstance(content, dict) else None
    if not isinstance(link, str) or not link.strip():
        raise Refused(_("Bulletin {id} has no link to its audio (NoiDung.Link).", id=rid))
    parts = urlsplit(link.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(_("Bulletin {id}: the link '{link}' is not an http(s) address.", id=rid, link=link[:200]))
    raw_path = unquote(parts.path)
    name = raw_path.rsplit("/", 1)[-1]
    if ".." in PurePosixPath(raw_path).parts or "\\" in raw_path or not name or name.startswith("."):
        raise Refused(_("Bulletin {id}: the file name in the link is not a plain name ({name}).", id=rid, name=raw_path[-120:]))
    if PurePosixPath(name).suffix.lower() not in AUDIO_SUFFIXES:
        raise Refused(_("Bulletin {id}: the link is not to an audio file ({name}).", id=rid, name=name[:120]))
    tz = zone(cfg.profile.tz)
    duration = httn.parse_duration(httn.field_of(b, "ThoiLuong"))
    if httn.field_of(b, "ThoiLuong") is not None and duration is None:
        raise Refused(_("Bulletin {id}: ThoiLuong '{value}' is not a duration.", id=rid, value=httn.field_of(b, "ThoiLuong")))
    start = httn.parse_day(httn.field_of(b, "NgayBatDau"), tz)
    end = httn.parse_day(httn.field_of(b, "NgayKetThuc"), tz)
    if start and end and end < start:
        raise Refused(_("Bulletin {id} ends ({end}) before it starts ({start}).", id=rid, end=end, start=start))
    summary = httn.field_of(b, "NoiDungTomTat")
    author = httn.field_of(b, "TacGia")
    meta = ItemMeta(
        title=title.strip()[:500],
        summary=str(summary) if summary else None,
        field=values["LinhVuc"],
        priority=values["MucDoUuTien"],
        author=str(author)[:200] if author else None,
        source=f"HTTTN {rid}"[:200],
        valid_from=start,
        valid_until=end,
    )
    return Published(rid, title.strip(), link.strip(), meta, values["MucDoUuTien"])


class BulletinPuller:
    """Fetches, checks and imports the province's published bulletins."""

    def __init__(self, ws: Workspace, clock: Clock | None = None, *, db: ThreadPoolExecutor | None = None) -> None:
        self.ws = ws
        self.clock = clock or SystemClock()
        self._own_db = db is None
        self._db = db or ThreadPoolExecutor(max_workers=1, thread_name_prefix="httn-pull-db")

    async def _in_db(self, fn: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._db, fn, *args)

    def _known(self) -> dict[str, tuple[str, int | None]]:
        with self.ws.session() as s:
            return {b.remote_id: (b.state, b.item_id) for b in s.query(HttnBulletin)}

    def _since(self) -> str:
        with self.ws.session() as s:
            last = outbox.noted(s, "last_pull")
        if last and last.get("at"):
            from datetime import datetime

            return (datetime.fromisoformat(last["at"]) - timedelta(days=1)).isoformat()
        return (self.clock.now() - timedelta(days=30)).isoformat()

    def _settle(self, rid: str, state: str, item_id: int | None, title: str | None, reason: str | None, report: bool) -> None:
        """Record the bulletin's fate and, in the same transaction, the receipt for the province."""
        with self.ws.session() as s:
            row = s.get(HttnBulletin, rid)
            if row is None:
                s.add(
                    HttnBulletin(
                        remote_id=rid, state=state, item_id=item_id, title=title, reason=reason, received_at=self.clock.now(), updated_at=self.clock.now()
                    )
                )
            else:
                row.state, row.item_id, row.reason = state, item_id if item_id is not None else row.item_id, reason
            if report:
                outbox.receipt(s, rid, state == "imported", reason or "", clock=self.clock)

    def _withdraw(self, rid: str, item_id: int | None) -> None:
        with self.ws.session() as s:
            if item_id is not None:
                item = s.get(Item, item_id)
                if item is not None and item.state != "retired":
                    library.retire(s, item_id, by="HTTTN")
            row = s.get(HttnBulletin, rid)
            if row is not None:
                row.state = "withdrawn"
                row.reason = _("Cancelled by the province.")

    def _note_pull(self, result: PullResult) -> None:
        with self.ws.session() as s:
            outbox.note(
                s,
                "last_pull",
                {
                    "at": self.clock.now().isoformat(),
                    "imported": len(result.imported),
                    "refused": len(result.refused),
                    "withdrawn": len(result.withdrawn),
                    "error": result.error,
                },
                clock=self.clock,
            )

    async def pull_once(self, client: HttnClient, cfg: httn.Config) -> PullResult:
        """Fetch the published list for each configured area and settle every new bulletin."""
        result = PullResult()
        since = await self._in_db(self._since)
        seen: dict[str, dict[str, Any]] = {}
        try:
            for area in cfg.areas:
                for b in await client.published(area, since):
                    rid = remote_id_of(b)
                    key = rid if rid is not None else f"?{len(seen)}"
                    seen.setdefault(key, b if isinstance(b, dict) else {"_raw": b})
        except (Transient, Permanent) as exc:
            result.error = exc.message
            log.warning("HTTTN pull failed: %s", exc.message)
            await self._in_db(self._note_pull, result)
            return result
        known = await self._in_db(self._known)
        for key, b in seen.items():
            state, item_id = known.get(key, (None, None))
            if is_cancelled(b):
                if state == "imported":
                    await self._in_db(self._withdraw, key, item_id)
                    result.withdrawn.append({"remote_id": key, "item_id": item_id})
                    log.info("HTTTN bulletin %s withdrawn (item %s)", key, item_id)
                continue
            if state is not None:
                result.known += 1
                continue
            await self._take(client, cfg, key, b, result)
        await self._in_db(self._note_pull, result)
        return result

    async def _take(self, client: HttnClient, cfg: httn.Config, key: str, b: dict[str, Any], result: PullResult) -> None:
        try:
            pub = check_bulletin(b, cfg)
        except Refused as exc:
            rid = key if not key.startswith("?") and _ID.match(key) else None
            log.warning("HTTTN bulletin %s refused: %s", key[:100], exc.message)
            result.refused.append({"remote_id": key[:100], "reason": exc.message})
            if rid:
                await self._in_db(self._settle, rid, "refused", None, str(httn.field_of(b, "TieuDe") or "")[:500] or None, exc.message, True)
            return
        with tempfile.TemporaryDirectory(prefix="loaxa-httn-") as tmp:
            suffix = PurePosixPath(unquote(urlsplit(pub.link).path)).suffix.lower()
            dest = Path(tmp) / f"httn-{re.sub(r'[^A-Za-z0-9_.-]', '_', pub.remote_id)}{suffix}"
            try:
                ctype = await client.download(pub.link, dest, cfg.max_download_bytes)
                if ctype and not ctype.lower().startswith(("audio/", "application/octet-stream", "binary/")):
                    raise Permanent(_("The link does not give an audio file (it gives {type}).", type=ctype.split(";")[0]))
            except Transient as exc:
                result.error = exc.message  # tried again at the next pull: nothing recorded
                log.warning("HTTTN bulletin %s not fetched yet: %s", pub.remote_id, exc.message)
                return
            except Permanent as exc:
                result.refused.append({"remote_id": pub.remote_id, "reason": exc.message})
                log.warning("HTTTN bulletin %s refused: %s", pub.remote_id, exc.message)
                await self._in_db(self._settle, pub.remote_id, "refused", None, pub.title, exc.message, True)
                return
            approve = "HTTTN" if (cfg.approve_emergency and pub.priority == 1) else None
            from ..importer import import_files

            report = await asyncio.get_running_loop().run_in_executor(
                None, lambda: import_files(self.ws, [dest], pub.meta, approve_by=approve, workers=1, actor="HTTTN")
            )
        if report.added or report.duplicates:
            item_id = (report.added or report.duplicates)[0]["id"]
            await self._in_db(self._settle, pub.remote_id, "imported", item_id, pub.title, None, True)
            result.imported.append({"remote_id": pub.remote_id, "item_id": item_id, "title": pub.title, "approved": bool(approve)})
            log.info("HTTTN bulletin %s imported as item %s", pub.remote_id, item_id)
        else:
            reason = report.refused[0]["message"] if report.refused else _("The audio could not be imported.")
            result.refused.append({"remote_id": pub.remote_id, "reason": reason})
            log.warning("HTTTN bulletin %s refused: %s", pub.remote_id, reason)
            await self._in_db(self._settle, pub.remote_id, "refused", None, pub.title, reason, True)

    async def aclose(self) -> None:
        if self._own_db:
            self._db.shutdown(wait=True)
