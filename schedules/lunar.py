"""The Vietnamese lunar calendar (âm lịch), computed for UTC+7.

New moons and solar terms follow the astronomical series published by Hồ Ngọc Đức ("Thuật toán
tính âm lịch"), the method Vietnamese calendars use; the 11th lunar month is the one holding the
winter solstice, and a leap month is the first month of a 13-month year without a major solar
term. Julian day numbers are integers (noon-based) as in the original.
"""

from __future__ import annotations

import math
from datetime import date
from functools import cache

VN_TZ_HOURS = 7.0
_JD_ORDINAL_OFFSET = 1721425  # date.toordinal() + this = Julian day number


def jd(d: date) -> int:
    return d.toordinal() + _JD_ORDINAL_OFFSET


def from_jd(n: int) -> date:
    return date.fromordinal(n - _JD_ORDINAL_OFFSET)


def _new_moon(k: int) -> float:
    """Julian day (fractional, UT) of the k-th new moon after 1 Jan 1900."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 = c1 - 0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr)
    c1 = c1 - 0.0004 * math.sin(dr * 3 * mpr)
    c1 = c1 + 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 = c1 - 0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 = c1 - 0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 = c1 + 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        deltat = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        deltat = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - deltat


def _new_moon_day(k: int, tz: float) -> int:
    return math.floor(_new_moon(k) + 0.5 + tz / 24)


def _sun_longitude(jdn: float) -> float:
    """Sun's ecliptic longitude in radians, 0..2pi, at Julian day ``jdn`` (UT)."""
    t = (jdn - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    lon = (l0 + dl) * dr
    return lon - math.pi * 2 * math.floor(lon / (math.pi * 2))


def _sun_sector(day_number: int, tz: float) -> int:
    """Which of the 12 major solar-term sectors (0..11) the sun is in at local midnight."""
    return math.floor(_sun_longitude(day_number - 0.5 - tz / 24) / math.pi * 6)


@cache
def _lunar_month_11(year: int, tz: float) -> int:
    """Julian day on which the 11th lunar month (holding the winter solstice) of ``year`` begins."""
    off = jd(date(year, 12, 31)) - 2415021
    k = math.floor(off / 29.530588853)
    # The mean-lunation estimate of k can be one off either way (the true new moon wanders
    # ~14 hours around the mean): step until new moon k begins on or before the solstice's
    # sector (sector 9 starts at 270 degrees) and new moon k+1 after it.
    while _sun_sector(_new_moon_day(k, tz), tz) in (9, 10):
        k -= 1
    while _sun_sector(_new_moon_day(k + 1, tz), tz) in (7, 8):
        k += 1
    return _new_moon_day(k, tz)


def _leap_month_offset(a11: int, tz: float) -> int:
    k = math.floor((a11 - 2415021.076998695) / 29.530588853 + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i, tz), tz)
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i, tz), tz)
        if arc == last or i >= 14:
            break
    return i - 1


@cache
def lunar_to_solar(day: int, month: int, year: int, leap: bool = False, tz: float = VN_TZ_HOURS) -> date | None:
    """The solar date of lunar ``day/month/year`` (None for a leap month that year lacks)."""
    if month < 11:
        a11, b11 = _lunar_month_11(year - 1, tz), _lunar_month_11(year, tz)
    else:
        a11, b11 = _lunar_month_11(year, tz), _lunar_month_11(year + 1, tz)
    k = math.floor(0.5 + (a11 - 2415021.076998695) / 29.530588853)
    off = month - 11
    if off < 0:
        off += 12
    if b11 - a11 > 365:
        leap_off = _leap_month_offset(a11, tz)
        leap_month = leap_off - 2
        if leap_month < 0:
            leap_month += 12
        if leap and month != leap_month:
            return None
        if leap or off >= leap_off:
            off += 1
    elif leap:
        return None
    month_start = _new_moon_day(k + off, tz)
    return from_jd(month_start + day - 1)


def solar_to_lunar(d: date, tz: float = VN_TZ_HOURS) -> tuple[int, int, int, bool]:
    """The lunar (day, month, year, leap) of solar date ``d``."""
    day_number = jd(d)
    k = math.floor((day_number - 2415021.076998695) / 29.530588853)
    # The known correction of the upstream method: its estimate of k uses the mean lunation, so
    # new moon k can begin after ``d`` (upstream then returned lunar day 0, e.g. 2054-05-07) or
    # new moon k+2 on or before it. Step until new moon k+1 <= d < new moon k+2.
    while _new_moon_day(k + 1, tz) > day_number:
        k -= 1
    while _new_moon_day(k + 2, tz) <= day_number:
        k += 1
    month_start = _new_moon_day(k + 1, tz)
    a11 = _lunar_month_11(d.year, tz)
    b11 = a11
    if a11 >= month_start:
        lunar_year = d.year
        a11 = _lunar_month_11(d.year - 1, tz)
    else:
        lunar_year = d.year + 1
        b11 = _lunar_month_11(d.year + 1, tz)
    lunar_day = day_number - month_start + 1
    diff = math.floor((month_start - a11) / 29)
    leap = False
    lunar_month = diff + 11
    if b11 - a11 > 365:
        leap_diff = _leap_month_offset(a11, tz)
        if diff >= leap_diff:
            lunar_month = diff + 10
            if diff == leap_diff:
                leap = True
    if lunar_month > 12:
        lunar_month -= 12
    if lunar_month >= 11 and diff < 4:
        lunar_year -= 1
    return lunar_day, lunar_month, lunar_year, leap


def lunar_day_text(d: date, *, short: bool = False) -> str:
    """How people name the lunar date of ``d``: "Mùng 1 tháng 3", "Rằm tháng 3", "10/3".

    ``short`` gives the narrow form for a week view's header: "Mùng 1", "Rằm", "10/3".
    """
    from .i18n import _

    day, month, _year, leap = solar_to_lunar(d)
    month_text = _("{month} (leap)", month=month) if leap else str(month)
    if day == 1:
        return _("Lunar 1st") if short else _("Lunar 1st of month {month}", month=month_text)
    if day == 15:
        return _("Full moon") if short else _("Full moon of month {month}", month=month_text)
    return f"{day}/{month_text}" if not leap or not short else f"{day}/{month}*"


def lunar_date_text(d: date) -> str:
    """The full lunar date of ``d`` for a tooltip: "Âm lịch: ngày 10 tháng 3 năm 2027"."""
    from .i18n import _

    day, month, year, leap = solar_to_lunar(d)
    if leap:
        return _("Lunar calendar: day {day} of leap month {month}, year {year}", day=day, month=month, year=year)
    return _("Lunar calendar: day {day} of month {month}, year {year}", day=day, month=month, year=year)
