"""A second Vietnamese lunar calendar, for tests only, built on PyEphem's astronomy.

Independent of schedules/lunar.py: true new moons and the true winter solstice (libastro's
VSOP87/ELP theories) instead of the truncated series, with the same rules: days are UTC+7 days;
month 11 holds the winter solstice; in a year of 13 months the first month without a major solar
term (a multiple of 30 degrees of the sun's longitude) is the leap month and repeats the number
of the month before it.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from datetime import UTC, date, datetime, timedelta, timezone

import ephem

VN = timezone(timedelta(hours=7))


def local_instant(d: ephem.Date) -> datetime:
    return d.datetime().replace(tzinfo=UTC).astimezone(VN)


def _sun_sector_at_midnight(day: date) -> int:
    instant = datetime(day.year, day.month, day.day, tzinfo=VN).astimezone(UTC)
    when = ephem.Date(instant.replace(tzinfo=None))
    lon = math.degrees(float(ephem.Ecliptic(ephem.Sun(when), epoch=when).lon))
    return math.floor((lon % 360) / 30)


class ReferenceCalendar:
    """Lunar months covering the solar years ``first_year``..``last_year``."""

    def __init__(self, first_year: int, last_year: int) -> None:
        when = ephem.Date(datetime(first_year - 2, 10, 1))
        end = ephem.Date(datetime(last_year + 2, 3, 1))
        self.new_moons: list[datetime] = []
        while when < end:
            when = ephem.next_new_moon(when)
            self.new_moons.append(local_instant(when))
            when = ephem.Date(when + 1)
        self.starts = [m.date() for m in self.new_moons]
        month11 = {}
        for y in range(first_year - 1, last_year + 2):
            solstice = local_instant(ephem.next_solstice(ephem.Date(datetime(y, 12, 1)))).date()
            month11[y] = bisect_right(self.starts, solstice) - 1
        self.labels: dict[int, tuple[int, int, bool]] = {}
        for y in range(first_year, last_year + 2):
            a, b = month11[y - 1], month11[y]
            leap_at = -1
            if b - a == 13:
                leap_at = next(j for j in range(a + 1, b) if _sun_sector_at_midnight(self.starts[j]) == _sun_sector_at_midnight(self.starts[j + 1]))
            number = 10
            for j in range(a, b):
                leap = j == leap_at
                if not leap:
                    number = number % 12 + 1
                self.labels[j] = (number, y - 1 if number >= 11 and j - a < 3 else y, leap)

    def solar_to_lunar(self, d: date) -> tuple[int, int, int, bool]:
        i = bisect_right(self.starts, d) - 1
        month, year, leap = self.labels[i]
        return (d - self.starts[i]).days + 1, month, year, leap

    def month_start_instant(self, d: date) -> datetime:
        """The instant (UTC+7) of the new moon that begins the lunar month holding ``d``."""
        return self.new_moons[bisect_right(self.starts, d) - 1]
