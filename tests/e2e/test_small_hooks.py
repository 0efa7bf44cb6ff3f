"""Small user-visible hooks: the backup's progress bar, leftovers in ``check``, checked names,
library search by spoken words, Vietnamese ``clips show`` / ``areas list``."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli


def test_backup_shows_a_progress_bar_on_stderr_and_json_stays_clean(cli: Cli, tmp_path: Path) -> None:
    cli.ok("check")  # creates the data folder and database
    r = cli.ok("backup", str(tmp_path / "a.zip"))
    assert "Backing up [" in r.stderr and "files" in r.stderr
    # no window.ini in a fresh data folder: the bar reaches its end (n/n), not 9/10
    last = [line for line in r.stderr.splitlines() if "Backing up [" in line][-1]
    done, total = last.rsplit(" ", 2)[-2].split("/")
    assert done == total, last
    assert "Backup written" in r.stdout and "Backing up" not in r.stdout
    r = cli("backup", str(tmp_path / "b.zip"), "--json")
    assert r.code == 0 and "Backing up" not in r.stderr + r.stdout
    d = json.loads(r.stdout)  # one clean document
    assert d["path"].endswith("b.zip") and d["files"] >= 1
    vi = Cli(cli.data_dir, env={"LOAXA_LANG": "vi"})
    r = vi.ok("backup", str(tmp_path / "c.zip"))
    assert "Đang sao lưu [" in r.stderr and "tệp" in r.stderr
