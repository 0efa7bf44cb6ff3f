"""What every command handler shares: the opened workspace, output in text or JSON, zones."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
