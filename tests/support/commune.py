"""Data folders several test modules build through the real CLI (usually once per session, with
``data_template``, each test working on a copy)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.support.cli import Cli


def build_commune(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    """A province T1 and its commune X1 (quiet hours inherited, 21:00-05:00) with two file
    endpoints, one approved 20 s item in playlist 1."""
    cli.ok("init")
    cli.ok("areas", "add", "T1", "--name", "Tỉnh", "--level", "province")
    cli.ok("areas", "add", "X1", "--name", "Xã An Bình", "--level", "commune", "--parent", "T1")  # inherits 21:00-05:00
    cli.ok("endpoints", "add", "loa1", "--name", "Loa 1", "--area", "X1", "--url", (tmp_path / "o1").as_uri())
    cli.ok("endpoints", "add", "loa2", "--name", "Loa 2", "--area", "X1", "--url", (tmp_path / "o2").as_uri())
    item = cli.json("clips", "add", str(make_audio(seconds=20)), "--approve-by", "A")
    cli.ok("playlists", "create", "Sáng", str(item["id"]))
