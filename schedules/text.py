"""Text helpers for Vietnamese: accent-insensitive search keys and safe names."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower case without diacritics: "Thông báo Đường" -> "thong bao duong"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(text: str, max_len: int = 80) -> str:
    """A file name every OS accepts (no ``:``, no separators), from any text."""
    name = _UNSAFE.sub("_", fold(text) if text else "").strip("._")
    return (name or "x")[:max_len]


def has_control(text: str) -> bool:
    """True when ``text`` holds a control character (C0, DEL, C1, NUL) or a bidi override,
    embedding, isolate or mark that would make it read differently than it is stored."""
    for ch in text:
        o = ord(ch)
        if o < 0x20 or 0x7F <= o < 0xA0 or 0x202A <= o <= 0x202E or 0x2066 <= o <= 0x2069 or o in (0x200E, 0x200F, 0x061C):
            return True
    return False


def shown(text: str, limit: int = 200) -> str:
    """``text`` safe to print: control and bidi characters as ``\\uXXXX``, cut at ``limit``."""
    out = [ch.encode("unicode_escape").decode("ascii") if has_control(ch) else ch for ch in text[:limit]]
    return "".join(out) + ("…" if len(text) > limit else "")


def check_text(value: str, *, field: str, max_len: int, allow_empty: bool = False, multiline: bool = False) -> str:
    """A text as LoaXa stores it: NFC, trimmed, within ``max_len`` characters, with no control
    or bidi-override character (newlines only where ``multiline``); refused (exit 3) otherwise,
    never repaired. The length rule lives here so SQLite and PostgreSQL behave the same."""
    from .errors import InputRefused
    from .i18n import _

    v = nfc(str(value)).strip()
    if not v and not allow_empty:
        raise InputRefused(_("{field}: must not be empty.", field=field))
    probe = v.replace("\n", "") if multiline else v
    if has_control(probe):
        raise InputRefused(_("{field}: '{text}' holds control or text-direction characters; type it again as plain text.", field=field, text=shown(v, 80)))
    if len(v) > max_len:
        raise InputRefused(_("{field}: at most {max} characters ({n} given).", field=field, max=max_len, n=len(v)))
    return v


_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text, never runs as a formula (the OWASP rule): a text
    that begins with ``=``, ``+``, ``-``, ``@``, a tab or a line break gets a leading ``'``;
    plain numbers and non-text values are left as they are."""
    if not isinstance(value, str) or not value:
        return value
    if value.lstrip(" ").startswith(_FORMULA_START) and not _NUMBER.fullmatch(value.strip()):
        return "'" + value
    return value
