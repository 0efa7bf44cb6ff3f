"""What every command handler shares: the opened workspace, output in text or JSON, zones."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schedules.errors import LoaxaError
from schedules.timeutil import DEFAULT_TZ, parse_date, window_for_dates, zone

if TYPE_CHECKING:
    from schedules.workspace import Workspace


@dataclass
class Context:
    args: Any
    json: bool
    tz_name: str
    _ws: Workspace | None = None
    log_path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def tz(self) -> tzinfo:
        return zone(self.tz_name)

    @property
    def ws(self) -> Workspace:
        if self._ws is None:
            from schedules.workspace import Workspace

            self._ws = Workspace.open(self.args.data_dir, self.args.db, self.args.media_dir)
        return self._ws

    def today(self) -> date:
        return datetime.now(self.tz).date()

    def window(self, start: str | None, until: str | None, *, default_days: int = 7) -> tuple[datetime, datetime]:
        """The UTC window of inclusive local dates given on the command line (in --tz)."""
        first = parse_date(start, field="--from") if start else self.today()
        from datetime import timedelta

        last = parse_date(until, field="--until") if until else first + timedelta(days=default_days - 1)
        return window_for_dates(first, last, self.tz)


def emit(ctx: Context, data: Any, text: Callable[[], str] | str | None = None) -> None:
    """One JSON document on stdout with --json; otherwise the text for people."""
    if ctx.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    elif text is not None:
        out = text() if callable(text) else text
        if out:
            sys.stdout.write(out.rstrip("\n") + "\n")


def table(rows: list[list[Any]], headers: list[str]) -> str:
    """A plain text table (widths by the longest cell). Control characters, escape sequences and
    text-direction overrides in a cell are shown escaped (backslash-u codes): a stored name cannot move the
    cursor, recolour the terminal or make a row read differently than it is."""
    from schedules.text import shown

    cells = [[str(h) for h in headers]] + [["" if c is None else shown(str(c), 10_000) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def default_tz_name() -> str:
    return DEFAULT_TZ


# --- environment failures: a message with the next step, never a traceback ------------------

_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and what it wraps (SQLAlchemy's ``orig``, causes, contexts), outermost first."""
    out: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop(0)
        if e is None or any(e is x for x in out):
            continue
        out.append(e)
        todo += [getattr(e, "orig", None), e.__cause__, e.__context__]
    return out


def environment_failure(exc: BaseException, db_hint: str = "") -> tuple[int, str] | None:
    """(exit code, message) when ``exc`` is the machine's problem, not LoaXa's: a database locked
    by another program, a full disk, a file or folder that cannot be written, a damaged database,
    a database server out of reach. None for anything else (a bug)."""
    import errno
    import sqlite3

    from schedules.i18n import _

    for e in _chain(exc):
        code = getattr(e, "sqlite_errorcode", None)
        if isinstance(e, sqlite3.Error) and code is not None:
            primary = code & 0xFF
            if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
                return 5, _(
                    "The database {db} is locked by another program (another LoaXa window, an engine, a backup tool). Close it or wait a moment, then try again; nothing was changed.",
                    db=db_hint or "?",
                )
            if primary == _SQLITE_FULL:
                return 5, _("The disk holding {db} is full. Free some space (old backups, recordings), then try again; nothing was changed.", db=db_hint or "?")
            if primary in (_SQLITE_READONLY, _SQLITE_CANTOPEN):
                return 5, _(
                    "The database {db} cannot be opened for writing (permissions, a read-only or missing folder). Check the data folder, then try again.",
                    db=db_hint or "?",
                )
            if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
                return 5, _("The database {db} is damaged or is not a LoaXa database. Restore a backup: loaxa restore FILE --force.", db=db_hint or "?")
            if primary == _SQLITE_IOERR:
                return 5, _("The disk could not read or write the database {db} (full, removed or failing). Check the disk, then try again.", db=db_hint or "?")
        if isinstance(e, OSError) and e.errno is not None:
            where = e.filename or db_hint or "?"
            if e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                return 5, _("The disk is full (writing {path}). Free some space, then try again.", path=where)
            if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.EEXIST, errno.ENOTDIR, errno.EISDIR, errno.ENOENT, errno.EIO):
                return 5, _(
                    "Cannot use {path}: {error}. Check that folder (it must be a folder you may write to), then try again.", path=where, error=e.strerror or e
                )
        if type(e).__module__.startswith("psycopg") and type(e).__name__ == "OperationalError":
            return 5, _("The database server cannot be reached ({db}). Check that it runs and that this PC may connect, then try again.", db=db_hint or "?")
    return None


# --- one spelling for options, the old ones kept working ------------------------------------
# The convention (issue 16): what a command acts on is positional (an ID, a CODE, a DATE, a file
# it reads); a file it writes is ``--out FILE``; a name is ``--name NAME``. The older spellings
# (``backup OUT``, ``bundle create OUT``, ``holidays add DATE NAME``...) still work, hidden from
# the help, with a note on stderr naming the new one.


def old_positional(p: Any, dest: str) -> None:
    """A positional kept for the old spelling of an option: accepted, not shown in the help."""
    import argparse

    p.add_argument(dest, nargs="?", default=None, help=argparse.SUPPRESS)


def renamed(ctx: Context, new_dest: str, old_dest: str, *, flag: str, example: str, required: bool = True) -> Any:
    """The value of ``flag`` (``--out``, ``--name``), also when given in its old positional place.

    The old place prints a note on stderr (stdout stays one clean document); both at once, or
    neither for a required value, is a usage error (exit 2)."""
    from schedules.i18n import _

    new, old = getattr(ctx.args, new_dest, None), getattr(ctx.args, old_dest, None)
    if new is not None and old is not None:
        raise UsageProblem(_("{flag} was given twice (as {flag} and in its old place without it). Give it once: {example}", flag=flag, example=example))
    if old is not None:
        sys.stderr.write(_("Note: this spelling is old and will go; write it as: {example}", example=example) + "\n")
        return old
    if new is None and required:
        raise UsageProblem(_("{flag} is missing: {example}", flag=flag, example=example))
    return new


class UsageProblem(LoaxaError):
    """A usage error found after parsing (exit 2), like argparse's own."""

    exit_code = 2
    kind = "usage"
