"""``loaxa``: the command line for technicians, district staff and scripts.

Global options (accepted before or after the subcommand): ``--data-dir``, ``--db``, ``--media-dir``,
``--json``, ``--lang vi|en``, ``--tz ZONE``. Exit codes: 0 ok, 1 bug, 2 usage, 3 input refused,
4 not found, 5 endpoint/engine failure, 6 problems found, 7 not permitted (see ARCHITECTURE.md).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from schedules.errors import LoaxaError
from schedules.i18n import N_, _, set_language
from schedules.timeutil import DEFAULT_TZ, zone

from .common import Context

log = logging.getLogger("loaxa.cli")

GLOBAL_FLAGS = ("--data-dir", "--db", "--media-dir", "--json", "--lang", "--tz")

# argparse's own messages, in the user's language (matched on argparse's English wording)
_ARGPARSE_MESSAGES = [
    (re.compile(r"the following arguments are required: (.*)"), N_("the following arguments are required: {0}")),
    (re.compile(r"unrecognized arguments: (.*)"), N_("unrecognized arguments: {0}")),
    (re.compile(r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)"), N_("argument {0}: invalid choice {1} (choose from {2})")),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.*)"), N_("argument {0}: invalid {1} value {2}")),
    (re.compile(r"argument (\S+): expected one argument"), N_("argument {0}: expected one value")),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), N_("argument {0}: not allowed with argument {1}")),
    (re.compile(r"one of the arguments (.*) is required"), N_("one of the arguments {0} is required")),
]


# argparse's headings and built-in help, which it looks up through its module's ``_``
_ARGPARSE_TEXTS = {
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
}


def _argparse_text(text: str) -> str:
    return _(text) if text in _ARGPARSE_TEXTS else text


argparse._ = _argparse_text  # type: ignore[attr-defined]  # argparse's gettext hook, for these texts only


class Parser(argparse.ArgumentParser):
    """argparse with messages in the chosen language and exit code 2 for usage errors."""

    def error(self, message: str) -> NoReturn:
        for rx, template in _ARGPARSE_MESSAGES:
            m = rx.fullmatch(message.strip())
            if m:
                message = _(template).format(*m.groups())
                break
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: {_('error')}: {message}\n")
        if "--json" in sys.argv:
            sys.stdout.write(json.dumps({"error": {"code": 2, "message": message}}, ensure_ascii=False) + "\n")
        sys.exit(2)


def _add_globals(p: argparse.ArgumentParser, *, suppress: bool, skip: tuple[str, ...] = ()) -> None:
    d = argparse.SUPPRESS if suppress else None
    g = p.add_argument_group(_("global options"))
    if "--tz" in skip:
        # this command's own --tz (an area's zone) takes the name; the global one goes before it
        g = _Skip(g, skip)  # type: ignore[assignment]
    g.add_argument("--data-dir", default=d, metavar=_("DIR"), help=_("data folder (default: the user data folder; env LOAXA_DATA_DIR)"))
    g.add_argument("--db", default=d, metavar="URL", help=_("database URL (default: SQLite in the data folder; env LOAXA_DB)"))
    g.add_argument("--media-dir", default=d, metavar=_("DIR"), help=_("media folder (default: media/ in the data folder)"))
    g.add_argument("--json", action="store_true", default=argparse.SUPPRESS if suppress else False, help=_("machine-readable output"))
    g.add_argument("--lang", default=d, choices=["vi", "en"], help=_("language of messages (default vi)"))
    g.add_argument("--tz", default=d, metavar=_("ZONE"), help=_("time zone of dates on the command line (default Asia/Ho_Chi_Minh)"))


class _Skip:
    """An argument group that leaves out the options a command defines itself."""

    def __init__(self, group: Any, skip: tuple[str, ...]) -> None:
        self.group, self.skip = group, skip

    def add_argument(self, flag: str, *args: Any, **kwargs: Any) -> Any:
        if flag in self.skip:
            return None
        return self.group.add_argument(flag, *args, **kwargs)


class _Builder:
    """Adds leaf commands that all accept the global options."""

    def __init__(self, root: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
        self.root = root

    def group(self, parent: argparse._SubParsersAction, name: str, help_text: str) -> argparse._SubParsersAction:  # type: ignore[type-arg]
        p = parent.add_parser(name, help=help_text, description=help_text)
        sub = p.add_subparsers(dest=f"{name}_cmd", metavar=_("COMMAND"), required=True, parser_class=Parser)
        return sub

    def leaf(self, parent: argparse._SubParsersAction, name: str, help_text: str, handler: Any, *, own: tuple[str, ...] = ()) -> argparse.ArgumentParser:  # type: ignore[type-arg]
        p = parent.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        _add_globals(p, suppress=True, skip=own)
        return p


def build_parser() -> Parser:
    from . import bundles, content, day, kit, library, onair, scheduling, setup
    from . import httn as httn_cli
    from . import report as report_cli

    parser = Parser(prog="loaxa", description=_("LoaXa: scheduling of commune loudspeaker broadcasts."))
    _add_globals(parser, suppress=False)
    parser.add_argument("--version", action="version", version="loaxa 0.1.0")
    root = parser.add_subparsers(dest="command", metavar=_("COMMAND"), required=True, parser_class=Parser)
    b = _Builder(root)
    setup.register(b, root)
    library.register(b, root)
    content.register(b, root)  # adds `clips say` and `clips compose` to library's `clips`
    scheduling.register(b, root)
    onair.register(b, root)
    kit.register(b, root)
    bundles.register(b, root)
    report_cli.register(b, root)
    httn_cli.register(b, root)
    day.register(b, root)  # adds `playlists items` to library's `playlists`; `supply`
    from . import accounts as accounts_cli

    accounts_cli.register(b, root)  # login, logout, accounts, audit
    from . import relays as relays_cli

    relays_cli.register(b, root)  # loaxa relays config (issue 18)
    from . import service as service_cli

    service_cli.register(b, root)  # loaxa service install|uninstall|status
    return parser


def _command_of(argv: Sequence[str]) -> str | None:
    """The subcommand word, skipping global options and their values."""
    takes_value = {"--data-dir", "--db", "--media-dir", "--lang", "--tz"}
    skip = False
    for a in argv:
        if skip:
            skip = False
            continue
        if a in takes_value:
            skip = True
            continue
        if a.startswith("-"):
            continue
        return a
    return None


def _prescan_lang(argv: Sequence[str]) -> str | None:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``loaxa`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if _command_of(argv) == "gui" and "-h" not in argv and "--help" not in argv:
        # the window starts without the command line's imports (see desktop.gui.app)
        from desktop.gui.app import main as gui_main

        return gui_main([a for a in argv if a != "gui"])
    set_language(_prescan_lang(argv))
    _utf8_stdio()
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("data_dir", "db", "media_dir", "lang", "tz"):
        if not hasattr(args, name):
            setattr(args, name, None)
    args.json = bool(getattr(args, "json", False))
    as_json = args.json
    ctx: Context | None = None
    try:
        tz_name = args.tz or os.environ.get("LOAXA_TZ") or DEFAULT_TZ
        zone(tz_name)
        ctx = Context(args, as_json, tz_name)
        from .auth import authorize

        authorize(ctx)  # the one role check (desktop/cli/auth.py RULES): exit 7, nothing changed
        code = int(args.handler(ctx) or 0)
    except LoaxaError as exc:
        _report_error(as_json, exc.exit_code, exc.message)
        code = exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write(_("Interrupted.") + "\n")
        code = 130
    except Exception as exc:  # a bug: traceback in the log, a pointer for people
        from .common import environment_failure

        env = environment_failure(exc, _db_hint(args))
        if env is not None:  # the machine's problem (locked database, full disk...): a message, no traceback
            code, message = env
            _report_error(as_json, code, message)
        else:
            path = _log_bug(ctx, exc)
            _report_error(as_json, 1, _("Unexpected error ({kind}: {detail}). Details are in the log: {path}", kind=type(exc).__name__, detail=exc, path=path))
            code = 1
    finally:
        if ctx is not None and ctx._ws is not None:
            ctx._ws.close()
    return code


def _db_hint(args: Any) -> str:
    """The database as people may be shown it (a PostgreSQL password masked)."""
    from schedules.endpoints import mask_url
    from schedules.workspace import stored_db_url

    data_dir = getattr(args, "data_dir", None) or os.environ.get("LOAXA_DATA_DIR")
    url = getattr(args, "db", None) or os.environ.get("LOAXA_DB") or (stored_db_url(Path(data_dir)) if data_dir else None)
    if url:
        return mask_url(url)
    return os.path.join(data_dir, "loaxa.db") if data_dir else "loaxa.db"


def _report_error(as_json: bool, code: int, message: str) -> None:
    sys.stderr.write(f"{_('Error')}: {message}\n")
    if as_json:
        sys.stdout.write(json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False) + "\n")


def _log_bug(ctx: Context | None, exc: BaseException) -> str:
    from desktop.logs import setup

    try:
        from schedules.workspace import default_data_dir

        data_dir = (ctx.args.data_dir if ctx else None) or os.environ.get("LOAXA_DATA_DIR") or default_data_dir()
        from pathlib import Path

        from schedules.folders import log_dir_for

        path = setup(log_dir_for(Path(data_dir)), name="cli")
        logging.raiseExceptions = False  # a log that cannot be written must not print its own traceback
        logging.getLogger("loaxa.cli").error("unexpected error", exc_info=exc)
        with open(path, "a", encoding="utf-8"):
            pass  # the log file is there and writable: the pointer to it is true
        return str(path)
    except Exception:  # noqa: BLE001 - the log itself failed; show the traceback instead
        import traceback

        traceback.print_exception(exc)
        return "stderr"


def _utf8_stdio() -> None:
    # Windows consoles default to a legacy code page; Vietnamese needs UTF-8.
    for stream in (sys.stdout, sys.stderr):
        reconf = getattr(stream, "reconfigure", None)
        if reconf is not None:
            try:
                reconf(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


if __name__ == "__main__":
    sys.exit(main())
