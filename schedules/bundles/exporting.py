"""Writing a bundle of this database's items, playlists and schedules (signed with a key file)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from .. import keys, library
from ..clock import utcnow
from ..errors import InputRefused, NotFound
from ..i18n import _
from ..media import CHUNK, source_relpath
from ..models import Item, Playlist, Schedule
from ..timeutil import format_time, parse_time
from ..workspace import Workspace
from .manifest import _UUID, FORMAT_NAME, FORMAT_VERSION, MANIFEST_NAME, MEDIA_PREFIX, SIGNATURE_NAME, parse_manifest
from .staging import _UNSAFE_LOCAL
from .zipsafety import _UNIX_REGULAR

_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_LANG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def _media_names(items: list[Item]) -> dict[int, str]:
    """A distinct, safe ``media/`` name per item (case-insensitively distinct, for Windows)."""
    out: dict[int, str] = {}
    taken: set[str] = set()
    for it in items:
        ext = (it.media_ext or "bin").lower()
        base = unicodedata.normalize("NFC", it.original_name or "")
        base = re.sub(r"[/\\\x00-\x1f\x7f]", "_", base).strip(" .")
        stem = base.rsplit(".", 1)[0] if "." in base else base
        stem = (_UNSAFE_LOCAL.sub("_", stem).strip(" .") or f"item-{it.id}")[:100]
        name = f"{stem}.{ext}"
        n = 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}-{n}.{ext}"
        taken.add(name.casefold())
        out[it.id] = MEDIA_PREFIX + name
    return out


def _schedule_entry(sc: Schedule, warnings: list[str]) -> dict[str, Any]:
    d: dict[str, Any] = {"id": f"schedule-{sc.id}", "playlist": f"playlist-{sc.playlist_id}", "targets": [t.code for t in sc.targets]}
    if sc.name:
        d["name"] = sc.name
    d["times"] = [format_time(parse_time(t)) for t in sc.times]
    if sc.mode == "daily":
        d["days"] = "daily"
    elif sc.mode == "weekly":
        d["days"] = [w for w in _DAY_NAMES if w in (sc.weekdays or "").split(",")]
    elif sc.mode == "once" and sc.once_date is not None:
        d["days"], sc_from, sc_until = "daily", sc.once_date, sc.once_date  # one day: from = until
        d["from"], d["until"] = sc_from.isoformat(), sc_until.isoformat()
    elif sc.mode == "lunar":
        raise InputRefused(
            _("Schedule {id} follows the lunar calendar; bundle format 1 carries daily, weekly and one-day schedules only.", id=sc.id), kind="not_expressible"
        )
    else:
        raise InputRefused(_("Schedule {id} is monthly; bundle format 1 carries daily, weekly and one-day schedules only.", id=sc.id), kind="not_expressible")
    if sc.mode != "once":
        if sc.start_date:
            d["from"] = sc.start_date.isoformat()
        if sc.end_date:
            d["until"] = sc.end_date.isoformat()
    if sc.priority is not None:
        d["priority"] = sc.priority
    d["collision"] = sc.collision
    if sc.repeat > 1 or sc.on_preempt != "resume" or sc.quiet_override or sc.exceptions or not sc.enabled:
        warnings.append(
            _(
                "Schedule {id}: repeats, the pre-emption choice, a quiet-hours override, skipped or moved days and the enabled switch are not part of bundle format 1 and were left out.",
                id=sc.id,
            )
        )
    return d


def _item_entry(it: Item, file: str) -> dict[str, Any]:
    d: dict[str, Any] = {"id": f"item-{it.id}", "file": file, "sha256": it.media_sha256, "title": it.title, "field": it.field, "priority": it.priority}
    for k in ("summary", "author", "source"):
        v = getattr(it, k)
        if v:
            d[k] = v
    if it.language and _LANG.fullmatch(it.language):
        d["language"] = it.language
    if it.produced_at:
        d["produced_at"] = it.produced_at.isoformat()
    if it.valid_from:
        d["valid_from"] = it.valid_from.isoformat()
    if it.valid_until:
        d["valid_until"] = it.valid_until.isoformat()
    if it.state == "approved" and it.approved_by:
        d["approved_by"] = it.approved_by
    return d


def create_bundle(
    ws: Workspace,
    out: Path,
    *,
    item_ids: Iterable[int] = (),
    playlist_ids: Iterable[int] = (),
    schedule_ids: Iterable[int] = (),
    issuer_code: str,
    issuer_name: str | None = None,
    sign_key: Path | None = None,
    bundle_id: str | None = None,
    revision: int = 1,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Write a bundle of items, playlists and schedules from this database to ``out``.

    Playlists of the chosen schedules and items of the chosen playlists come along. With
    ``sign_key`` (a PKCS#8 PEM Ed25519 private key file) the manifest is signed. The file is
    written next to ``out`` and moved into place when complete.
    """
    from ..areas import check_code

    issuer_code = check_code((issuer_code or "").strip())
    if bundle_id is not None and not _UUID.fullmatch(bundle_id.strip()):
        raise InputRefused(_("--id: '{value}' is not a UUID (e.g. 6f1c2a4e-1d2b-4c3a-9e8f-0a1b2c3d4e5f).", value=bundle_id), kind="input")
    if not 1 <= revision <= 2147483647:
        raise InputRefused(_("--revision: give a whole number from 1."), kind="input")
    private = keys.load_private(sign_key) if sign_key is not None else None
    created = (now or utcnow()).astimezone(UTC)
    warnings: list[str] = []
    with ws.sessions() as s:
        scheds = [_get(s, Schedule, i, _("Schedule {id} does not exist (see: loaxa schedules list).", id=i)) for i in dict.fromkeys(schedule_ids)]
        pl_order = list(dict.fromkeys([*playlist_ids, *(sc.playlist_id for sc in scheds)]))
        pls = [_get(s, Playlist, i, _("Playlist {id} does not exist (see: loaxa playlists list).", id=i)) for i in pl_order]
        it_order: list[int] = list(dict.fromkeys(item_ids))
        for pl in pls:
            for e in pl.entries:
                if e.item_id is None:
                    raise InputRefused(_("Playlist {id} relays a stream; bundle format 1 carries audio items only.", id=pl.id), kind="not_expressible")
                if e.item_id not in it_order:
                    it_order.append(e.item_id)
        if not it_order:
            raise InputRefused(_("Nothing to put in the bundle: give --items, --playlist or --schedule."), kind="input")
        items = [library.get_item(s, i) for i in it_order]
        for it in items:
            if not it.media_sha256 or not ws.media.exists(source_relpath(it.media_sha256, it.media_ext or "bin")):
                raise InputRefused(_("The audio file of item {id} is missing from the media folder.", id=it.id), kind="missing_media")
        names = _media_names(items)
        doc: dict[str, Any] = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "id": (bundle_id or str(uuid.uuid4())).strip().lower(),
            "revision": revision,
            "issuer": {"code": issuer_code},
            "created_at": created.isoformat(timespec="seconds"),
            "items": [_item_entry(it, names[it.id]) for it in items],
        }
        if issuer_name and issuer_name.strip():
            doc["issuer"]["name"] = issuer_name.strip()
        if private is not None:
            doc["issuer"]["key_id"] = keys.key_id(private.public_key())
        if pls:
            doc["playlists"] = [{"id": f"playlist-{pl.id}", "name": pl.name, "items": [f"item-{e.item_id}" for e in pl.entries]} for pl in pls]
        if scheds:
            doc["schedules"] = [_schedule_entry(sc, warnings) for sc in scheds]
        media = [(names[it.id], ws.media.path(source_relpath(it.media_sha256 or "", it.media_ext or "bin")), it.media_sha256 or "") for it in items]
    data = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    parse_manifest(data)  # never write a bundle this LoaXa would refuse (e.g. a title too long)
    signature = base64.b64encode(keys.sign(private, data)) + b"\n" if private is not None else None
    out = Path(out)
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")
    size = 0
    try:
        with zipfile.ZipFile(tmp, "w", allowZip64=True) as zf:
            zf.writestr(_zinfo(MANIFEST_NAME, len(data), zipfile.ZIP_DEFLATED, created), data)
            if signature is not None:
                zf.writestr(_zinfo(SIGNATURE_NAME, len(signature), zipfile.ZIP_STORED, created), signature)
            for name, src, sha in media:
                size += _write_entry(zf, name, src, sha, created)
        os.replace(tmp, out)
    except OSError as exc:
        raise InputRefused(_("Cannot write '{path}': {error}", path=out, error=exc.strerror), kind="write") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return {
        "path": str(out),
        "id": doc["id"],
        "revision": revision,
        "issuer": doc["issuer"],
        "signed": private is not None,
        "items": len(items),
        "playlists": len(pls),
        "schedules": len(scheds),
        "media_bytes": size,
        "bytes": out.stat().st_size,
        "manifest_sha256": hashlib.sha256(data).hexdigest(),
        "warnings": warnings,
    }


