"""The CLI's progress bar, fed by a real backup of a real data folder."""

from __future__ import annotations

import io
from pathlib import Path

from desktop.cli.progress import ProgressBar
from schedules import backup
from schedules.workspace import Workspace


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_backup_draws_its_bar_file_by_file(tmp_path: Path, english: None) -> None:
    ws = Workspace.open(tmp_path / "data")
    for n in range(3):
        f = ws.media.root / "sources" / "ab" / (f"{n}" * 64 + ".mp3")
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(b"x" * 100)
    log = io.StringIO()
    bar = ProgressBar("Sao lưu", stream=log)
    backup.create(ws, tmp_path / "b.zip", progress=bar)
    bar.close()
    lines = log.getvalue().splitlines()
    assert lines[0].startswith("Sao lưu [") and lines[-1].endswith("4/4 files")  # one line a tenth, not a tty; no window.ini, not counted
    tty = _Tty()
    bar = ProgressBar("Sao lưu", stream=tty)
    backup.create(ws, tmp_path / "c.zip", progress=bar)
    bar.close()
    assert tty.getvalue().count("\r") == 4 and tty.getvalue().endswith("\n")
    ws.close()
