"""Content bundles, format version 1: create, verify and import (docs/bundle-format.md).

A bundle is a ZIP holding ``manifest.json``, the audio files under ``media/`` and optionally
``manifest.sig``, the Ed25519 signature of the exact bytes of the manifest. Reading one goes
through four phases; a refusal in any of them raises :class:`InputRefused` and changes nothing:

1. the ZIP itself (:func:`open_bundle`): every entry name is safe, no symlinks, no NFC
   collisions, sizes and compression ratios within :class:`Limits`, only the entries the format
   allows; then the manifest (:func:`parse_manifest`) against the JSON Schema in
   ``assets/schemas/bundle-v1.schema.json`` and the rules a schema cannot say (dates, ids,
   references); then manifest and entries against each other;
2. the signature policy (:func:`check_signature`) against the trusted keys in the database;
3. the media (:func:`stage_media`): each entry streamed once, hashed while it is copied into
   the media store's staging folder, then ``check_audio`` (supplied by the caller: this layer
   does no audio) on the staged file;
4. one database transaction (:func:`import_bundle`); the staged files are published just
   before the commit and removed again if the commit fails.

Nothing reads a whole entry into memory: entries are streamed in chunks, so a bundle of
several gigabytes needs a few megabytes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import os
import re
import struct
import unicodedata
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from . import audit, keys, library, settings
from .errors import InputRefused, LoaxaError, NotFound
from .i18n import _
from .library import ItemMeta
from .media import CHUNK, Staging, source_relpath
from .models import Area, Bundle, Endpoint, HolidayRule, Item, Playlist, PlaylistEntry, Schedule, TrustedKey
from .playlists import duration as playlist_duration
from .playlists import most_urgent
from .rules import make_rule
from .scheduling import add_schedule, check_quiet_hours, parse_collision_option
from .timeutil import format_time, parse_date, parse_time
from .workspace import Workspace

log = logging.getLogger("loaxa.bundles")

FORMAT_NAME = "loaxa.bundle"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
MEDIA_PREFIX = "media/"
SIGNATURE_BYTES = 64  # Ed25519

CheckAudio = Callable[[Path], float]
"""Checks one staged audio file: returns its duration in seconds, raises InputRefused if it is
not audio (the caller supplies it: probing and decoding live in ``broadcast``)."""

# Errors the zipfile and zlib modules raise for damaged, truncated or hostile archives.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError, ValueError, OverflowError, NotImplementedError, RuntimeError, KeyError, IndexError)

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_UNIX_TYPE_MASK, _UNIX_REGULAR, _UNIX_DIR, _UNIX_SYMLINK = 0o170000, 0o100000, 0o040000, 0o120000
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_LOCAL_HEADER = 30  # fixed part of a ZIP local file header


@dataclass(frozen=True)
class Limits:
    """What a bundle may hold; beyond these it is refused before anything is extracted."""

    manifest_bytes: int = 1 << 20
    signature_bytes: int = 1024
    total_bytes: int = 4 << 30  # uncompressed, all entries together
    max_ratio: float = 100.0  # uncompressed / compressed, per entry...
    ratio_floor_bytes: int = 1 << 20  # ...for entries above this size (small text compresses well)
    entries: int = 20_000
    name_chars: int = 1000


DEFAULT_LIMITS = Limits()


# --- the manifest --------------------------------------------------------------------------


@dataclass(frozen=True)
class ManifestItem:
    id: str
    file: str  # NFC
    sha256: str
    meta: ItemMeta
    approved_by: str | None


@dataclass(frozen=True)
class ManifestPlaylist:
    id: str
    name: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class ManifestSchedule:
    id: str
    name: str | None
    playlist: str
    targets: tuple[str, ...]
    times: tuple[str, ...]  # "HH:MM:SS"
    days: str  # "daily" or "mon,tue,..." (the --days spelling)
    start: date | None
    until: date | None
    priority: int | None
    collision: str


@dataclass(frozen=True)
class Manifest:
    bundle_id: str  # lower-case UUID
    revision: int
    issuer_code: str
    issuer_name: str | None
    key_id: str | None
    created_at: datetime
    items: tuple[ManifestItem, ...]
    playlists: tuple[ManifestPlaylist, ...]
    schedules: tuple[ManifestSchedule, ...]
    sha256: str  # of the manifest's bytes

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.bundle_id,
            "revision": self.revision,
            "issuer": {"code": self.issuer_code, "name": self.issuer_name, "key_id": self.key_id},
            "created_at": self.created_at.isoformat(),
            "manifest_sha256": self.sha256,
            "items": len(self.items),
            "playlists": len(self.playlists),
            "schedules": len(self.schedules),
        }


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of manifest.json (draft 2020-12)."""
    text = (resources.files("assets") / "schemas" / "bundle-v1.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema())


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Two values for one key would let two readers see two different manifests under one
    # signature; JSON allows it, so refuse it here.
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(k)
        out[k] = v
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def _where(path: Iterable[Any]) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top)"


