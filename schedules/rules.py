"""Schedule rules as values: which local dates a schedule airs on, and at which wall-clock times.

Modes: ``once`` (one date), ``daily``, ``weekly`` (chosen weekdays), ``monthly`` (a day of the
month, or the nth / last weekday: ``monthly:15``, ``monthly:first-mon``, ``monthly:last-fri``), each
within an optional date range. A monthly day that a month lacks (31 in April) is not aired that
month. Weekday names are accepted in English (mon, monday) and Vietnamese (t2..t7, cn).

``lunar`` rules follow the Vietnamese lunar calendar (schedules.lunar): ``lunar:1,15`` airs on
mùng 1 and rằm of every lunar month (leap months included), ``lunar:10/3`` on the 10th day of the
3rd lunar month every year (not in a leap 3rd month); both kinds can be mixed (``lunar:1,10/3``).
A lunar day 30 is not aired in a 29-day month.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta

from .errors import InputRefused
from .i18n import _
from .lunar import solar_to_lunar
from .text import fold
from .timeutil import format_time

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_ALIASES = {
    **{d: i for i, d in enumerate(WEEKDAYS)},
    **{n.lower(): i for i, n in enumerate(calendar.day_name)},  # monday..sunday
    "t2": 0,
    "t3": 1,
    "t4": 2,
    "t5": 3,
    "t6": 4,
    "t7": 5,
    "cn": 6,
    "thu2": 0,
    "thu3": 1,
    "thu4": 2,
    "thu5": 3,
    "thu6": 4,
    "thu7": 5,
    "chunhat": 6,
}
_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
MODES = ("once", "daily", "weekly", "monthly", "lunar")
_LUNAR_DAY_WORDS = {"ram": 15, "mung1": 1, "mong1": 1}


def parse_weekday(name: str, *, field: str = "--days") -> int:
    key = fold(name).replace(" ", "")
    if key not in _WEEKDAY_ALIASES:
        raise InputRefused(_("{field}: '{value}' is not a weekday; use mon,tue,wed,thu,fri,sat,sun (or t2..t7, cn).", field=field, value=name))
    return _WEEKDAY_ALIASES[key]


@dataclass(frozen=True)
class Rule:
    """When a schedule airs, in the local calendar of each target."""

    mode: str
    times: tuple[time, ...]
    weekdays: frozenset[int] = frozenset()
    month_day: int | None = None
    nth_weekday: tuple[int, int] | None = None  # (1..4 or -1 for last, weekday 0=Monday)
    once_date: date | None = None
    start_date: date | None = None
    end_date: date | None = None
    lunar_days: tuple[tuple[int, int | None], ...] = ()  # (lunar day, lunar month or None = every month)

    def _lunar_match(self, d: date) -> bool:
        day, month, _year, leap = solar_to_lunar(d)
        return any(ld == day and (lm is None or (lm == month and not leap)) for ld, lm in self.lunar_days)

    def matches(self, d: date) -> bool:
        """Does the rule air on local date ``d`` (ignoring one-off exceptions)?"""
        if self.start_date and d < self.start_date:
            return False
        if self.end_date and d > self.end_date:
            return False
        if self.mode == "once":
            return d == self.once_date
        if self.mode == "daily":
            return True
        if self.mode == "weekly":
            return d.weekday() in self.weekdays
        if self.mode == "lunar":
            return self._lunar_match(d)
        if self.month_day is not None:
            return d.day == self.month_day
        assert self.nth_weekday is not None
        n, wd = self.nth_weekday
        if d.weekday() != wd:
            return False
        if n == -1:
            return d.month != (d + timedelta(days=7)).month
        return (d.day - 1) // 7 + 1 == n

    def dates(self, first: date, last: date) -> Iterator[date]:
        """The local dates in ``first..last`` (inclusive) on which the rule airs."""
        lo = max(first, self.start_date) if self.start_date else first
        hi = min(last, self.end_date) if self.end_date else last
        if self.mode == "once":
            if self.once_date and lo <= self.once_date <= hi:
                yield self.once_date
            return
        if self.mode == "daily":
            d = lo
            while d <= hi:
                yield d
                d += timedelta(days=1)
            return
        if self.mode in ("weekly", "lunar"):
            d = lo
            while d <= hi:
                if (d.weekday() in self.weekdays) if self.mode == "weekly" else self._lunar_match(d):
                    yield d
                d += timedelta(days=1)
            return
        # monthly: one candidate per month
        y, m = lo.year, lo.month
        while date(y, m, 1) <= hi:
            cand = self._monthly_date(y, m)
            if cand is not None and lo <= cand <= hi:
                yield cand
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)

    def _monthly_date(self, y: int, m: int) -> date | None:
        ndays = calendar.monthrange(y, m)[1]
        if self.month_day is not None:
            return date(y, m, self.month_day) if self.month_day <= ndays else None
        assert self.nth_weekday is not None
        n, wd = self.nth_weekday
        if n == -1:
            last = date(y, m, ndays)
            return last - timedelta(days=(last.weekday() - wd) % 7)
        first = date(y, m, 1)
        d = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
        return d if d.month == m else None

    def describe_days(self) -> str:
        """The ``--days`` spelling of this rule (``--date`` form for once)."""
        if self.mode == "once":
            return f"once:{self.once_date}"
        if self.mode == "daily":
            return "daily"
        if self.mode == "weekly":
            return ",".join(WEEKDAYS[i] for i in sorted(self.weekdays))
        if self.mode == "lunar":
            return "lunar:" + lunar_spec(self.lunar_days)
        if self.month_day is not None:
            return f"monthly:{self.month_day}"
        assert self.nth_weekday is not None
        n, wd = self.nth_weekday
        word = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}[n]
        return f"monthly:{word}-{WEEKDAYS[wd]}"

    def times_text(self) -> list[str]:
        return [format_time(t) for t in self.times]


def lunar_spec(days: tuple[tuple[int, int | None], ...]) -> str:
    """The stored spelling of lunar days: ``1,15`` or ``10/3``."""
    return ",".join(str(d) if m is None else f"{d}/{m}" for d, m in days)


def parse_lunar(spec: str, *, field: str = "--days") -> tuple[tuple[int, int | None], ...]:
    """Parse the part after ``lunar:``: days of every lunar month (1,15 or mung1,ram) and day/month."""
    out: list[tuple[int, int | None]] = []
    for part in spec.split(","):
        word = fold(part).replace(" ", "")
        if not word:
            continue
        if word in _LUNAR_DAY_WORDS:
            out.append((_LUNAR_DAY_WORDS[word], None))
            continue
        day_text, _sep, month_text = word.partition("/")
        if not day_text.isdigit() or (month_text and not month_text.isdigit()):
            raise InputRefused(
                _(
                    "{field}: '{value}' is not a lunar day; write lunar:1,15 (mùng 1 and rằm of every lunar month) or lunar:10/3 (10th day of the 3rd lunar month).",
                    field=field,
                    value=part.strip(),
                )
            )
        day, month = int(day_text), (int(month_text) if month_text else None)
        if not 1 <= day <= 30:
            raise InputRefused(_("{field}: lunar day {value} must be 1 to 30.", field=field, value=day))
        if month is not None and not 1 <= month <= 12:
            raise InputRefused(_("{field}: lunar month {value} must be 1 to 12.", field=field, value=month))
        if (day, month) not in out:
            out.append((day, month))
    if not out:
        raise InputRefused(_("{field}: give the lunar days, e.g. lunar:1,15 or lunar:10/3.", field=field))
    if len(lunar_spec(tuple(out))) > 20:
        raise InputRefused(_("{field}: at most 20 characters of lunar days; split the schedule in two.", field=field))
    return tuple(out)


def parse_days(spec: str | None) -> tuple[str, frozenset[int], int | None, tuple[int, int] | None]:
    """Parse ``--days``: daily | mon,tue,... | monthly:15 | monthly:first-mon | monthly:last-fri."""
    s = (spec or "daily").strip().lower()
    if s in ("daily", "everyday", "hangngay", "hàng ngày"):
        return "daily", frozenset(), None, None
    if s.startswith("monthly:"):
        arg = s.split(":", 1)[1]
        if arg.isdigit():
            day = int(arg)
            if not 1 <= day <= 31:
                raise InputRefused(_("--days: day of month '{value}' must be 1 to 31.", value=arg))
            return "monthly", frozenset(), day, None
        if "-" in arg:
            nth, wd = arg.split("-", 1)
            if nth in _NTH:
                return "monthly", frozenset(), None, (_NTH[nth], parse_weekday(wd))
        raise InputRefused(_("--days: '{value}' is not a monthly rule; write monthly:15, monthly:first-mon or monthly:last-fri.", value=spec))
    if s == "weekdays":
        return "weekly", frozenset(range(5)), None, None
    if s == "weekends":
        return "weekly", frozenset({5, 6}), None, None
    days = frozenset(parse_weekday(p) for p in s.split(",") if p.strip())
    if not days:
        raise InputRefused(_("--days: give daily, weekdays like mon,tue or a monthly rule."))
    return "weekly", days, None, None


def make_rule(
    times: list[time],
    *,
    days: str | None = None,
    once: date | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Rule:
    """Build and check a rule (exit 3 on empty ranges and contradictory options)."""
    if not times:
        raise InputRefused(_("--times: give at least one time, e.g. 05:30,17:00."))
    if once is not None and days is not None:
        raise InputRefused(_("Give either --date (once) or --days (a repeating rule), not both."))
    if start and end and end < start:
        raise InputRefused(_("The date range is empty: the end ({until}) is before the start ({start}).", until=end, start=start))
    if once is not None:
        if (start and once < start) or (end and once > end):
            raise InputRefused(_("--date {date} lies outside --from/--until.", date=once))
        return Rule("once", tuple(sorted(times)), once_date=once)
    if days is not None and fold(days).replace(" ", "").startswith(("lunar:", "amlich:")):
        lunar = parse_lunar(days.split(":", 1)[1])
        rule = Rule("lunar", tuple(sorted(times)), start_date=start, end_date=end, lunar_days=lunar)
    else:
        mode, wds, mday, nth = parse_days(days)
        rule = Rule(mode, tuple(sorted(times)), wds, mday, nth, None, start, end)
    if start and end and next(rule.dates(start, end), None) is None:
        raise InputRefused(_("No day between {start} and {until} matches --days {days}: the schedule would never air.", start=start, until=end, days=days))
    return rule
