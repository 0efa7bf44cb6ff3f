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
