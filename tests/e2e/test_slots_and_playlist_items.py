"""A schedule's slot length with its over/under-fill, and editing a playlist's items, in the CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Cli


def test_a_slot_shows_how_much_the_programme_runs_over_or_under(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    cli.ok("init")
    cli.ok("areas", "add", "X1", "--name", "Xã", "--level", "commune")
    cli.ok("endpoints", "add", "loa1", "--name", "Loa 1", "--area", "X1", "--url", (tmp_path / "o1").as_uri())
    a = cli.json("clips", "add", str(make_audio(seconds=40)), "--approve-by", "A")
    b = cli.json("clips", "add", str(make_audio(seconds=30, freq=660)), "--approve-by", "A")
    cli.ok("playlists", "create", "Sáng", str(a["id"]), str(b["id"]))
    s = cli.json("schedules", "add", "--playlist", "1", "--target", "loa1", "--times", "06:00", "--days", "daily", "--slot", "1:00")
    assert s["slot_s"] == 60.0 and 9 < s["fill_s"] < 11  # 70 s of programme in a one-minute slot
    text = cli.ok("--lang", "vi", "schedules", "list").stdout
    assert "1:00 (thừa 0:10)" in text
    d = cli.json("plan", "--from", "2027-03-01", "--until", "2027-03-01")
    assert d["occurrences"][0]["slot_s"] == 60.0 and d["occurrences"][0]["fill_s"] > 9
    assert "khung giờ 1:00 (thừa 0:10)" in cli.ok("--lang", "vi", "plan", "--from", "2027-03-01", "--until", "2027-03-01").stdout
    # the operator takes the 30 s item out: now 20 s under
    out = cli.ok("--lang", "vi", "playlists", "items", "1", "--remove", "2").stdout
    assert "Danh sách phát 1 bây giờ: 1." in out
    assert "1:00 (thiếu 0:20)" in cli.ok("--lang", "vi", "schedules", "list").stdout
    r = cli("--lang", "vi", "schedules", "add", "--playlist", "1", "--target", "loa1", "--times", "07:00", "--slot", "mười lăm")
    assert r.code == 3 and "--slot" in r.stderr


def test_playlists_items_adds_moves_and_removes_and_refuses_bad_positions(cli: Cli, make_audio: Callable[..., Path]) -> None:
    cli.ok("init")
    ids = [cli.json("clips", "add", str(make_audio(seconds=2, freq=300 + 100 * n)))["id"] for n in range(3)]
    cli.ok("playlists", "create", "P", str(ids[0]), str(ids[1]))
    cli.ok("playlists", "items", "1", "--add", str(ids[2]), "--at", "1")
    cli.ok("playlists", "items", "1", "--move", "3:1")
    shown = cli.json("playlists", "show", "1")
    assert shown["items"] == [ids[1], ids[2], ids[0]]
    before = cli.json("playlists", "show", "1")
    r = cli("--lang", "vi", "playlists", "items", "1", "--remove", "9")
    assert r.code == 3 and "từ 1 đến 3" in r.stderr
    r = cli("playlists", "items", "1", "--add", "999")
    assert r.code == 4
    assert cli.json("playlists", "show", "1") == before  # nothing half-done
