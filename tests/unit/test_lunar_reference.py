"""Every day of 1900-2199 in LoaXa's lunar calendar against a second, astronomical one."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from schedules.lunar import lunar_to_solar, solar_to_lunar
from tests.unit.lunar_reference import VN, ReferenceCalendar

# The truncated series LoaXa (like every Vietnamese calendar table) uses is good to a few
# minutes; when a true new moon falls that close to midnight the two methods may legitimately
# begin the month a day apart. Nothing else may differ.
NEAR_MIDNIGHT = timedelta(minutes=5)


def _minutes_from_midnight(instant: datetime) -> timedelta:
    midnight = datetime.combine(instant.date(), time(), VN)
    after = instant - midnight
    return min(after, timedelta(days=1) - after)


def test_the_days_upstream_called_lunar_day_zero() -> None:
    assert solar_to_lunar(date(2054, 5, 7)) == (30, 3, 2054, False)
    assert solar_to_lunar(date(2054, 5, 8)) == (1, 4, 2054, False)
    assert solar_to_lunar(date(2062, 4, 9)) == (30, 2, 2062, False)
    assert lunar_to_solar(30, 3, 2054) == date(2054, 5, 7)


def test_every_day_1900_to_2199_matches_the_astronomical_calendar() -> None:
    reference = ReferenceCalendar(1900, 2199)
    day = date(1900, 1, 1)
    disagreeing_months: set[date] = set()
    while day <= date(2199, 12, 31):
        ours = solar_to_lunar(day)
        assert 1 <= ours[0] <= 30, (day, ours)
        theirs = reference.solar_to_lunar(day)
        if ours != theirs:
            new_moon = reference.month_start_instant(day)
            # the month boundary moved by a day, never more
            assert abs(ours[0] - theirs[0]) in (1, 29), (day, ours, theirs)
            near = _minutes_from_midnight(new_moon) <= NEAR_MIDNIGHT
            if not near:  # the month before ours began on a near-midnight new moon
                near = _minutes_from_midnight(reference.month_start_instant(day + timedelta(days=1))) <= NEAR_MIDNIGHT
            assert near, (day, ours, theirs, new_moon)
            disagreeing_months.add(new_moon.date())
        day += timedelta(days=1)
    # 8 months in 300 years (1944, 2072, 2077, 2130, 2150, 2159, 2175, 2199): a new moon within
    # 2.5 minutes of midnight; the Tết dates of 1900-2100 all agree
    assert len(disagreeing_months) <= 8


def test_tet_agrees_with_the_reference_for_1900_to_2100() -> None:
    reference = ReferenceCalendar(1900, 2100)
    for year in range(1900, 2101):
        tet = lunar_to_solar(1, 1, year)
        assert tet is not None
        assert reference.solar_to_lunar(tet)[:3] == (1, 1, year), year
