"""Languages of the areas (issue 17): an area that requires notices in Hmong as well as Vietnamese
gets a warning in the plan for a bulletin scheduled there with no Hmong version beside it, the
warning goes once the version is linked and in the playlist, and the report counts airtime by
language. The real CLI on a real SQLite file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from schedules.models import AsRunRecord
from schedules.workspace import Workspace
from tests.support.cli import Cli


def missing(cli: Cli) -> list[dict[str, object]]:
    r = cli("plan", "--json")
    assert r.code == 0, (r.code, r.stderr)  # a warning only: the bulletin still airs
    return [p for p in r.json()["problems"] if p["kind"] == "missing_language"]


def test_an_area_that_requires_hmong_warns_until_a_version_airs_beside_it(cli: Cli, make_audio: Callable[..., Path]) -> None:
    cli.ok("init")
    cli.ok("areas", "add", "H1", "--name", "Huyện", "--level", "district", "--languages", "vi,hmn", "--quiet-hours", "none")
    cli.ok("areas", "add", "X1", "--name", "Xã Pả Vi", "--level", "commune", "--parent", "H1")  # inherits vi,hmn
    cli.ok("areas", "add", "X2", "--name", "Xã Kinh", "--level", "district")
    cli.ok("endpoints", "add", "loa1", "--name", "Loa 1", "--area", "X1", "--url", (cli.data_dir.parent / "o1").as_uri())
    cli.ok("endpoints", "add", "loa2", "--name", "Loa 2", "--area", "X2", "--url", (cli.data_dir.parent / "o2").as_uri())
    assert cli.json("areas", "list")  # lists with the languages
    vi = cli.json("clips", "add", str(make_audio("tiem phong.wav", seconds=2.0, freq=440)), "--approve-by", "A")["id"]
    hmn = cli.json("clips", "add", str(make_audio("txhaj tshuaj.wav", seconds=2.5, freq=550)), "--language", "hmn", "--approve-by", "A")["id"]
    pl = cli.json("playlists", "create", "Tiêm phòng", str(vi))["id"]
    for area in ("X1", "X2"):
        cli.ok("schedules", "add", "--playlist", str(pl), "--target", area, "--times", "06:00")

    warned = missing(cli)
    assert warned and all("'hmn'" in str(p["message"]) and "X1" in str(p["message"]) for p in warned), warned
    assert not any("X2" in str(p["message"]) for p in warned), "an area that requires nothing gets no warning"

    # bad input: refused, nothing changed
    for args, words in (
        (("areas", "edit", "X1", "--languages", "v!"), "--languages"),
        (("clips", "edit", str(vi), "--version-of", str(vi)), "itself"),
        (("clips", "edit", str(vi), "--version-of", "abc"), "--version-of"),
    ):
        r = cli(*args)
        assert r.code == 3 and words in r.stderr, (args, r.code, r.stderr)
    assert cli.json("clips", "show", str(vi))["bulletin"] is None

    # linked but not in the playlist: still missing where it airs
    cli.ok("clips", "edit", str(hmn), "--version-of", str(vi))
    assert cli.json("clips", "show", str(vi))["bulletin"] == cli.json("clips", "show", str(hmn))["bulletin"] is not None
    assert missing(cli)
    cli.ok("playlists", "items", str(pl), "--add", str(hmn))
    assert missing(cli) == []

    # airtime by language: one airing of the two-language playlist counts in both
    start = (datetime.now(UTC) - timedelta(hours=1)).replace(microsecond=0)
    ws = Workspace.open(cli.data_dir)
    try:
        with ws.session() as s:
            s.add(
                AsRunRecord(
                    occurrence_key="test:1",
                    endpoint_code="loa1",
                    playlist_id=pl,
                    items=[vi, hmn],
                    field=1,
                    planned_start=start,
                    actual_start=start,
                    ended=start + timedelta(seconds=4.5),
                    outcome="completed",
                    frames_sent=172,
                    bytes_sent=20000,
                )
            )
    finally:
        ws.close()
    rep = cli.json("report", "--by", "language", "--from", start.date().isoformat(), "--until", (start + timedelta(days=1)).date().isoformat())
    rows = {r["key"][0]: r for r in rep["rows"]}
    assert set(rows) == {"vi", "hmn"}, rows
    assert rows["vi"]["aired"] == rows["hmn"]["aired"] == 1 and rows["hmn"]["airtime_s"] > 0, rows