def _short(text: str, n: int = 300) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def parse_manifest(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Manifest:
    """Parse and check manifest.json bytes: JSON, the schema, then the rules beyond the schema.

    Raises InputRefused naming the problem; never anything else for any input.
    """
    if len(data) > limits.manifest_bytes:
        raise InputRefused(_("manifest.json is larger than {limit} bytes.", limit=limits.manifest_bytes), kind="manifest_size")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputRefused(_("manifest.json is not UTF-8 text (byte {offset}).", offset=exc.start), kind="manifest_json") from exc
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except _DuplicateKey as exc:
        raise InputRefused(_("manifest.json repeats the key '{key}' in one object.", key=_short(exc.key, 80)), kind="manifest_json") from exc
    except RecursionError as exc:
        raise InputRefused(_("manifest.json is nested too deeply."), kind="manifest_json") from exc
    except ValueError as exc:
        raise InputRefused(_("manifest.json is not valid JSON: {detail}", detail=_short(str(exc), 200)), kind="manifest_json") from exc
    try:
        # lone surrogates ("\ud800") parse as JSON but cannot be stored as text
        json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, RecursionError) as exc:
        raise InputRefused(_("manifest.json holds text that is not valid Unicode."), kind="manifest_json") from exc
    if not isinstance(doc, dict):
        raise InputRefused(_("manifest.json must hold a JSON object."), kind="manifest_schema")
    if doc.get("format") == FORMAT_NAME and isinstance(doc.get("version"), int) and not isinstance(doc.get("version"), bool) and doc["version"] != FORMAT_VERSION:
        # a clearer message than the schema's for a bundle from a newer LoaXa
        raise InputRefused(_("This bundle uses format version {version}; this LoaXa reads version {supported}. Update LoaXa or ask the issuer for a version {supported} bundle.", version=doc["version"], supported=FORMAT_VERSION), kind="manifest_version")
    try:
        from jsonschema.exceptions import best_match

        error = best_match(_validator().iter_errors(doc))
    except RecursionError as exc:
        raise InputRefused(_("manifest.json is nested too deeply."), kind="manifest_json") from exc
    if error is not None:
        raise InputRefused(
            _("manifest.json does not follow the bundle format at {where}: {detail}", where=_where(error.absolute_path), detail=_short(error.message)),
            kind="manifest_schema",
        )
    return _semantics(doc, hashlib.sha256(data).hexdigest())


def _strict(value: str, rx: re.Pattern[str], where: str) -> str:
    # JSON Schema patterns let "$" match before a final newline; ids must match exactly.
    if not rx.fullmatch(value):
        raise InputRefused(_("manifest.json does not follow the bundle format at {where}: {detail}", where=where, detail=repr(_short(value, 80))), kind="manifest_schema")
    return value


def _local_id(value: str, where: str) -> str:
    if _CONTROL.search(value) or value != value.strip():
        raise InputRefused(_("manifest.json does not follow the bundle format at {where}: {detail}", where=where, detail=repr(_short(value, 80))), kind="manifest_schema")
    return value


def _instant(value: str, where: str) -> datetime:
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        dt = None
    if dt is None or dt.tzinfo is None:
        raise InputRefused(_("{where}: '{value}' is not a date and time with a UTC offset (e.g. 2027-03-01T08:00:00+07:00).", where=where, value=_short(value, 80)), kind="manifest_date")
    return dt.astimezone(UTC)


def _date(value: str | None, where: str) -> date | None:
    if value is None:
        return None
    return parse_date(value, field=where)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    s = unicodedata.normalize("NFC", str(value)).strip()
    return s or None


def _semantics(doc: dict[str, Any], manifest_sha: str) -> Manifest:
    """The rules a JSON Schema cannot express; ``doc`` already matches the schema."""
    bundle_id = _strict(doc["id"], _UUID, "id").lower()
    issuer = doc["issuer"]
    code = _strict(issuer["code"], _CODE, "issuer.code")
    kid = _strict(issuer["key_id"], _HEX64, "issuer.key_id") if "key_id" in issuer else None
    created = _instant(doc["created_at"], "created_at")

    items: list[ManifestItem] = []
    seen_ids: dict[str, int] = {}
    seen_files: dict[str, str] = {}
    seen_sha: dict[str, str] = {}
    for n, raw in enumerate(doc["items"]):
        where = f"items[{n}]"
        iid = _local_id(raw["id"], f"{where}.id")
        if iid in seen_ids:
            raise InputRefused(_("Item id '{id}' appears twice in manifest.json; ids must be unique.", id=iid), kind="duplicate_id")
        seen_ids[iid] = n
        fname = unicodedata.normalize("NFC", raw["file"])
        entry_problem(fname)  # the same rules as the ZIP entries
        if fname in seen_files:
            raise InputRefused(_("Items '{a}' and '{b}' name the same file {file}.", a=seen_files[fname], b=iid, file=fname), kind="duplicate_file")
        seen_files[fname] = iid
        audio_sha = _strict(raw["sha256"], _HEX64, f"{where}.sha256")
        if audio_sha in seen_sha:
            raise InputRefused(_("Items '{a}' and '{b}' have the same audio (SHA-256); list it once and repeat the item in a playlist.", a=seen_sha[audio_sha], b=iid), kind="duplicate_audio")
        seen_sha[audio_sha] = iid
        title = _text(raw["title"])
        if not title:
            raise InputRefused(_("Item '{id}': the title is empty.", id=iid), kind="manifest_schema")
        try:
            vfrom = _date(raw.get("valid_from"), "valid_from")
            vuntil = _date(raw.get("valid_until"), "valid_until")
        except InputRefused as exc:
            raise InputRefused(_("Item '{id}': {problem}", id=iid, problem=exc.message), kind="manifest_date") from exc
        if vfrom and vuntil and vuntil < vfrom:
            raise InputRefused(_("Item '{id}': valid_until ({until}) is before valid_from ({start}).", id=iid, until=vuntil, start=vfrom), kind="manifest_date")
        produced = _instant(raw["produced_at"], f"{where}.produced_at") if "produced_at" in raw else None
        meta = ItemMeta(
            title=title,
            summary=_text(raw.get("summary")),
            field=int(raw["field"]),
            priority=int(raw["priority"]),
            language=_text(raw.get("language")) or "vi",
            author=_text(raw.get("author")),
            source=_text(raw.get("source")),
            produced_at=produced,
            valid_from=vfrom,
            valid_until=vuntil,
        )
        items.append(ManifestItem(iid, fname, audio_sha, meta, _text(raw.get("approved_by"))))

    playlists: list[ManifestPlaylist] = []
    pl_ids: set[str] = set()
    for n, raw in enumerate(doc.get("playlists", [])):
        pid = _local_id(raw["id"], f"playlists[{n}].id")
        if pid in pl_ids:
            raise InputRefused(_("Playlist id '{id}' appears twice in manifest.json; ids must be unique.", id=pid), kind="duplicate_id")
        pl_ids.add(pid)
        for ref in raw["items"]:
            if ref not in seen_ids:
                raise InputRefused(_("Playlist '{id}' refers to item '{item}', which is not in the bundle.", id=pid, item=_short(ref, 80)), kind="dangling_reference")
        name = _text(raw["name"])
        if not name:
            raise InputRefused(_("Playlist '{id}': the name is empty.", id=pid), kind="manifest_schema")
        playlists.append(ManifestPlaylist(pid, name, tuple(raw["items"])))

    schedules: list[ManifestSchedule] = []
    sc_ids: set[str] = set()
    for n, raw in enumerate(doc.get("schedules", [])):
        sid = _local_id(raw["id"], f"schedules[{n}].id")
        if sid in sc_ids:
            raise InputRefused(_("Schedule id '{id}' appears twice in manifest.json; ids must be unique.", id=sid), kind="duplicate_id")
        sc_ids.add(sid)
        if raw["playlist"] not in pl_ids:
            raise InputRefused(_("Schedule '{id}' refers to playlist '{playlist}', which is not in the bundle.", id=sid, playlist=_short(raw["playlist"], 80)), kind="dangling_reference")
        targets = tuple(dict.fromkeys(_strict(t, _CODE, f"schedules[{n}].targets") for t in raw["targets"]))
        try:
            times = sorted({parse_time(t, field="times") for t in raw["times"]})
            days = "daily" if raw["days"] == "daily" else ",".join(raw["days"])
            start = _date(raw.get("from"), "from")
            until = _date(raw.get("until"), "until")
            make_rule(times, days=days, start=start, end=until)
            collision = parse_collision_option(raw.get("collision", "next"))
        except InputRefused as exc:
            raise InputRefused(_("Schedule '{id}': {problem}", id=sid, problem=exc.message), kind="manifest_schedule") from exc
        prio = raw.get("priority")
        schedules.append(
            ManifestSchedule(sid, _text(raw.get("name")), raw["playlist"], targets, tuple(t.strftime("%H:%M:%S") for t in times), days, start, until, int(prio) if prio is not None else None, collision)
        )

    return Manifest(bundle_id, int(doc["revision"]), code, _text(issuer.get("name")), kid, created, tuple(items), tuple(playlists), tuple(schedules), manifest_sha)


