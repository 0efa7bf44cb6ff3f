"""A data folder made by an older LoaXa (world-readable, like wave 1's) is closed to other users of
the PC when LoaXa opens it: the database holds source passwords."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.support.cli import Cli


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_an_old_world_readable_data_folder_is_closed_to_others(cli: Cli) -> None:
    cli.ok("init")
    db = cli.data_dir / "loaxa.db"
    assert mode(db) & 0o077 == 0, oct(mode(db))  # a new one is the owner's only
    cli.data_dir.chmod(0o755)
    db.chmod(0o664)  # as an older LoaXa and a group-sharing administrator left it
    cli.ok("endpoints", "list")
    assert mode(cli.data_dir) == 0o750 and mode(db) == 0o660, (oct(mode(cli.data_dir)), oct(mode(db)))
