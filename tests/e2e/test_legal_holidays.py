"""Vietnam's legal holidays as a commune meets them in `loaxa holidays` and `loaxa plan`."""

from __future__ import annotations

from datetime import date

import holidays as legal_calendar

from schedules.lunar import lunar_to_solar
from tests.conftest import Cli


def test_the_legal_days_loaxa_lacked_are_listed_with_keys_rules_can_use(cli: Cli) -> None:
    cli.ok("init")
    days = {(d["date"], d["key"]) for d in cli.json("holidays", "list", "--year", "2026")}
    assert ("2026-02-16", "tet") in days  # Tết's eve
    assert ("2026-09-01", "national_day") in days and ("2026-09-02", "national_day") in days  # since 2021
    assert ("2026-04-27", "day_off") in days  # Giỗ Tổ on a Sunday: the Monday off
    assert ("2026-08-31", "day_off") in days  # a swap the government already decided
    text = cli.ok("--lang", "vi", "holidays", "list", "--year", "2026").stdout
    assert "Giao thừa Tết Nguyên Đán" in text and "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)" in text


def test_a_commune_adds_this_years_swapped_day_and_its_rule_silences_the_plan(cli: Cli) -> None:
    cli.ok("init")
    added = cli.json("--lang", "vi", "holidays", "add", "2027-09-06", "--instead-of", "2027-09-11")
    assert added["instead_of"] == "2027-09-11" and "11/09/2027" in added["name"]
    cli.ok("holidays", "rule", added["key"], "no-broadcast")
    listed = {d["date"]: d for d in cli.json("holidays", "list", "--year", "2027")}
    assert listed["2027-09-06"]["rule"] == "no-broadcast"
    r = cli("--lang", "vi", "holidays", "add", "2027-09-06", "--instead-of", "2027-09-06")
    assert r.code == 3 and "chính nó" in r.stderr


def test_tet_of_the_legal_calendar_is_loaxas_tet_1901_to_2100() -> None:
    for year in range(1901, 2101):
        legal = legal_calendar.country_holidays("VN", years=year, language="en_US")
        tet = [d for d, name in legal.items() if name == "Lunar New Year"]
        assert tet == [lunar_to_solar(1, 1, year)], year
        assert date(year, 1, 1) in legal