# --- the ZIP -------------------------------------------------------------------------------


def entry_problem(name: str) -> None:
    """Refuse an entry name (or a manifest ``file``) that is unsafe anywhere it might be unpacked."""
    if "\\" in name:
        raise InputRefused(_("Entry {name} contains a backslash; ZIP names use '/'.", name=repr(name)), kind="zip_backslash")
    if name.startswith("/"):
        raise InputRefused(_("Entry {name} is an absolute path.", name=repr(name)), kind="zip_absolute")
    if _DRIVE.match(name):
        raise InputRefused(_("Entry {name} starts with a drive letter.", name=repr(name)), kind="zip_drive")
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        raise InputRefused(_("Entry {name} climbs out of the bundle with '..'.", name=repr(name)), kind="zip_parent")
    if _CONTROL.search(name) or any(p in ("", ".") for p in parts):
        raise InputRefused(_("Entry {name} has an empty part, '.' or a control character in its name.", name=repr(name)), kind="zip_name")


def entry_name(info: zipfile.ZipInfo) -> str:
    """The name of an entry as its writer meant it.

    ZIP names are UTF-8 when flag bit 11 is set, else (by the standard) code page 437, which is
    how ``zipfile`` decodes them. Info-ZIP's ``zip`` on Linux and macOS writes UTF-8 bytes without
    the flag and adds the UTF-8 name in an "Info-ZIP Unicode Path" extra field (0x7075); other
    tools write UTF-8 without saying so. Both are read here as UTF-8, so that a Vietnamese name
    made with ``zip`` matches its manifest entry; anything else keeps the code page 437 reading.
    """
    name = info.orig_filename
    if info.flag_bits & 0x800:
        return name
    try:
        raw = name.encode("cp437")  # zipfile decoded it with cp437, which maps every byte: lossless
    except UnicodeEncodeError:  # a zipfile that already read the name another way
        return name
    extra = info.extra
    pos = 0
    while pos + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, pos)
        body = extra[pos + 4 : pos + 4 + size]
        pos += 4 + size
        if tag == 0x7075 and len(body) >= 5 and body[0] == 1 and struct.unpack_from("<I", body, 1)[0] == zlib.crc32(raw):
            try:
                return body[5:].decode("utf-8")
            except UnicodeDecodeError:
                break
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return name


def _unix_type(info: zipfile.ZipInfo) -> int:
    if info.create_system != 3:  # only Unix ZIP tools record file types
        return 0
    return (info.external_attr >> 16) & _UNIX_TYPE_MASK


@dataclass
class BundleFile:
    """An opened bundle whose entries passed the safety checks (see :func:`open_bundle`)."""

    path: Path
    zip: zipfile.ZipFile
    entries: dict[str, zipfile.ZipInfo]  # files only, by NFC name
    manifest_bytes: bytes
    signature: bytes | None
    limits: Limits

    @property
    def total_bytes(self) -> int:
        return sum(i.file_size for i in self.entries.values())


def _read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    out = bytearray()
    try:
        with zf.open(info) as f:
            while chunk := f.read(min(CHUNK, limit + 1)):
                out += chunk
                if len(out) > limit:
                    raise InputRefused(_("{name} is larger than {limit} bytes.", name=info.filename, limit=limit), kind="manifest_size")
    except _ZIP_ERRORS as exc:
        raise _damaged(info.filename, exc) from exc
    except OSError as exc:
        raise _damaged(info.filename, exc) from exc
    return bytes(out)


