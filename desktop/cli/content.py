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

    p = b.leaf(clips, "text", _("show the text of a notice made from text (as typed, or as said) and its recipe"), cmd_clips_text)
    p.add_argument("id", type=int)
    p.add_argument("--spoken", action="store_true", help=_("the text as it was said"))

    p = b.leaf(clips, "compose", _("assemble a bulletin: intro jingle, parts said once or more with gaps, outro"), cmd_clips_compose)
    ev = {"action": _InOrder, "dest": "events", "default": []}
    p.add_argument("--intro", metavar=_("ID_OR_FILE"), help=_("the jingle before (an item id or an audio file)"), **ev)
    p.add_argument("--part", metavar=_("ID_OR_FILE"), help=_("a part: an item id or an audio file (repeatable, in order)"), **ev)
    p.add_argument("--say", metavar=_("TEXT"), help=_("a part read aloud from typed text (repeatable)"), **ev)
    p.add_argument("--silence", metavar=_("SECONDS"), help=_("a silence between parts"), **ev)
    p.add_argument("--outro", metavar=_("ID_OR_FILE"), help=_("the jingle after"), **ev)
    p.add_argument("--gain", metavar="DB", help=_("gain of the part given just before (dB)"), **ev)
    p.add_argument("--fade-in", metavar="MS", help=_("fade-in of the part given just before (ms)"), **ev)
    p.add_argument("--fade-out", metavar="MS", help=_("fade-out of the part given just before (ms)"), **ev)
    p.add_argument("--repeat", type=int, help=_("times the parts are said (default 1; notices: 2)"))
    p.add_argument("--gap", type=float, metavar=_("SECONDS"), help=_("silence between two repeats (default 0)"))
    p.add_argument("--crossfade", type=int, metavar="MS", help=_("overlap between neighbouring pieces (default 0)"))
    p.add_argument("--voice", metavar="V", help=_("voice of the --say parts"))
    p.add_argument("--rate", type=int, metavar="R", help=_("speaking rate of the --say parts"))
    p.add_argument("--from", dest="from_item", type=int, metavar="ID", help=_("rebuild from the recipe kept on a composed item (options given change it)"))
    p.add_argument("--title", help=_("the item's title"))
    for opt in ("--summary", "--field", "--priority", "--language", "--author", "--source"):
        p.add_argument(opt)
    p.add_argument("--valid-from", metavar="YYYY-MM-DD")
    p.add_argument("--valid-until", metavar="YYYY-MM-DD")
    p.add_argument("--approve-by", metavar=_("NAME"), help=_("approve on import, in this person's name"))
    p.add_argument("--dry-run", action="store_true", help=_("assemble and show the parts and length; add nothing"))

    from .live import register as register_live

    register_live(b, root)  # `loaxa live`: check, on air through the engine, stop (desktop/cli/live.py)


class _InOrder(argparse.Action):
    """Options whose order matters (parts, and the gain or fades that follow one)."""

    def __call__(self, parser: Any, namespace: Any, values: Any, option_string: str | None = None) -> None:
        events = list(getattr(namespace, self.dest, None) or [])
        events.append((str(option_string).lstrip("-"), str(values)))
        setattr(namespace, self.dest, events)


def _meta(ctx: Context) -> lib.ItemMeta:
    a = ctx.args
    return lib.meta_from_options(
        title=a.title,
        summary=a.summary,
        field=a.field,
        priority=a.priority,
        language=a.language,
        author=a.author,
        source=a.source,
        valid_from=a.valid_from,
        valid_until=a.valid_until,
    )


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
        head = (
            _("Item {id} is already in the library: {title}", id=result.id, title=result.title)
            if result.duplicate
            else _("Added item {id}: {title} ({duration} s)", id=result.id, title=result.title, duration=result.duration_s)
        )
        lines = [head, f"{_('Spoken')}: {result.text_spoken}"]
        lines += [f"  {_('Warning')}: {w['message']}" for w in result.warnings]
        return "\n".join(lines)

    emit(ctx, d, text_out)
    return 0


def _part_of(value: str, kind_hint: str) -> Any:
    from broadcast.composer import Part

    if kind_hint == "say":
        return Part("speech", value)
    if kind_hint == "silence":
        return Part("silence", value.replace(",", "."))
    v = value.strip()
    if v.isdigit() and not Path(v).exists():
        return Part("item", v)
    return Part("file", str(Path(v).resolve()) if v else v)


