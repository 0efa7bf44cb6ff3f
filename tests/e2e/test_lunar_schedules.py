"""Lunar recurring schedules as an operator writes them: mùng 1 và rằm, a yearly lunar date."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Cli, clone
from tests.support.commune import build_commune


@pytest.fixture
def commune(cli: Cli, data_template: Any) -> Cli:
    return clone(data_template("planner-commune", build_commune), cli)


def test_mung_1_and_ram_of_every_lunar_month(commune: Cli) -> None:
    s = commune.json("schedules", "add", "--playlist", "1", "--target", "loa1", "--times", "06:00", "--days", "lunar:mùng 1,rằm")
    assert s["days"] == "lunar:1,15"
    d = commune.json("plan", "--from", "2027-02-01", "--until", "2027-03-31")
    assert [o["start"][:10] for o in d["occurrences"]] == ["2027-02-06", "2027-02-20", "2027-03-08", "2027-03-22"]
    listed = commune.ok("--lang", "vi", "schedules", "list").stdout
    assert "lunar:1,15" in listed or "âm lịch" in listed


def test_the_10th_of_the_3rd_lunar_month_every_year(commune: Cli) -> None:
    commune.ok("schedules", "add", "--playlist", "1", "--target", "loa1", "--times", "07:00", "--days", "lunar:10/3")
    d = commune.json("plan", "--from", "2027-01-01", "--until", "2028-12-31")
    assert [o["start"][:10] for o in d["occurrences"]] == ["2027-04-16", "2028-04-04"]


def test_a_wrong_lunar_day_is_refused_in_words_and_changes_nothing(commune: Cli) -> None:
    r = commune("--lang", "vi", "schedules", "add", "--playlist", "1", "--target", "loa1", "--times", "07:00", "--days", "lunar:31")
    assert r.code == 3 and "1 đến 30" in r.stderr
    r = commune("--lang", "vi", "schedules", "add", "--playlist", "1", "--target", "loa1", "--times", "07:00", "--days", "lunar:10/13")
    assert r.code == 3 and "1 đến 12" in r.stderr
    assert commune.json("schedules", "list") == []


def test_a_lunar_schedule_cannot_go_in_a_bundle_and_says_why(commune: Cli, tmp_path: Any) -> None:
    commune.ok("schedules", "add", "--playlist", "1", "--target", "loa1", "--times", "07:00", "--days", "lunar:1,15")
    r = commune("--lang", "vi", "bundle", "create", str(tmp_path / "b.zip"), "--schedule", "1", "--issuer", "H01")
    assert r.code == 3 and "theo âm lịch" in r.stderr and "hằng tháng" not in r.stderr.split("chỉ chứa")[0]
    assert not (tmp_path / "b.zip").exists()