def _damaged(name: str, exc: BaseException) -> InputRefused:
    return InputRefused(_("The bundle is damaged or truncated (entry {name}: {detail}).", name=name, detail=_short(str(exc) or type(exc).__name__, 160)), kind="zip_damaged")


def _check_entries(zf: zipfile.ZipFile, limits: Limits, size: int) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > limits.entries:
        raise InputRefused(_("The bundle has {n} entries; at most {limit} are allowed.", n=len(infos), limit=limits.entries), kind="zip_entries")
    files: dict[str, zipfile.ZipInfo] = {}
    seen: dict[str, str] = {}
    total = 0
    for info in infos:
        raw = entry_name(info)  # from orig_filename: before zipfile turns os.sep into "/" on Windows
        if len(raw) > limits.name_chars:
            raise InputRefused(_("Entry {name} has a name longer than {limit} characters.", name=repr(_short(raw, 80)), limit=limits.name_chars), kind="zip_name")
        entry_problem(raw)
        if raw != info.orig_filename:
            entry_problem(info.orig_filename)  # safe however an unpacker reads the name
        nfc = unicodedata.normalize("NFC", raw)
        if nfc in seen:
            if seen[nfc] == raw:
                raise InputRefused(_("Entry {name} appears twice in the bundle.", name=repr(raw)), kind="zip_duplicate")
            raise InputRefused(_("Entries {a} and {b} have the same name after Unicode normalisation (NFC).", a=repr(seen[nfc]), b=repr(raw)), kind="zip_nfc_collision")
        seen[nfc] = raw
        kind = _unix_type(info)
        if kind == _UNIX_SYMLINK:
            raise InputRefused(_("Entry {name} is a symbolic link; bundles hold plain files only.", name=repr(raw)), kind="zip_symlink")
        if info.flag_bits & 0x1:
            raise InputRefused(_("Entry {name} is encrypted; bundles are not encrypted (they are signed).", name=repr(raw)), kind="zip_encrypted")
        if raw.endswith("/"):
            if info.file_size or info.compress_size:
                raise InputRefused(_("Entry {name} is a folder with content.", name=repr(raw)), kind="zip_name")
            continue  # folder entries are ignored
        if kind not in (0, _UNIX_REGULAR):
            raise InputRefused(_("Entry {name} is not a plain file.", name=repr(raw)), kind="zip_special")
        if info.compress_type not in _METHODS:
            raise InputRefused(_("Entry {name} uses compression method {method}; bundles use stored (0) or deflate (8).", name=repr(raw), method=info.compress_type), kind="zip_method")
        if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
            raise _damaged(raw, ValueError("stored sizes differ"))
        if info.file_size > limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise InputRefused(
                _("Entry {name} expands {ratio}-fold (at most {limit} is allowed): a zip bomb?", name=repr(raw), ratio=round(info.file_size / max(info.compress_size, 1)), limit=round(limits.max_ratio)),
                kind="zip_ratio",
            )
        total += info.file_size
        if total > limits.total_bytes:
            raise InputRefused(_("The bundle would unpack to more than {limit} bytes: a zip bomb?", limit=limits.total_bytes), kind="zip_total")
        files[nfc] = info
    # Entries whose data overlap (the "overlapping files" zip bomb) or run past the end of the file.
    # The local header is at least 30 bytes plus the name, so these spans are lower bounds.
    spans = sorted((i.header_offset, i.header_offset + _LOCAL_HEADER + len(_name_bytes(i)) + i.compress_size, i.orig_filename) for i in infos)
    for (_a0, a1, an), (b0, _b1, bn) in zip(spans, spans[1:], strict=False):
        if a1 > b0:
            raise InputRefused(_("Entries {a} and {b} overlap inside the ZIP: a zip bomb or a damaged file.", a=repr(an), b=repr(bn)), kind="zip_overlap")
    if spans and spans[-1][1] > min(size, getattr(zf, "start_dir", size)):
        raise _damaged(spans[-1][2], EOFError("data runs into the central directory or past the end of the file"))
    return files


def _name_bytes(info: zipfile.ZipInfo) -> bytes:
    return info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437", "replace")


