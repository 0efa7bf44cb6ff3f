"""The planner through the CLI: rules, calendar, quiet hours, pre-flight and exports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, clone, db_rows
from tests.support.commune import build_commune


@pytest.fixture
def commune(cli: Cli, data_template: Any) -> Cli:
    """Two endpoints in a commune, one approved 20 s item in playlist 1 (built once, copied)."""
    return clone(data_template("planner-commune", build_commune), cli)


def test_plan_json_lists_each_endpoint_and_exits_0_when_clean(commune: Cli) -> None:
    commune.ok("schedules", "add", "--playlist", "1", "--target", "X1", "--times", "05:30,17:00", "--days", "mon,wed,fri")
    r = commune("plan", "--from", "2027-03-01", "--until", "2027-03-07", "--json")
    assert r.code == 0, r.stderr
    d = r.json()
    occ = d["occurrences"]
    assert len(occ) == 3 * 2 * 2  # Mon, Wed, Fri x two times x two endpoints
    assert {o["endpoint"] for o in occ} == {"loa1", "loa2"}
    first = occ[0]
    assert {"schedule_id", "endpoint", "start", "end", "items", "priority", "problems"} <= set(first)
    assert first["start"] == "2027-03-01T05:30:00+07:00" and first["priority"] == 3 and first["items"] == [1]
    assert d["problems"] == []


def test_quiet_hours_refuse_at_creation_unless_overridden_and_audited(commune: Cli) -> None:
    before = db_rows(commune.data_dir / "loaxa.db")
    r = commune("schedules", "add", "--playlist", "1", "--target", "X1", "--times", "04:45")
    assert r.code == 3 and "21:00-05:00" in r.stderr and "--override-quiet-hours" in r.stderr
    # an airing that starts before the quiet hours but runs into them is refused too
    r = commune("schedules", "add", "--playlist", "1", "--target", "X1", "--times", "20:59:50")
    assert r.code == 3
    assert db_rows(commune.data_dir / "loaxa.db") == before
    s = commune.json("schedules", "add", "--playlist", "1", "--target", "X1", "--times", "04:45", "--override-quiet-hours", "Lịch tiêm phòng khẩn")
    assert s["quiet_override"] == "Lịch tiêm phòng khẩn"
    import sqlite3

    con = sqlite3.connect(commune.data_dir / "loaxa.db")
    import json

    reasons = [json.loads(r[0])["reason"] for r in con.execute("SELECT details FROM audit_log WHERE action='schedule.override_quiet_hours'")]
    con.close()
    assert reasons == ["Lịch tiêm phòng khẩn"]
    # an emergency needs no override
    commune.ok("schedules", "add", "--playlist", "1", "--target", "X1", "--times", "03:00", "--priority", "1", "--date", "2027-03-02")


def test_problems_make_plan_exit_6(commune: Cli, make_audio: Callable[..., Path]) -> None:
    draft = commune.json("clips", "add", str(make_audio(seconds=5, freq=500)))
    commune.ok("playlists", "create", "Nháp", str(draft["id"]))
    commune.ok("schedules", "add", "--playlist", "2", "--target", "loa1", "--times", "06:00", "--date", "2027-03-01")
    commune.ok("schedules", "add", "--playlist", "1", "--target", "loa1", "--times", "06:00:05", "--date", "2027-03-01")
    r = commune("plan", "--from", "2027-03-01", "--until", "2027-03-01", "--json")
    assert r.code == 6
    kinds = {p["kind"] for p in r.json()["problems"]}
    assert "unapproved" in kinds
    r = commune("plan", "--from", "2027-03-01", "--until", "2027-03-01", "--target", "loa2")
    assert r.code == 0


def test_overlap_is_resolved_and_reported(commune: Cli) -> None:
    commune.ok("schedules", "add", "--playlist", "1", "--target", "loa1", "--times", "06:00", "--date", "2027-03-01")
    commune.ok("schedules", "add", "--playlist", "1", "--target", "loa1", "--times", "06:00:10", "--date", "2027-03-01", "--collision", "next")
    d = commune("plan", "--from", "2027-03-01", "--until", "2027-03-01", "--json").json()
    second = [o for o in d["occurrences"] if o["schedule_id"] == 2][0]
    assert second["resolution"] == "delayed"
    assert second["start"].startswith("2027-03-01T06:00:2")  # after the first 20-second programme
    assert [p["kind"] for p in second["problems"]] == ["overlap"]


def test_monthly_skip_move_and_holidays(commune: Cli) -> None:
    s = commune.json("schedules", "add", "--playlist", "1", "--target", "loa1", "--times", "07:00", "--days", "monthly:first-mon")
    commune.ok("schedules", "skip", str(s["id"]), "--date", "2027-03-01")
    commune.ok("schedules", "move", str(s["id"]), "--date", "2027-04-05", "--to", "08:15:30")
    d = commune.json("plan", "--from", "2027-03-01", "--until", "2027-05-31")
    assert [o["start"] for o in d["occurrences"]] == ["2027-04-05T08:15:30+07:00", "2027-05-03T07:00:00+07:00"]
    hol = commune.json("holidays", "list", "--year", "2027")
    assert {"date": "2027-02-06", "kind": "lunar"}.items() <= hol[[h["date"] for h in hol].index("2027-02-06")].items()
    assert all({"date", "name", "kind"} <= set(h) for h in hol)
    commune.ok("holidays", "add", "2027-09-03", "Nghỉ lễ Quốc khánh (bù)")
    commune.ok("holidays", "rule", "2027-09-03", "no-broadcast")
    commune.ok(
        "schedules", "add", "--playlist", "1", "--target", "loa2", "--times", "06:00", "--days", "daily", "--from", "2027-09-01", "--until", "2027-09-04"
    )
    d = commune.json("plan", "--from", "2027-09-01", "--until", "2027-09-04", "--target", "loa2")
    status = {o["start"][:10]: o["status"] for o in d["occurrences"]}
    assert status == {"2027-09-01": "ok", "2027-09-02": "ok", "2027-09-03": "cancelled", "2027-09-04": "ok"}
    notes = {o["start"][:10]: o["notes"] for o in d["occurrences"]}
    assert notes["2027-09-02"], "2/9 is shown as a holiday note"


def test_exports_ics_and_m3u(commune: Cli, tmp_path: Path) -> None:
    commune.ok("schedules", "add", "--playlist", "1", "--target", "X1", "--times", "05:30", "--days", "daily")
    ics = tmp_path / "lich.ics"
    commune.ok("plan", "--from", "2027-03-01", "--until", "2027-03-02", "--ics", str(ics))
    text = ics.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") == 4
    assert "DTSTART:20270228T223000Z" in text
    m3u = tmp_path / "sang.m3u"
    commune.ok("playlists", "export", "1", "--m3u", str(m3u))
    lines = m3u.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#EXTM3U" and lines[2].startswith("#EXTINF:") and Path(lines[3]).is_file()


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--times", "05:30", "--days", "mon,funday"], "--days"),
        (["--times", "25:00"], "--times"),
        (["--times", "05:30", "--from", "2027-03-10", "--until", "2027-03-01"], "2027-03-01"),
        (["--times", "05:30", "--repeat", "0"], "--repeat"),
        (["--times", "05:30", "--repeat", "11"], "--repeat"),
        (["--times", "05:30", "--repeat-gap", "-5"], "--repeat-gap"),
        (["--times", "05:30", "--days", "sat", "--from", "2027-03-01", "--until", "2027-03-05"], "--days"),
        (["--times", "05:30", "--days", "monthly:32"], "--days"),
        (["--times", "05:30", "--collision", "wait:abc"], "--collision"),
    ],
)
def test_bad_rules_exit_3_and_name_the_field(commune: Cli, args: list[str], field: str) -> None:
    before = db_rows(commune.data_dir / "loaxa.db")
    r = commune("schedules", "add", "--playlist", "1", "--target", "loa1", *args)
    assert r.code == 3, r.stderr
    assert field in r.stderr
    assert db_rows(commune.data_dir / "loaxa.db") == before