def _get(s: Session, model: Any, pk: int, message: str) -> Any:
    row = s.get(model, pk)
    if row is None:
        raise NotFound(message)
    return row


def _zinfo(name: str, size: int, method: int, created: datetime) -> zipfile.ZipInfo:
    """An entry dated at the bundle's creation, in this machine's local time as ZIP dates are."""
    zi = zipfile.ZipInfo(name, date_time=max(created.astimezone().timetuple()[:6], (1980, 1, 1, 0, 0, 0)))
    zi.compress_type = method
    zi.file_size = size
    zi.create_system = 3
    zi.external_attr = (_UNIX_REGULAR | 0o644) << 16
    return zi


def _write_entry(zf: zipfile.ZipFile, name: str, src: Path, sha: str, created: datetime) -> int:
    """Copy one media file into the ZIP (stored: audio does not compress), checking its hash."""
    zi = _zinfo(name, src.stat().st_size, zipfile.ZIP_STORED, created)
    h = hashlib.sha256()
    n = 0
    with open(src, "rb") as f, zf.open(zi, "w") as dst:
        while chunk := f.read(CHUNK):
            h.update(chunk)
            dst.write(chunk)
            n += len(chunk)
    if h.hexdigest() != sha:
        raise InputRefused(_("The audio file {path} does not match its SHA-256 in the database; the media folder is damaged.", path=src), kind="media_damaged")
    return n
