"""Reading metadata from audio tags.

:func:`read` maps the common tags of MP3 (ID3), MP4/M4A, Ogg/Opus/FLAC (Vorbis comments), WMA (ASF)
and APEv2 files onto an :class:`~schedules.library.ItemMeta`.

Every text value goes through :func:`broadcast.legacy_text.fix_legacy`, which recovers Vietnamese
stored in legacy encodings (Windows-1258, VNI, TCVN3, UTF-8 read as latin-1); a value that looks
garbled but no reading explains is dropped with a warning rather than shown as mojibake. The
legacy-text names stay importable from here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from datetime import tzinfo as TzInfo
from pathlib import Path

import mutagen
from mutagen._vorbis import VCommentDict  # the documented base class of every Vorbis comment block
from mutagen.apev2 import APETextValue, APEv2
from mutagen.asf import ASFTags, ASFUnicodeAttribute
from mutagen.id3 import ID3
from mutagen.mp4 import MP4Tags

from schedules.i18n import _
from schedules.library import ItemMeta
from schedules.timeutil import DEFAULT_TZ, zone

from .legacy_text import ENCODING_NAMES, ENCODINGS, LegacyTextError, decode_legacy, encode_legacy, fix_legacy, is_syllable, is_vietnamese

log = logging.getLogger("loaxa.tags")

__all__ = [
    "ENCODINGS",
    "ENCODING_NAMES",
    "LegacyTextError",
    "decode_legacy",
    "encode_legacy",
    "fix_legacy",
    "is_syllable",
    "is_vietnamese",
    "parse_recording_date",
    "read",
]


# --- reading tags ---------------------------------------------------------------------------------

# Which tag holds what, per tag format. Keys are the tag names warnings use.
_ID3_KEYS = {"title": "TIT2", "artist": "TPE1", "publisher": "TPUB", "album": "TALB", "date": "TDRC"}
_MP4_KEYS = {"title": ("©nam",), "artist": ("©ART",), "comment": ("©cmt", "desc"), "album": ("©alb",), "date": ("©day",)}
_VORBIS_KEYS = {
    "title": ("title",),
    "artist": ("artist",),
    "comment": ("comment", "description"),
    "publisher": ("organization", "publisher", "label"),
    "album": ("album",),
    "date": ("date",),
}
_ASF_KEYS = {
    "title": ("Title",),
    "artist": ("Author", "WM/AlbumArtist"),
    "comment": ("Description",),
    "publisher": ("WM/Publisher",),
    "album": ("WM/AlbumTitle",),
    "date": ("WM/Year",),
}
_APE_KEYS = {"title": ("Title",), "artist": ("Artist",), "comment": ("Comment",), "publisher": ("Publisher",), "album": ("Album",), "date": ("Year",)}

# iTunes and encoders hide technical data in ID3 comments; those are not summaries.
_TECHNICAL_COMMENTS = re.compile(r"^(iTun|MusicMatch|Songs-DB|CDDB)", re.IGNORECASE)


def _id3_values(tags: ID3) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for name, frame_id in _ID3_KEYS.items():
        values[name] = [str(t) for frame in tags.getall(frame_id) for t in frame.text]
    comments = [c for c in tags.getall("COMM") if not _TECHNICAL_COMMENTS.match(c.desc or "")]
    comments.sort(key=lambda c: c.desc != "")  # the plain comment (no description) first
    values["comment"] = [str(t) for c in comments[:1] for t in c.text]
    return values


def _vorbis_values(tags: VCommentDict) -> dict[str, list[str]]:
    # Keys of Vorbis comments are case-insensitive; VCommentDict lowers them for us.
    return {name: _first_present(tags.get(k, []) for k in keys) for name, keys in _VORBIS_KEYS.items()}


def _mp4_values(tags: MP4Tags) -> dict[str, list[str]]:
    return {name: _first_present([str(v) for v in tags.get(k, []) if isinstance(v, str)] for k in keys) for name, keys in _MP4_KEYS.items()}


def _asf_values(tags: ASFTags) -> dict[str, list[str]]:
    return {
        name: _first_present([str(v.value) for v in tags.get(k, []) if isinstance(v, ASFUnicodeAttribute)] for k in keys) for name, keys in _ASF_KEYS.items()
    }


def _ape_values(tags: APEv2) -> dict[str, list[str]]:
    def texts(key: str) -> list[str]:
        value = tags.get(key)
        return list(value) if isinstance(value, APETextValue) else []

    return {name: _first_present(texts(k) for k in keys) for name, keys in _APE_KEYS.items()}


def _first_present(candidates: Iterable[list[str]]) -> list[str]:
    for values in candidates:
        if any(v.strip() for v in values):
            return values
    return []


def _tag_values(tags: object) -> dict[str, list[str]]:
    if isinstance(tags, ID3):
        return _id3_values(tags)
    if isinstance(tags, MP4Tags):
        return _mp4_values(tags)
    if isinstance(tags, VCommentDict):
        return _vorbis_values(tags)
    if isinstance(tags, ASFTags):
        return _asf_values(tags)
    if isinstance(tags, APEv2):
        return _ape_values(tags)
    return {}  # RIFF INFO (mutagen 1.48 does not read it), AIFF text chunks...


def _clean(tag: str, values: list[str], warnings: list[dict[str, str]]) -> str | None:
    """One tag's text: legacy encodings converted, mojibake dropped, NFC, stripped; None if empty."""
    texts: list[str] = []
    converted: set[str] = set()
    garbled = False
    for value in values:
        try:
            text, encoding = fix_legacy(value)
        except LegacyTextError as exc:
            log.info("tag %s dropped: %s", tag, exc)
            garbled = True
            continue
        if encoding:
            converted.add(encoding)
        text = text.strip()
        if text and text not in texts:
            texts.append(text)
    for encoding in sorted(converted):
        warnings.append(
            {
                "kind": "tag_converted",
                "message": _("Tag {tag} was in the legacy {encoding} encoding and was converted.", tag=tag, encoding=ENCODING_NAMES[encoding]),
            }
        )
    if garbled:
        warnings.append(
            {
                "kind": "tag_encoding",
                "message": _("Tag {tag} is in an unrecognised text encoding (it shows as garbled characters) and was ignored.", tag=tag),
            }
        )
    return "; ".join(texts) or None


