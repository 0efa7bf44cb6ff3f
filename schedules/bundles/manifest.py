"""The manifest of a bundle: the format's constants and limits, the JSON Schema
(``assets/schemas/bundle-v1.schema.json``) and the rules a schema cannot say (dates, ids,
references), parsed into :class:`Manifest`."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from typing import Any

from ..errors import InputRefused
from ..i18n import _
from ..library import ItemMeta
from ..rules import make_rule
from ..scheduling import parse_collision_option
from ..timeutil import parse_date, parse_time

FORMAT_NAME = "loaxa.bundle"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
MEDIA_PREFIX = "media/"
SIGNATURE_BYTES = 64  # Ed25519


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


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
    if (
        doc.get("format") == FORMAT_NAME
        and isinstance(doc.get("version"), int)
        and not isinstance(doc.get("version"), bool)
        and doc["version"] != FORMAT_VERSION
    ):
        # a clearer message than the schema's for a bundle from a newer LoaXa
        raise InputRefused(
            _(
                "This bundle uses format version {version}; this LoaXa reads version {supported}. Update LoaXa or ask the issuer for a version {supported} bundle.",
                version=doc["version"],
                supported=FORMAT_VERSION,
            ),
            kind="manifest_version",
        )
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
        raise InputRefused(
            _("manifest.json does not follow the bundle format at {where}: {detail}", where=where, detail=repr(_short(value, 80))), kind="manifest_schema"
        )
    return value


def _local_id(value: str, where: str) -> str:
    if _CONTROL.search(value) or value != value.strip():
        raise InputRefused(
            _("manifest.json does not follow the bundle format at {where}: {detail}", where=where, detail=repr(_short(value, 80))), kind="manifest_schema"
        )
    return value


def _instant(value: str, where: str) -> datetime:
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        dt = None
    if dt is None or dt.tzinfo is None:
        raise InputRefused(
            _("{where}: '{value}' is not a date and time with a UTC offset (e.g. 2027-03-01T08:00:00+07:00).", where=where, value=_short(value, 80)),
            kind="manifest_date",
        )
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
            raise InputRefused(
                _("Items '{a}' and '{b}' have the same audio (SHA-256); list it once and repeat the item in a playlist.", a=seen_sha[audio_sha], b=iid),
                kind="duplicate_audio",
            )
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
                raise InputRefused(
                    _("Playlist '{id}' refers to item '{item}', which is not in the bundle.", id=pid, item=_short(ref, 80)), kind="dangling_reference"
                )
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
            raise InputRefused(
                _("Schedule '{id}' refers to playlist '{playlist}', which is not in the bundle.", id=sid, playlist=_short(raw["playlist"], 80)),
                kind="dangling_reference",
            )
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
            ManifestSchedule(
                sid,
                _text(raw.get("name")),
                raw["playlist"],
                targets,
                tuple(t.strftime("%H:%M:%S") for t in times),
                days,
                start,
                until,
                int(prio) if prio is not None else None,
                collision,
            )
        )

    return Manifest(
        bundle_id, int(doc["revision"]), code, _text(issuer.get("name")), kid, created, tuple(items), tuple(playlists), tuple(schedules), manifest_sha
    )


# --- names -----------------------------------------------------------------------------------


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
