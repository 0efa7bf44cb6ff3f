"""A bundle's media: each entry streamed once, hashed while it is copied into the media store's
staging folder, then checked as audio by the caller's ``check_audio`` (this layer does no audio)."""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import InputRefused, LoaxaError
from ..i18n import _
from ..media import CHUNK, Staging
from ..models import Item
from .manifest import Manifest, ManifestItem
from .zipsafety import _ZIP_ERRORS, BundleFile, _damaged

CheckAudio = Callable[[Path], float]
"""Checks one staged audio file: returns its duration in seconds, raises InputRefused if it is
not audio (the caller supplies it: probing and decoding live in ``broadcast``)."""


# --- the media -----------------------------------------------------------------------------


@dataclass
class StagedMedia:
    item_id: str
    entry: str
    sha256: str
    size: int
    ext: str
    original_name: str
    path: Path | None  # the staged copy; None when the audio is already in the library
    duration_s: float | None


_UNSAFE_LOCAL = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')


def local_name(entry: str, max_chars: int = 120) -> str:
    """A file name that is safe on Windows and POSIX for an entry (for messages and ffmpeg)."""
    base = entry.rsplit("/", 1)[-1]
    base = _UNSAFE_LOCAL.sub("_", base).strip(" .") or "audio"
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    ext = ext[:16]
    stem = stem[: max(1, max_chars - len(ext) - 1)]
    return f"{stem}.{ext}" if ext else stem


def _ext(entry: str) -> str:
    base = entry.rsplit("/", 1)[-1]
    ext = base.rpartition(".")[2].lower() if "." in base else ""
    return ext if ext.isalnum() and 0 < len(ext) <= 16 else "bin"


def _copy_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, dest: Path | None) -> tuple[str, int]:
    """Stream one entry: hash it, and copy it to ``dest`` when given. Returns (sha256, size)."""
    h = hashlib.sha256()
    size = 0
    out: IO[bytes] | None = None
    try:
        if dest is not None:
            try:
                out = open(dest, "wb")  # noqa: SIM115 - closed in the finally below
            except OSError as exc:
                raise LoaxaError(_("Cannot write to the media folder ({path}): {error}", path=dest.parent, error=exc.strerror)) from exc
        try:
            with zf.open(info) as src:
                while chunk := src.read(CHUNK):
                    size += len(chunk)
                    if size > info.file_size:  # zipfile stops at the declared size; belt and braces
                        raise InputRefused(_("Entry {name} is longer than its ZIP header says: a zip bomb?", name=repr(name)), kind="zip_total")
                    h.update(chunk)
                    if out is not None:
                        try:
                            out.write(chunk)
                        except OSError as exc:
                            raise LoaxaError(
                                _("Cannot write to the media folder ({path}): {error}", path=dest.parent if dest else "", error=exc.strerror)
                            ) from exc
        except _ZIP_ERRORS as exc:
            raise _damaged(name, exc) from exc
        except OSError as exc:
            raise _damaged(name, exc) from exc
    finally:
        if out is not None:
            out.close()
    return h.hexdigest(), size


def stage_media(
    bf: BundleFile,
    m: Manifest,
    staging: Staging,
    check_audio: CheckAudio,
    *,
    known: set[str] | frozenset[str] = frozenset(),
    keep: bool = True,
    workers: int | None = None,
) -> dict[str, StagedMedia]:
    """Phase 3: stream every item's entry once, check its SHA-256, and check its audio.

    Audio whose SHA-256 is in ``known`` (already in the library) is only hashed. Otherwise the
    entry is copied into ``staging`` while it is hashed and ``check_audio`` runs on the copy, in
    ``workers`` threads while the next entries are read. With ``keep=False`` (verify only) each
    copy is removed once checked. Returns the staged media by item id.
    """
    by_file = {it.file: it for it in m.items}
    order = sorted(bf.entries.items(), key=lambda kv: kv[1].header_offset)  # read the file front to back
    staged: dict[str, StagedMedia] = {}
    futures: dict[str, Future[float]] = {}

    def check(path: Path) -> float:
        try:
            seconds = float(check_audio(path))
        finally:
            if not keep:
                path.unlink(missing_ok=True)
        if not seconds > 0:
            raise InputRefused(_("'{name}' holds no audio.", name=path.name), kind="not_audio")
        return seconds

    def first_failure() -> None:
        for it in m.items:  # manifest order, so the message is the same from run to run
            f = futures.get(it.id)
            if f is not None and f.done() and f.exception() is not None:
                _raise_audio(it, f.exception())

    pool = ThreadPoolExecutor(max_workers=workers or max(1, min(8, os.cpu_count() or 1)), thread_name_prefix="bundle-audio")
    try:
        for name, info in order:
            it = by_file[name]
            dest: Path | None = None
            if it.sha256 not in known:
                folder = staging.new_path()
                folder.mkdir()
                dest = folder / local_name(name)
            sha, size = _copy_entry(bf.zip, info, name, dest)
            if sha != it.sha256:
                raise InputRefused(
                    _("Entry {name}: its SHA-256 is {actual}, but the manifest says {expected}.", name=repr(name), actual=sha, expected=it.sha256),
                    kind="sha_mismatch",
                )
            if size == 0:
                raise InputRefused(_("Entry {name} is empty (0 bytes).", name=repr(name)), kind="not_audio")
            staged[it.id] = StagedMedia(it.id, name, sha, size, _ext(name), name.rsplit("/", 1)[-1], dest if keep else None, None)
            if dest is not None:
                futures[it.id] = pool.submit(check, dest)
            first_failure()
        for it in m.items:
            f = futures.get(it.id)
            if f is None:
                continue
            exc = f.exception()
            if exc is not None:
                _raise_audio(it, exc)
            staged[it.id].duration_s = f.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return staged


def _raise_audio(it: ManifestItem, exc: BaseException | None) -> None:
    if isinstance(exc, InputRefused):
        raise InputRefused(_("Item '{id}' ({file}) is not usable audio: {reason}", id=it.id, file=it.file, reason=exc.message), kind=exc.kind) from exc
    if exc is not None:
        raise exc


def _library_shas(session: Session, shas: Iterable[str]) -> set[str]:
    wanted = list(shas)
    out: set[str] = set()
    for k in range(0, len(wanted), 500):  # stay under SQLite's bound-parameter limit
        out |= set(session.scalars(select(Item.media_sha256).where(Item.media_sha256.in_(wanted[k : k + 500]))))
    return out
