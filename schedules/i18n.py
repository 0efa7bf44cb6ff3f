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


def _(msgid: str, /, **values: object) -> str:
    """Translate ``msgid`` into the current language and fill in its placeholders."""
    text = catalog(_current).get(msgid) or msgid  # untranslated: the English text, as gettext does
    return text.format(**values) if values else text


def N_(msgid: str, /) -> str:
    """Mark a string for translation without translating it now (translated later by ``_``)."""
    return msgid
