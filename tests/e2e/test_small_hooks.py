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


def _check_lines(cli: Cli) -> tuple[int, list[dict[str, object]]]:
    r = cli("check", "--json")
    return r.code, [c for c in json.loads(r.stdout)["checks"] if c["check"] == "leftovers"]


def test_check_warns_of_a_killed_import_and_restore_and_render_clears_the_import(cli: Cli) -> None:
    import socket

    code_before, lines = _check_lines(cli)
    assert [x["status"] for x in lines] == ["OK"]
    staging = cli.data_dir / "media" / ".staging" / "dead"
    staging.mkdir(parents=True)
    (staging / ".owner").write_text(f"{socket.gethostname()} 999999999\n", encoding="utf-8")
    code, lines = _check_lines(cli)
    assert code == code_before  # a WARN does not change the exit code
    assert [x["status"] for x in lines] == ["WARN"] and "loaxa clips render" in str(lines[0]["next_step"]) and "dead" in str(lines[0]["message"])
    r = cli("check")
    assert "→ Remove them and render what is missing: loaxa clips render" in r.stdout
    cli.ok("clips", "render")
    assert not staging.exists()
    (cli.data_dir / ".restore-abc").mkdir()
    _, lines = _check_lines(cli)
    assert [x["status"] for x in lines] == ["WARN"] and ".restore-abc" in str(lines[0]["message"]) and "loaxa restore" in str(lines[0]["next_step"])
    vi = Cli(cli.data_dir, env={"LOAXA_LANG": "vi"})
    assert "một lần khôi phục bị dừng" in vi("check").stdout