_DATE_RE = re.compile(
    r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?\s*$"
)


def parse_recording_date(text: str) -> datetime | None:
    """An aware datetime from a tag date such as ``2024-03-05`` or ``2024-03-05T07:30:00Z``.

    A bare year or year-month is not a production date (None). Dates without a zone are taken
    in the default zone (Asia/Ho_Chi_Minh): that is where LoaXa's clips are produced.
    """
    m = _DATE_RE.match(text or "")
    if not m:
        return None
    y, mo, d, h, mi, s, tz = m.groups()
    if tz is None:
        tzinfo: TzInfo = zone(DEFAULT_TZ)
    elif tz == "Z":
        tzinfo = UTC
    else:
        sign = -1 if tz[0] == "-" else 1
        digits = tz[1:].replace(":", "")
        tzinfo = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    try:
        return datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), tzinfo=tzinfo)
    except ValueError:
        return None  # 2024-02-30, 25:00, an offset of 24 hours


def read(path: Path) -> tuple[ItemMeta, list[dict[str, str]]]:
    """Metadata from the file's tags and warnings [{"kind": ..., "message": ...}].

    title <- title, author <- artist, summary <- comment, source <- publisher (else album),
    produced_at <- recording date when it is a full date. Tags in a legacy Vietnamese encoding are
    converted (warning ``tag_converted``); garbled ones are left out (warning ``tag_encoding``), so
    the caller falls back to the file name for the title. A file mutagen cannot read, or one
    without tags, gives an empty ItemMeta.
    """
    try:
        audio = mutagen.File(path)
    except Exception as exc:  # noqa: BLE001 - mutagen raises many types (struct.error, ValueError...) on damaged files
        log.info("no tags read from %s: %s", path, exc)
        return ItemMeta(), []
    if audio is None or audio.tags is None:
        return ItemMeta(), []
    values = _tag_values(audio.tags)
    warnings: list[dict[str, str]] = []

    def text(tag: str) -> str | None:
        return _clean(tag, values.get(tag, []), warnings)

    dates = [d for d in (parse_recording_date(v) for v in values.get("date", [])) if d is not None]
    meta = ItemMeta(
        title=text("title"),
        author=text("artist"),
        summary=text("comment"),
        source=text("publisher") or text("album"),
        produced_at=dates[0] if dates else None,
    )
    return meta, warnings
