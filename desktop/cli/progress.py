"""A progress bar on stderr for long CLI work (backup, restore): ``[#####.....] 12/40 files``.

Drawn in place with a carriage return when stderr is a terminal; otherwise (a log, a pipe, a
script) one line per tenth of the way, so a log stays short. Never on stdout: ``--json`` output
and text output stay one clean document.
"""

from __future__ import annotations

import sys
from typing import TextIO

from schedules.i18n import _


class ProgressBar:
    """``progress(done, total)`` as schedules.backup.create calls it; ``close()`` ends the line."""

    def __init__(self, what: str, *, stream: TextIO | None = None, width: int = 30, enabled: bool = True) -> None:
        self.what = what
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.enabled = enabled
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_tenth = -1
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        done = min(done, total)
        filled = int(self.width * done / total)
        line = _("{what} [{bar}] {done}/{total} files", what=self.what, bar="#" * filled + "." * (self.width - filled), done=done, total=total)
        if self.tty:
            self.stream.write("\r" + line)
            self._drawn = True
        else:
            tenth = int(10 * done / total)
            if tenth == self._last_tenth:
                return
            self._last_tenth = tenth
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
