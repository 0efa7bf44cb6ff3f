"""The ZIP of a bundle, read safely: every entry name is safe, no symlinks, no NFC collisions,
sizes and compression ratios within :class:`~.manifest.Limits`, only the entries the format allows;
then the manifest and the entries against each other. Nothing reads a whole entry into memory."""

from __future__ import annotations

import base64
import binascii
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputRefused
from ..i18n import _
from ..media import CHUNK
from .manifest import DEFAULT_LIMITS, MANIFEST_NAME, MEDIA_PREFIX, SIGNATURE_BYTES, SIGNATURE_NAME, Limits, Manifest, _short, entry_problem, parse_manifest

# Errors the zipfile and zlib modules raise for damaged, truncated or hostile archives.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    EOFError,
    ValueError,
    OverflowError,
    NotImplementedError,
    RuntimeError,
    KeyError,
    IndexError,
)


_UNIX_TYPE_MASK, _UNIX_REGULAR, _UNIX_DIR, _UNIX_SYMLINK = 0o170000, 0o100000, 0o040000, 0o120000
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_LOCAL_HEADER = 30  # fixed part of a ZIP local file header


# --- the ZIP -------------------------------------------------------------------------------


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
    return InputRefused(
        _("The bundle is damaged or truncated (entry {name}: {detail}).", name=name, detail=_short(str(exc) or type(exc).__name__, 160)), kind="zip_damaged"
    )


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
            raise InputRefused(
                _("Entry {name} has a name longer than {limit} characters.", name=repr(_short(raw, 80)), limit=limits.name_chars), kind="zip_name"
            )
        entry_problem(raw)
        if raw != info.orig_filename:
            entry_problem(info.orig_filename)  # safe however an unpacker reads the name
        nfc = unicodedata.normalize("NFC", raw)
        if nfc in seen:
            if seen[nfc] == raw:
                raise InputRefused(_("Entry {name} appears twice in the bundle.", name=repr(raw)), kind="zip_duplicate")
            raise InputRefused(
                _("Entries {a} and {b} have the same name after Unicode normalisation (NFC).", a=repr(seen[nfc]), b=repr(raw)), kind="zip_nfc_collision"
            )
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
            raise InputRefused(
                _("Entry {name} uses compression method {method}; bundles use stored (0) or deflate (8).", name=repr(raw), method=info.compress_type),
                kind="zip_method",
            )
        if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
            raise _damaged(raw, ValueError("stored sizes differ"))
        if info.file_size > limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise InputRefused(
                _(
                    "Entry {name} expands {ratio}-fold (at most {limit} is allowed): a zip bomb?",
                    name=repr(raw),
                    ratio=round(info.file_size / max(info.compress_size, 1)),
                    limit=round(limits.max_ratio),
                ),
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
                raise InputRefused(
                    _("Entry {name} is not allowed: a bundle holds manifest.json, manifest.sig and media/ only.", name=repr(name)), kind="zip_extra"
                )
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