def _number(option: str, value: str) -> float:
    try:
        return float(value.replace(",", "."))
    except ValueError:
        raise InputRefused(_("--{option}: '{value}' is not a number.", option=option, value=value), kind="bad_number") from None


def composition_from_args(ctx: Context) -> Any:
    """The recipe from the command line (over the one kept on --from ITEM)."""
    from broadcast import composer

    a = ctx.args
    comp = composer.recipe_of(ctx.ws, a.from_item) if a.from_item is not None else composer.Composition(parts=[])
    given_parts = [e for e in a.events if e[0] in ("part", "say", "silence")]
    if given_parts:
        comp.parts = []
    last: Any = None
    for option, value in a.events:
        if option in ("intro", "outro"):
            last = _part_of(value, option)
            setattr(comp, option, last)
        elif option in ("part", "say", "silence"):
            last = _part_of(value, option)
            comp.parts.append(last)
        else:
            if last is None:
                raise InputRefused(_("--{option}: give it after the part it changes (--intro, --part, --say, --outro).", option=option), kind="bad_order")
            n = _number(option, value)
            if option == "gain":
                last.gain_db = n
            elif option == "fade-in":
                last.fade_in_ms = int(n)
            else:
                last.fade_out_ms = int(n)
    if a.repeat is not None:
        comp.repeat = a.repeat
    if a.gap is not None:
        comp.gap_s = a.gap
    if a.crossfade is not None:
        comp.crossfade_ms = a.crossfade
    if a.voice is not None:
        comp.voice = a.voice
    if a.rate is not None:
        comp.rate = a.rate
    return comp


def cmd_clips_compose(ctx: Context) -> int:
    from broadcast import composer

    a = ctx.args
    comp = composition_from_args(ctx)
    title = a.title
    if title is None and a.from_item is not None:
        from schedules.models import Item

        with ctx.ws.session() as s:
            item = s.get(Item, a.from_item)
            title = item.title if item else None
    if not a.dry_run and not (title or "").strip():
        raise InputRefused(_("--title: give the bulletin a title."), kind="no_title")
    meta = (
        lib.meta_from_options(
            title=title,
            summary=a.summary,
            field=a.field,
            priority=a.priority,
            language=a.language,
            author=a.author,
            source=a.source,
            valid_from=a.valid_from,
            valid_until=a.valid_until,
        )
        if title
        else lib.ItemMeta()
    )
    if a.approve_by is not None and not a.approve_by.strip():
        raise InputRefused(_("--approve-by: say who approves (a name)."))
    if a.dry_run:
        built = composer.assemble(ctx.ws, comp)
        d = {
            "duration_s": round(len(built.audio) / 1000, 3),
            "expected_s": round(built.expected_ms / 1000, 3),
            "parts": built.lengths_ms,
            "spoken": built.spoken,
            "composition": comp.to_dict(),
        }
        emit(ctx, d, lambda: "\n".join([*(f"{k}: {v / 1000:.2f} s" for k, v in built.lengths_ms.items()), _("Total: {s} s", s=d["duration_s"])]))
        return 0
    result = composer.compose(ctx.ws, comp, meta, approve_by=a.approve_by)
    head = (
        _("Item {id} is already in the library: {title}", id=result.id, title=result.title)
        if result.duplicate
        else _("Added item {id}: {title} ({duration} s)", id=result.id, title=result.title, duration=result.duration_s)
    )
    emit(ctx, result.as_dict(), head)
    return 0


def cmd_clips_text(ctx: Context) -> int:
    with ctx.ws.session() as s:
        item = lib.get_item(s, ctx.args.id)
        d: dict[str, Any] = {
            "id": item.id,
            "title": item.title,
            "text_typed": item.text_typed,
            "text_spoken": item.text_spoken,
            "composition": item.composition,
        }
    if d["text_typed"] is None and d["composition"] is None:
        emit(ctx, d, _("Item {id} was not made from text in LoaXa.", id=d["id"]))
        return 0
    emit(ctx, d, (d["text_spoken"] if ctx.args.spoken else d["text_typed"]) or "")
    return 0
