"""Translation of messages outside Qt (CLI, engine, domain errors).

Message ids are English; Vietnamese is the default language. Catalogs are JSON files in
``assets/i18n/messages.<lang>.json`` mapping the English id to its translation. Placeholders use
``str.format`` names so a translation may reorder them: ``_("Clip {id} not found", id=3)``.
"""

from __future__ import annotations

import os
from functools import cache

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_current = DEFAULT_LANGUAGE


def set_language(lang: str | None) -> str:
    """Choose the language of messages for this process; unknown values fall back to vi."""
    global _current
    lang = (lang or os.environ.get("LOAXA_LANG") or DEFAULT_LANGUAGE).lower()[:2]
    _current = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    return _current


def language() -> str:
    return _current


@cache
def catalog(lang: str) -> dict[str, str]:
    """The translations of one language (empty for English, whose ids are the text)."""
    if lang == "en":
        return {}
    import json
    from importlib import resources

    path = resources.files("assets") / "i18n" / f"messages.{lang}.json"
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data


class Msg(str):
    """A translated message that remembers its id and values, so that what was written down in
    one language (an as-run reason) can be shown again in another (see ``encode``/``render``).
    It is an ordinary ``str`` everywhere else; joining or formatting it gives a plain ``str``."""

    __slots__ = ("msgid", "values")  # no __dict__: the planner makes millions of these
    msgid: str | None
    values: dict[str, object]

    def __new__(cls, text: str, msgid: str | None = None, values: dict[str, object] | None = None) -> Msg:
        obj = str.__new__(cls, text)
        obj.msgid = msgid
        obj.values = values or _NO_VALUES
        return obj


_NO_VALUES: dict[str, object] = {}


def _fill(text: str, values: dict[str, object]) -> str:
    return text.format(**values) if values else text


def _(msgid: str, /, **values: object) -> str:
    """Translate ``msgid`` into the current language and fill in its placeholders."""
    text = catalog(_current).get(msgid) or msgid  # untranslated: the English text, as gettext does
    return Msg(text.format(**values) if values else text, msgid, values)


def join(parts: list[str], sep: str = "; ") -> str:
    """``sep.join(parts)`` (empty parts left out) that keeps each part's message for ``encode``."""
    kept = [p for p in parts if p]
    return Msg(sep.join(kept), None, {"parts": kept, "sep": sep})


def encode(text: object) -> object:
    """A JSON-able form of a message (built by ``_`` or ``join``) to store beside its text: the
    message id and values, recursively; plain text stays text."""
    if isinstance(text, Msg) and text.msgid is not None:
        return {"id": text.msgid, "values": {k: encode(v) for k, v in text.values.items()}}
    if isinstance(text, Msg) and "parts" in text.values:
        return {"join": [encode(p) for p in text.values["parts"]], "sep": text.values["sep"]}  # type: ignore[attr-defined]
    if text is None or isinstance(text, bool | int | float):
        return text
    return str(text)


def render(data: object, lang: str | None = None) -> str:
    """The text of an ``encode``d message in ``lang`` (default: the current language)."""
    lang = lang or _current
    if isinstance(data, dict) and "id" in data:
        text = catalog(lang).get(str(data["id"])) or str(data["id"])
        values = {k: render(v, lang) if isinstance(v, dict) else v for k, v in dict(data.get("values") or {}).items()}
        for candidate in (text, str(data["id"])):  # a translation from another LoaXa version may not fit
            try:
                return _fill(candidate, values)
            except (KeyError, IndexError, ValueError):
                continue
        return str(data["id"])
    if isinstance(data, dict) and "join" in data:
        return str(data.get("sep", "; ")).join(render(p, lang) for p in data["join"])
    return "" if data is None else str(data)


def N_(msgid: str, /) -> str:
    """Mark a string for translation without translating it now (translated later by ``_``)."""
    return msgid
