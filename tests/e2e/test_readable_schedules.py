"""`schedules list` and `plan` read as an operator expects: names, ranges, every problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Cli


def test_schedules_list_and_plan_name_things_and_tell_every_problem(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    cli.ok("init")
    cli.ok("areas", "add", "X1", "--name", "Xã An Bình", "--level", "commune")
    cli.ok("endpoints", "add", "loa1", "--name", "Loa 1", "--area", "X1", "--url", (tmp_path / "o1").as_uri())
    good = cli.json("clips", "add", str(make_audio(seconds=5)), "--approve-by", "A")
    draft = cli.json("clips", "add", str(make_audio(seconds=6, freq=660)), "--valid-until", "2027-02-28")
    cli.ok("playlists", "create", "Bản tin sáng", str(good["id"]), str(draft["id"]))
    cli.ok("schedules", "add", "--playlist", "1", "--target", "loa1", "--times", "06:00", "--days", "mon,wed", "--from", "2027-03-01", "--until", "2027-03-31")
    text = cli.ok("--lang", "vi", "schedules", "list").stdout
    assert "Bản tin sáng" in text and "01/03/2027 – 31/03/2027" in text and "T2, T4" in text
    assert "Mức ưu tiên -" not in text and "theo bản tin: 3 (thường)" in text
    r = cli("--lang", "vi", "plan", "--from", "2027-03-01", "--until", "2027-03-01")
    assert r.code == 6
    assert "1 Bản tin sáng" in r.stdout  # the schedule by its name, not a bare number
    assert "bản tin nháp sẽ bị bỏ qua" in r.stdout  # the status says the draft is dropped
    # both problems of the draft item, not only the first
    assert "là bản tin nháp" in r.stdout and "hết hạn" in r.stdout
