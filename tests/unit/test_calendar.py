"""The Vietnamese calendar: lunar dates computed for UTC+7, holidays built in, rules applied."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schedules.holidays import built_in
from schedules.lunar import lunar_to_solar, solar_to_lunar
from tests.unit.plan_builder import Builder

TET = {2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6), 2028: date(2028, 1, 26), 2029: date(2029, 2, 13), 2030: date(2030, 2, 2)}
HUNG_KINGS = {
    2025: date(2025, 4, 7),
    2026: date(2026, 4, 26),
    2027: date(2027, 4, 16),
    2028: date(2028, 4, 4),
    2029: date(2029, 4, 23),
    2030: date(2030, 4, 12),
}


@pytest.mark.parametrize("year", sorted(TET))
def test_tet_and_hung_kings_2025_to_2030(year: int) -> None:
    assert lunar_to_solar(1, 1, year) == TET[year]
    assert lunar_to_solar(10, 3, year) == HUNG_KINGS[year]


def test_2030_new_year_is_computed_for_vietnam_not_china() -> None:
    # the new moon falls at 23:07 on 2 Feb in UTC+7 but after midnight in UTC+8 (China: 3 Feb)
    assert lunar_to_solar(1, 1, 2030) == date(2030, 2, 2)
    assert lunar_to_solar(1, 1, 2030, tz=8.0) == date(2030, 2, 3)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
@settings(max_examples=300, deadline=None)
def test_solar_lunar_round_trip(d: date) -> None:
    day, month, year, leap = solar_to_lunar(d)
    assert 1 <= day <= 30 and 1 <= month <= 12
    assert lunar_to_solar(day, month, year, leap) == d


def test_built_in_holidays_of_2027() -> None:
    days = {(h.on, h.key, h.kind) for h in built_in(2027, tet_days=5)}
    assert (date(2027, 1, 1), "new_year", "solar") in days
    assert (date(2027, 4, 30), "reunification", "solar") in days
    assert (date(2027, 5, 1), "labour_day", "solar") in days
    assert (date(2027, 9, 2), "national_day", "solar") in days
    assert (date(2027, 4, 16), "hung_kings", "lunar") in days
    tet = sorted(h.on for h in built_in(2027, 5) if h.key == "tet")
    # the legal Tết of 2027 (29 Tết, the eve, mùng 1-5): the five days from lunar 1/1 within it
    assert tet == [date(2027, 2, 4) + timedelta(days=n) for n in range(7)]
    longer = sorted(h.on for h in built_in(2027, 7) if h.key == "tet")
    assert longer[-1] == date(2027, 2, 12)  # a commune's longer Tết goes beyond the legal days
    assert (date(2027, 5, 3), "day_off", "solar") in days  # 1/5 on a Saturday
    assert (date(2027, 9, 3), "national_day", "solar") in days


def test_no_broadcast_holiday_cancels_normal_but_not_emergency() -> None:
    b = Builder()
    b.playlist(1, 60, tier=3)
    b.playlist(2, 60, tier=1)
    b.schedule(1, 1, [time(5, 30)])
    b.schedule(2, 2, [time(6, 0)])
    b.holiday(date(2027, 4, 30), "no-broadcast")
    occ = b.plan(date(2027, 4, 30))
    assert [(o.schedule_id, o.status) for o in occ] == [(1, "cancelled"), (2, "ok")]
    assert not occ[0].problems and occ[0].notes, "a holiday is a note, not a problem"
    assert occ[1].notes, "the plan says the emergency airs through the holiday rule"


def test_priority_only_and_special_playlist() -> None:
    b = Builder()
    b.playlist(1, 60, tier=3)
    b.playlist(2, 60, tier=2)
    b.playlist(9, 300, tier=3)
    b.schedule(1, 1, [time(5, 30)])
    b.schedule(2, 2, [time(17, 0)])
    b.holiday(date(2027, 5, 1), "priority-only")
    assert [(o.schedule_id, o.status) for o in b.plan(date(2027, 5, 1))] == [(1, "cancelled"), (2, "ok")]
    b2 = Builder()
    b2.playlist(1, 60)
    b2.playlist(9, 300)
    b2.schedule(1, 1, [time(5, 30)])
    b2.holiday(date(2027, 9, 2), "playlist", 9)
    (o,) = b2.plan(date(2027, 9, 2))
    assert o.playlist_id == 9 and o.end - o.start == 300