@contextmanager
def open_bundle(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[BundleFile]:
    """Open a bundle and check its entries (phase 1 of the module docstring); the manifest is
    read but not parsed (see :func:`parse_manifest`)."""
    path = Path(path)
    if not path.exists():
        raise InputRefused(_("'{path}' does not exist.", path=path), kind="missing")
    if not path.is_file():
        raise InputRefused(_("'{path}' is not a file.", path=path), kind="not_file")
    try:
        zf = zipfile.ZipFile(path)
    except (*_ZIP_ERRORS, OSError) as exc:
        raise InputRefused(_("'{name}' is not a ZIP file, or it is damaged or truncated.", name=path.name), kind="not_zip") from exc
    try:
        entries = _check_entries(zf, limits, path.stat().st_size)
        minfo = entries.pop(MANIFEST_NAME, None)
        if minfo is None:
            raise InputRefused(_("The bundle has no {name}.", name=MANIFEST_NAME), kind="no_manifest")
        if minfo.file_size > limits.manifest_bytes:
            raise InputRefused(_("manifest.json is larger than {limit} bytes.", limit=limits.manifest_bytes), kind="manifest_size")
        manifest = _read_small(zf, minfo, limits.manifest_bytes)
        signature = None
        sinfo = entries.pop(SIGNATURE_NAME, None)
        if sinfo is not None:
            if sinfo.file_size > limits.signature_bytes:
                raise InputRefused(_("manifest.sig is larger than {limit} bytes.", limit=limits.signature_bytes), kind="signature")
            signature = _decode_signature(_read_small(zf, sinfo, limits.signature_bytes))
        for name in entries:
            if not name.startswith(MEDIA_PREFIX):
                raise InputRefused(_("Entry {name} is not allowed: a bundle holds manifest.json, manifest.sig and media/ only.", name=repr(name)), kind="zip_extra")
        yield BundleFile(path, zf, entries, manifest, signature, limits)
    finally:
        zf.close()


def _decode_signature(data: bytes) -> bytes:
    try:
        sig = base64.b64decode(data.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InputRefused(_("manifest.sig is not base64 text."), kind="signature") from exc
    if len(sig) != SIGNATURE_BYTES:
        raise InputRefused(_("manifest.sig is not an Ed25519 signature (64 bytes, base64)."), kind="signature")
    return sig


def match_entries(bf: BundleFile, m: Manifest) -> None:
    """Every item's file is in the ZIP, and every media entry belongs to an item."""
    listed = {it.file: it for it in m.items}
    for it in m.items:
        if it.file not in bf.entries:
            raise InputRefused(_("Item '{id}': file {file} is missing from the bundle.", id=it.id, file=it.file), kind="file_missing")
    for name in bf.entries:
        if name not in listed:
            raise InputRefused(_("Entry {name} is not listed in the manifest.", name=repr(name)), kind="file_not_listed")


def read_bundle(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[Manifest, int, bool]:
    """Phase 1 alone, for quick checks: (manifest, bytes of media, signed?)."""
    with open_bundle(path, limits) as bf:
        m = parse_manifest(bf.manifest_bytes, limits)
        match_entries(bf, m)
        return m, bf.total_bytes, bf.signature is not None


# --- the signature policy ------------------------------------------------------------------


@dataclass(frozen=True)
class Trust:
    """What the signature says about where a bundle comes from."""

    state: str  # verified | unsigned | unknown_key
    key_id: str | None
    key_name: str | None

    @property
    def verified(self) -> bool:
        return self.state == "verified"

    def as_dict(self) -> dict[str, Any]:
        return {"state": self.state, "verified": self.verified, "key_id": self.key_id, "key_name": self.key_name}


def check_signature(session: Session, bf: BundleFile, m: Manifest, *, allow_unsigned: bool = False) -> Trust:
    """The signature policy: a trusted, non-revoked key of ``issuer.code`` signed the manifest.

    ``allow_unsigned`` lets through a bundle without a signature, or signed by a key this
    commune does not know (it cannot be checked: the same as unsigned). A signature that does
    not verify, a revoked key, or a key of another issuer is refused whatever the options.
    """
    if bf.signature is None:
        if not allow_unsigned:
            raise InputRefused(_("The bundle is not signed (it has no manifest.sig). Import it only if you know where it came from, with --allow-unsigned."), kind="unsigned")
        return Trust("unsigned", m.key_id, None)
    if m.key_id is None:
        raise InputRefused(_("The bundle has manifest.sig but its manifest names no issuer.key_id, so the signature cannot be checked."), kind="signature")
    row = session.get(TrustedKey, m.key_id)
    if row is None:
        if not allow_unsigned:
            raise InputRefused(
                _("The bundle is signed by key {key}, which is not trusted here. Trust the issuer's public key first: loaxa keys trust FILE.pub --issuer {issuer}.", key=m.key_id[:16], issuer=m.issuer_code),
                kind="untrusted_key",
            )
        return Trust("unknown_key", m.key_id, None)
    if row.revoked_at is not None:
        raise InputRefused(
            _("The bundle is signed by key {key} ({issuer}), which was revoked on {date}; it is refused.", key=row.key_id[:16], issuer=row.issuer_code, date=row.revoked_at.date().isoformat()),
            kind="revoked_key",
        )
    if row.issuer_code != m.issuer_code:
        raise InputRefused(
            _("Key {key} is trusted for issuer {trusted}, but the bundle says it comes from {issuer}; it is refused.", key=row.key_id[:16], trusted=row.issuer_code, issuer=m.issuer_code),
            kind="issuer_mismatch",
        )
    assert bf.signature is not None
    if not keys.verify(keys.load_public_pem(row.public_pem), bf.signature, bf.manifest_bytes):
        raise InputRefused(_("The signature does not match manifest.json: the manifest was changed after signing, or signed with another key. The bundle is refused."), kind="bad_signature")
    return Trust("verified", row.key_id, row.name)


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
                out = open(dest, "wb")
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
                            raise LoaxaError(_("Cannot write to the media folder ({path}): {error}", path=dest.parent if dest else "", error=exc.strerror)) from exc
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
                raise InputRefused(_("Entry {name}: its SHA-256 is {actual}, but the manifest says {expected}.", name=repr(name), actual=sha, expected=it.sha256), kind="sha_mismatch")
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


# --- verify and import ---------------------------------------------------------------------


def _library_shas(session: Session, shas: Iterable[str]) -> set[str]:
    wanted = list(shas)
    out: set[str] = set()
    for k in range(0, len(wanted), 500):  # stay under SQLite's bound-parameter limit
        out |= set(session.scalars(select(Item.media_sha256).where(Item.media_sha256.in_(wanted[k : k + 500]))))  # type: ignore[arg-type]
    return out


def verify_bundle(
    ws: Workspace,
    path: Path,
    *,
    check_audio: CheckAudio,
    allow_unsigned: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    workers: int | None = None,
) -> dict[str, Any]:
    """Every check an import makes of the bundle itself (format, ZIP safety, hashes, audio,
    signature policy), changing nothing. Raises InputRefused; returns a summary."""
    with open_bundle(path, limits) as bf:
        m = parse_manifest(bf.manifest_bytes, limits)
        match_entries(bf, m)
        with ws.sessions() as s:
            trust = check_signature(s, bf, m, allow_unsigned=allow_unsigned)
        staging = ws.media.open_staging()
        try:
            staged = stage_media(bf, m, staging, check_audio, keep=False, workers=workers)
        finally:
            ws.media.close_staging(staging)
        total = bf.total_bytes
    out = m.as_dict()
    out.update(
        signature=trust.as_dict(),
        bytes=total,
        files=[{"item": st.item_id, "file": st.entry, "sha256": st.sha256, "size": st.size, "duration_s": round(st.duration_s or 0.0, 3)} for st in staged.values()],
        ok=True,
    )
    return out


@dataclass
class ImportResult:
    """What an import did: the report (also stored with the bundle) and the new items."""

    report: dict[str, Any]
    new_item_ids: list[int] = field(default_factory=list)
    bundle_pk: int | None = None

    @property
    def changed(self) -> bool:
        return self.report.get("outcome") == "imported"


def _prior(session: Session, m: Manifest) -> tuple[Bundle | None, Bundle | None]:
    """(the same bundle already imported, the active older revision to supersede); refuses a
    lower or equal revision with other content and a bundle id of another issuer."""
    rows = list(session.scalars(select(Bundle).where(Bundle.bundle_id == m.bundle_id).order_by(Bundle.revision)))
    for r in rows:
        if r.manifest_sha256 == m.sha256:
            return r, None
    if not rows:
        return None, None
    other = next((r for r in rows if r.issuer_code != m.issuer_code), None)
    if other is not None:
        raise InputRefused(
            _("Bundle {id} was imported from issuer {other}; a bundle from {issuer} cannot replace it.", id=m.bundle_id, other=other.issuer_code, issuer=m.issuer_code),
            kind="issuer_mismatch",
        )
    same = next((r for r in rows if r.revision == m.revision), None)
    if same is not None:
        raise InputRefused(
            _("Revision {revision} of bundle {id} was already imported with different content. The issuer must raise the revision to change a bundle.", revision=m.revision, id=m.bundle_id),
            kind="revision_conflict",
        )
    newest = rows[-1]
    if m.revision < newest.revision:
        raise InputRefused(
            _("Revision {revision} of bundle {id} is older than revision {newest}, which is already imported.", revision=m.revision, id=m.bundle_id, newest=newest.revision),
            kind="revision_older",
        )
    active = next((r for r in reversed(rows) if r.state == "active"), None)
    return None, active


def import_bundle(
    ws: Workspace,
    path: Path,
    *,
    check_audio: CheckAudio,
    allow_unsigned: bool = False,
    dry_run: bool = False,
    actor: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    workers: int | None = None,
) -> ImportResult:
    """Import a bundle all-or-nothing (see the module docstring and the rules of the format).

    Raises InputRefused (nothing changed) for a bundle that must be refused. Schedules for codes
    unknown here, or that would air in local quiet hours, are skipped and reported; the rest
    imports. With ``dry_run`` everything is checked and reported, and nothing is kept.
    """
    with open_bundle(path, limits) as bf:
        m = parse_manifest(bf.manifest_bytes, limits)
        match_entries(bf, m)
        with ws.sessions() as s:
            trust = check_signature(s, bf, m, allow_unsigned=allow_unsigned)
            _prior(s, m)  # refuse a stale revision before streaming gigabytes
            known = _library_shas(s, (it.sha256 for it in m.items))
        staging = ws.media.open_staging()
        try:
            staged = stage_media(bf, m, staging, check_audio, known=known, workers=workers)
            return _write(ws, m, staged, staging, trust, allow_unsigned=allow_unsigned, dry_run=dry_run, actor=actor)
        finally:
            ws.media.close_staging(staging)


def _write(ws: Workspace, m: Manifest, staged: dict[str, StagedMedia], staging: Staging, trust: Trust, *, allow_unsigned: bool, dry_run: bool, actor: str | None) -> ImportResult:
    """Phase 4: one transaction; staged media published just before the commit."""
    with ws.sessions() as s:
        try:
            s.begin()
            same, prev = _prior(s, m)
            if same is not None:
                s.rollback()
                report = _base_report(m, trust, "unchanged")
                report["message"] = _("Bundle {id} revision {revision} is already imported; nothing changed.", id=m.bundle_id, revision=same.revision)
                return ImportResult(report, [], same.pk)
            result = _apply(s, m, staged, staging, trust, prev, allow_unsigned=allow_unsigned, actor=actor)
            if dry_run:
                s.rollback()
                result.report["outcome"] = "dry_run"
                result.report["bundle"]["pk"] = None
                result.new_item_ids, result.bundle_pk = [], None
                return result
            staging.publish()
            s.commit()
            return result
        except IntegrityError as exc:
            # a unique audio hash or (bundle, revision) written by another process meanwhile
            s.rollback()
            staging.rollback()
            raise InputRefused(_("The library changed while the bundle was imported (another import?); nothing was imported. Try again."), kind="conflict") from exc
        except BaseException:
            s.rollback()
            staging.rollback()
            raise


def _base_report(m: Manifest, trust: Trust, outcome: str) -> dict[str, Any]:
    return {
        "outcome": outcome,
        "bundle": m.as_dict(),
        "signature": trust.as_dict(),
        "added": {"items": [], "playlists": [], "schedules": []},
        "updated": {"items": [], "playlists": []},
        "reused": [],
        "superseded": None,
        "skipped": [],
        "approved": [],
        "flagged": [],
    }


def _code_exists(s: Session, code: str) -> bool:
    return s.get(Endpoint, code) is not None or s.get(Area, code) is not None


def _set_meta(item: Item, meta: ItemMeta) -> None:
    """Every metadata field from the bundle, absent ones cleared (a revision replaces them)."""
    for k in ("title", "summary", "field", "priority", "language", "author", "source", "produced_at", "valid_from", "valid_until"):
        setattr(item, k, getattr(meta, k))
    item.search_key = library.search_key(item)


def _apply(s: Session, m: Manifest, staged: dict[str, StagedMedia], staging: Staging, trust: Trust, prev: Bundle | None, *, allow_unsigned: bool, actor: str | None) -> ImportResult:
    report = _base_report(m, trust, "imported")
    bundle = Bundle(
        bundle_id=m.bundle_id, revision=m.revision, issuer_code=m.issuer_code, issuer_name=m.issuer_name, key_id=m.key_id,
        signed=trust.verified, manifest_sha256=m.sha256, created_at=m.created_at, state="active",
    )  # fmt: skip
    s.add(bundle)
    s.flush()
    keep_approval = trust.verified and bool(settings.get(s, "bundles.keep_approval"))
    new_ids: list[int] = []
    items: dict[str, Item] = {}

    # items: new, reused from the library, or (same audio in the revision this one replaces) updated
    for mi in m.items:
        st = staged[mi.id]
        existing = library.find_by_sha(s, mi.sha256)
        if existing is not None and prev is not None and existing.bundle_pk == prev.pk:
            _set_meta(existing, mi.meta)
            existing.bundle_pk, existing.bundle_item_id = bundle.pk, mi.id
            items[mi.id] = existing
            report["updated"]["items"].append({"bundle_item": mi.id, "id": existing.id, "title": existing.title})
            audit.record(s, "item.bundle_update", "item", existing.id, actor=actor, bundle=m.bundle_id, revision=m.revision)
        elif existing is not None:
            items[mi.id] = existing
            report["reused"].append(
                {"bundle_item": mi.id, "id": existing.id, "title": existing.title, "state": existing.state,
                 "message": _("Item '{bundle_item}': the audio is already in the library as item {id} ({title}); that item is used, with its own details and approval.", bundle_item=mi.id, id=existing.id, title=existing.title)}
            )  # fmt: skip
            continue
        else:
            if st.path is None:  # known at staging time, removed from the library since
                raise InputRefused(_("The library changed while the bundle was imported (another import?); nothing was imported. Try again."), kind="conflict")
            item = Item(
                title=mi.meta.title or mi.id, media_sha256=st.sha256, media_size=st.size, media_ext=st.ext, original_name=st.original_name,
                duration_s=st.duration_s or 0.0, source_duration_s=st.duration_s, bundle_pk=bundle.pk, bundle_item_id=mi.id, state="draft",
            )  # fmt: skip
            _set_meta(item, mi.meta)
            s.add(item)
            s.flush()
            staging.add_file(st.path, source_relpath(st.sha256, st.ext))
            items[mi.id] = item
            new_ids.append(item.id)
            report["added"]["items"].append({"bundle_item": mi.id, "id": item.id, "title": item.title, "duration_s": round(item.duration_s, 3)})
            audit.record(s, "item.import", "item", item.id, actor=actor, file=st.original_name, sha256=st.sha256, bundle=m.bundle_id, revision=m.revision)
        it = items[mi.id]
        if keep_approval and mi.approved_by and it.state != "retired" and not (it.state == "approved" and it.approved_by == mi.approved_by):
            s.flush()
            library.approve(s, it.id, mi.approved_by)
            report["approved"].append({"id": it.id, "by": mi.approved_by})

    # the revision this one replaces: its schedules go, its playlists are updated or go
    old_playlists: dict[str, Playlist] = {}
    superseded: dict[str, Any] | None = None
    if prev is not None:
        superseded = {"revision": prev.revision, "schedules_removed": [], "playlists_removed": [], "playlists_kept": [], "items_retired": [], "items_kept": []}
        for sc in s.scalars(select(Schedule).where(Schedule.bundle_pk == prev.pk)):
            superseded["schedules_removed"].append(sc.id)
            audit.record(s, "schedule.remove", "schedule", sc.id, actor=actor, reason="bundle superseded", bundle=m.bundle_id, revision=m.revision)
            s.delete(sc)
        s.flush()
        old_playlists = {p.bundle_playlist_id or "": p for p in s.scalars(select(Playlist).where(Playlist.bundle_pk == prev.pk).options(selectinload(Playlist.entries)))}

    playlists: dict[str, Playlist] = {}
    for mp in m.playlists:
        pl = old_playlists.pop(mp.id, None)
        replaced = pl is not None
        if pl is not None:  # same id: replaced in place, so local schedules and holiday rules on it follow
            pl.entries.clear()
            s.flush()
            pl.name, pl.bundle_pk = mp.name, bundle.pk
        else:
            pl = Playlist(name=mp.name, bundle_pk=bundle.pk, bundle_playlist_id=mp.id)
            s.add(pl)
        pl.entries.extend(PlaylistEntry(position=n, item_id=items[ref].id, item=items[ref]) for n, ref in enumerate(mp.items))
        s.flush()
        playlists[mp.id] = pl
        report["updated" if replaced else "added"]["playlists"].append({"bundle_playlist": mp.id, "id": pl.id, "name": mp.name})
        audit.record(s, "playlist.bundle", "playlist", pl.id, actor=actor, bundle=m.bundle_id, revision=m.revision, items=[items[r].id for r in mp.items])

    if prev is not None and superseded is not None:
        for pl in old_playlists.values():
            used = s.scalar(select(func.count()).select_from(Schedule).where(Schedule.playlist_id == pl.id)) or s.scalar(
                select(func.count()).select_from(HolidayRule).where(HolidayRule.playlist_id == pl.id)
            )
            if used:
                superseded["playlists_kept"].append({"id": pl.id, "message": _("Playlist {id} ({name}) is kept: a local schedule or holiday rule uses it.", id=pl.id, name=pl.name)})
            else:
                superseded["playlists_removed"].append(pl.id)
                s.delete(pl)
        s.flush()
        for old in s.scalars(select(Item).where(Item.bundle_pk == prev.pk)):
            in_use = s.scalar(select(func.count()).select_from(PlaylistEntry).where(PlaylistEntry.item_id == old.id))
            if in_use:
                superseded["items_kept"].append({"id": old.id, "message": _("Item {id} ({title}) is kept: a playlist still uses it.", id=old.id, title=old.title)})
            elif old.state != "retired":
                library.retire(s, old.id, actor)
                superseded["items_retired"].append(old.id)
        prev.state = "superseded"
        audit.record(s, "bundle.supersede", "bundle", prev.pk, actor=actor, bundle=m.bundle_id, revision=prev.revision, by_revision=m.revision)
        report["superseded"] = superseded

    # schedules: unknown target codes and quiet hours here are skipped and reported
    for ms in m.schedules:
        known = [c for c in ms.targets if _code_exists(s, c)]
        unknown = [c for c in ms.targets if c not in known]
        if unknown:
            report["skipped"].append(
                {"kind": "unknown_target", "schedule": ms.id, "codes": unknown,
                 "message": _("Schedule '{id}': targets not known here were skipped: {codes}.", id=ms.id, codes=", ".join(unknown))}
            )  # fmt: skip
        if not known:
            report["skipped"].append({"kind": "no_target", "schedule": ms.id, "message": _("Schedule '{id}' was not imported: none of its targets exists here.", id=ms.id)})
            continue
        pl = playlists[ms.playlist]
        tier = ms.priority if ms.priority is not None else most_urgent(pl)
        if tier >= 2:
            rule = make_rule([parse_time(t) for t in ms.times], days=ms.days, start=ms.start, end=ms.until)
            try:
                check_quiet_hours(s, rule, known, playlist_duration(pl), 1, 0.0)
            except InputRefused as exc:
                report["skipped"].append({"kind": "quiet_hours", "schedule": ms.id, "message": _("Schedule '{id}' was not imported: {reason}", id=ms.id, reason=exc.message)})
                continue
        try:
            # add_schedule checks everything before it adds anything, so a refusal leaves no trace
            sc = add_schedule(
                s, playlist_id=pl.id, targets=known, times=",".join(ms.times), days=ms.days,
                start=ms.start.isoformat() if ms.start else None, until=ms.until.isoformat() if ms.until else None,
                priority=ms.priority, collision=ms.collision, name=ms.name, actor=actor,
            )  # fmt: skip
            sc.bundle_pk, sc.bundle_schedule_id = bundle.pk, ms.id
        except (InputRefused, NotFound) as exc:
            report["skipped"].append({"kind": exc.kind, "schedule": ms.id, "message": _("Schedule '{id}' was not imported: {reason}", id=ms.id, reason=exc.message)})
            continue
        report["added"]["schedules"].append({"bundle_schedule": ms.id, "id": sc.id, "targets": known, "times": [format_time(parse_time(t)) for t in ms.times]})

    report["bundle"]["pk"] = bundle.pk
    bundle.report = json.loads(json.dumps(report, default=str))
    audit.record(
        s, "bundle.import", "bundle", bundle.pk, actor=actor, bundle=m.bundle_id, revision=m.revision, issuer=m.issuer_code, key_id=m.key_id,
        signature=trust.state, items_added=len(new_ids), superseded=prev.revision if prev else None,
    )  # fmt: skip
    if not trust.verified:
        audit.record(s, "bundle.import_unsigned", "bundle", bundle.pk, actor=actor, bundle=m.bundle_id, revision=m.revision, signature=trust.state, allow_unsigned=allow_unsigned)
    s.flush()
    return ImportResult(report, new_ids, bundle.pk)


# --- create --------------------------------------------------------------------------------

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
        raise InputRefused(_("Schedule {id} follows the lunar calendar; bundle format 1 carries daily, weekly and one-day schedules only.", id=sc.id), kind="not_expressible")
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
        warnings.append(_("Schedule {id}: repeats, the pre-emption choice, a quiet-hours override, skipped or moved days and the enabled switch are not part of bundle format 1 and were left out.", id=sc.id))
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
    from .areas import check_code

    issuer_code = check_code((issuer_code or "").strip())
    if bundle_id is not None and not _UUID.fullmatch(bundle_id.strip()):
        raise InputRefused(_("--id: '{value}' is not a UUID (e.g. 6f1c2a4e-1d2b-4c3a-9e8f-0a1b2c3d4e5f).", value=bundle_id), kind="input")
    if not 1 <= revision <= 2147483647:
        raise InputRefused(_("--revision: give a whole number from 1."), kind="input")
    private = keys.load_private(sign_key) if sign_key is not None else None
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
            "created_at": (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds"),
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
            zf.writestr(_zinfo(MANIFEST_NAME, len(data), zipfile.ZIP_DEFLATED), data)
            if signature is not None:
                zf.writestr(_zinfo(SIGNATURE_NAME, len(signature), zipfile.ZIP_STORED), signature)
            for name, src, sha in media:
                size += _write_entry(zf, name, src, sha)
        os.replace(tmp, out)
    except OSError as exc:
        raise InputRefused(_("Cannot write '{path}': {error}", path=out, error=exc.strerror), kind="write") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return {
        "path": str(out), "id": doc["id"], "revision": revision, "issuer": doc["issuer"], "signed": private is not None,
        "items": len(items), "playlists": len(pls), "schedules": len(scheds), "media_bytes": size, "bytes": out.stat().st_size,
        "manifest_sha256": hashlib.sha256(data).hexdigest(), "warnings": warnings,
    }  # fmt: skip


def _get(s: Session, model: Any, pk: int, message: str) -> Any:
    row = s.get(model, pk)
    if row is None:
        raise NotFound(message)
    return row


def _zinfo(name: str, size: int, method: int) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
    zi.compress_type = method
    zi.file_size = size
    zi.create_system = 3
    zi.external_attr = (_UNIX_REGULAR | 0o644) << 16
    return zi


def _write_entry(zf: zipfile.ZipFile, name: str, src: Path, sha: str) -> int:
    """Copy one media file into the ZIP (stored: audio does not compress), checking its hash."""
    zi = _zinfo(name, src.stat().st_size, zipfile.ZIP_STORED)
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


def bundle_rows(session: Session) -> list[Bundle]:
    """Imported bundles, newest first."""
    return list(session.scalars(select(Bundle).order_by(Bundle.imported_at.desc(), Bundle.pk.desc())))

