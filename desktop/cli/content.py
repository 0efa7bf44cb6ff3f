"""``loaxa clips say`` and ``loaxa clips compose``: content made in LoaXa (speech, bulletins)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from schedules import library as lib
from schedules.errors import InputRefused
from schedules.i18n import _

from .common import Context, emit


def _clips_group(root: Any) -> Any:
    """The ``clips`` group's subcommands (registered by desktop.cli.library)."""
    clips = root.choices["clips"]
    for action in clips._actions:  # argparse keeps a group's subcommands as one action
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError("the clips group has no subcommands")


def _meta_options(p: Any) -> None:
    p.add_argument("--title", required=True, help=_("the item's title"))
    p.add_argument("--summary")
    p.add_argument("--field", help=_("1 general, 2 breaking, 3 policy and law, 4 local administration, 5 knowledge, 6 good deeds"))
    p.add_argument("--priority", help=_("1 emergency, 2 priority, 3 normal"))
    p.add_argument("--language", help=_("language code (default vi)"))
    p.add_argument("--author")
    p.add_argument("--source")
    p.add_argument("--valid-from", metavar="YYYY-MM-DD")
    p.add_argument("--valid-until", metavar="YYYY-MM-DD")
    p.add_argument("--approve-by", metavar=_("NAME"), help=_("approve on import, in this person's name"))


def register(b: Any, root: Any) -> None:
    clips = _clips_group(root)
    p = b.leaf(clips, "say", _("make an item from typed text, read aloud (offline speech)"), cmd_clips_say)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--text", metavar=_("TEXT"), help=_("the notice as typed"))
    src.add_argument("--text-file", metavar=_("FILE"), help=_("a UTF-8 text file holding the notice ('-' for standard input)"))
    _meta_options(p)
    p.add_argument("--voice", metavar="V", help=_("espeak-ng voice (vi, vi-vn-x-central, vi-vn-x-south), 'piper', or a Piper .onnx model file"))
    p.add_argument("--rate", type=int, metavar="R", help=_("speaking rate, words per minute (default: the setting speech.rate)"))
    p.add_argument("--dry-run", action="store_true", help=_("print the text exactly as it will be spoken; add nothing"))


def _meta(ctx: Context) -> lib.ItemMeta:
    a = ctx.args
    return lib.meta_from_options(
        title=a.title, summary=a.summary, field=a.field, priority=a.priority, language=a.language,
        author=a.author, source=a.source, valid_from=a.valid_from, valid_until=a.valid_until,
    )  # fmt: skip


def _read_text(ctx: Context) -> str:
    a = ctx.args
    if a.text is not None:
        return str(a.text)
    if a.text_file == "-":
        return sys.stdin.read()
    path = Path(a.text_file)
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputRefused(_("'{path}' does not exist.", path=path), kind="missing") from None
    except UnicodeDecodeError:
        raise InputRefused(_("'{path}' is not UTF-8 text; save it as UTF-8 and try again.", path=path), kind="bad_text") from None
    except OSError as exc:
        raise InputRefused(_("Cannot read '{path}': {error}", path=path, error=exc.strerror), kind="unreadable") from None


def cmd_clips_say(ctx: Context) -> int:
    from broadcast import speech

    a = ctx.args
    text = _read_text(ctx)
    meta = _meta(ctx)
    if a.approve_by is not None and not a.approve_by.strip():
        raise InputRefused(_("--approve-by: say who approves (a name)."))
    if a.dry_run:
        conf = speech.SpeechSettings.of(ctx.ws)
        typed, said = speech.prepare_text(text, conf)
        speech.check_rate(a.rate, conf.rate)
        engine = speech.open_engine(conf, a.voice)  # a voice that is not there is refused here too
        emit(ctx, {"text_typed": typed, "text_spoken": said, "engine": engine.name, "voice": engine.voice, "characters": len(typed)}, said)
        return 0
    result = speech.say(ctx.ws, text, meta, voice=a.voice, rate=a.rate, approve_by=a.approve_by)
    d = result.as_dict()

    def text_out() -> str:
        head = _("Item {id} is already in the library: {title}", id=result.id, title=result.title) if result.duplicate else _("Added item {id}: {title} ({duration} s)", id=result.id, title=result.title, duration=result.duration_s)
        lines = [head, f"{_('Spoken')}: {result.text_spoken}"]
        lines += [f"  {_('Warning')}: {w['message']}" for w in result.warnings]
        return "\n".join(lines)

    emit(ctx, d, text_out)
    return 0
