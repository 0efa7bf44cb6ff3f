"""Wall-clock times, dates and zones: parsing what people type and placing it on the UTC line.

Rule for local times that a DST change makes nonexistent or ambiguous (stated once, used by the
planner and reported by it):
- nonexistent (spring forward, e.g. 02:30 in Europe/Berlin on the last Sunday of March): the
  occurrence moves forward by the length of the gap (02:30 -> 03:30 local), as a clock on the wall
  would show it;
- ambiguous (fall back, e.g. 02:30 happens twice): the first of the two instants (fold=0).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import InputRefused
from .i18n import _, language

DEFAULT_TZ = "Asia/Ho_Chi_Minh"
DEFAULT_QUIET_HOURS = "21:00-05:00"

_TIME_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")
_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


@cache
def zone(name: str) -> ZoneInfo:
    """The IANA zone called ``name``; an unknown name is refused (exit 3)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputRefused(_("Unknown time zone '{name}': use an IANA name such as Asia/Ho_Chi_Minh.", name=name)) from exc


def parse_time(text: str, *, field: str = "time") -> time:
    """Parse ``HH:MM`` or ``HH:MM:SS`` (24-hour)."""
    m = _TIME_RE.match(text or "")
    if not m:
        raise InputRefused(_("{field}: '{value}' is not a time; write HH:MM or HH:MM:SS (24-hour).", field=field, value=text))
    h, mi, s = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    if h > 23 or mi > 59 or s > 59:
        raise InputRefused(_("{field}: '{value}' is not a time of day (00:00 to 23:59:59).", field=field, value=text))
    return time(h, mi, s)


def parse_times(text: str, *, field: str = "--times") -> list[time]:
    parts = [p for p in (text or "").split(",") if p.strip()]
    if not parts:
        raise InputRefused(_("{field}: give at least one time, e.g. 05:30,17:00.", field=field))
    times = sorted({parse_time(p, field=field) for p in parts})
    return times


def parse_date(text: str, *, field: str = "date") -> date:
    """Parse ``YYYY-MM-DD``."""
    m = _DATE_RE.match(text or "")
    if not m:
        raise InputRefused(_("{field}: '{value}' is not a date; write YYYY-MM-DD.", field=field, value=text))
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise InputRefused(_("{field}: '{value}' is not a date on the calendar.", field=field, value=text)) from exc


def day_text(d: date | datetime) -> str:
    """A date for people: 23/11/2026 in Vietnamese, 23 Nov 2026 in English."""
    return d.strftime("%d/%m/%Y" if language() == "vi" else "%d %b %Y")


def moment_text(dt: datetime) -> str:
    """A date and time in a table, without the year: 23/11 05:30:00 (23 Nov 05:30:00 in English)."""
    return dt.strftime("%d/%m %H:%M:%S" if language() == "vi" else "%d %b %H:%M:%S")


def format_time(t: time) -> str:
    return t.strftime("%H:%M:%S") if t.second else t.strftime("%H:%M")


@dataclass(frozen=True)
class QuietHours:
    """A daily window in local time when normal and priority content must not air."""

    start: time
    end: time

    def contains(self, t: time) -> bool:
        if self.start <= self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def parse_quiet_hours(text: str | None) -> QuietHours | None:
    """``HH:MM-HH:MM`` or ``none`` (no quiet hours). ``None`` input means inherit."""
    if text is None:
        return None
    if text.strip().lower() in ("none", "không", "khong", "off"):
        return None
    parts = text.split("-")
    if len(parts) != 2:
        raise InputRefused(_("--quiet-hours: '{value}' must be HH:MM-HH:MM or none.", value=text))
    start = parse_time(parts[0], field="--quiet-hours")
    end = parse_time(parts[1], field="--quiet-hours")
    if start == end:
        raise InputRefused(_("--quiet-hours: start and end are the same; use none for no quiet hours."))
    return QuietHours(start, end)


def normalise_quiet_hours(text: str) -> str:
    """The stored form of a ``--quiet-hours`` value: ``none`` or ``HH:MM-HH:MM``."""
    q = parse_quiet_hours(text)
    return "none" if q is None else str(q)


@dataclass(frozen=True)
class LocalResolution:
    instant: datetime  # aware UTC
    note: str | None  # "nonexistent" | "ambiguous" | None


def resolve_local(day: date, t: time, tz: tzinfo) -> LocalResolution:
    """Place a wall-clock time on the UTC line by the rule in this module's docstring."""
    naive = datetime.combine(day, t)
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    off0, off1 = first.utcoffset(), second.utcoffset()
    if off0 == off1:
        return LocalResolution(first.astimezone(UTC), None)
    # Round-trip tells a gap from an overlap: a nonexistent time does not survive it.
    back = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if back != naive:
        # PEP 495: in a gap, fold=0 applies the offset from before the transition, which lands
        # the instant after the gap, shifted forward by its length (02:30 -> 03:30).
        return LocalResolution(first.astimezone(UTC), "nonexistent")
    return LocalResolution(first.astimezone(UTC), "ambiguous")


def local_day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants where local ``day`` begins and the next day begins."""
    start = resolve_local(day, time(0), tz).instant
    end = resolve_local(day + timedelta(days=1), time(0), tz).instant
    return start, end


def window_for_dates(first: date, last: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The UTC window covering the inclusive local dates ``first``..``last``."""
    if last < first:
        raise InputRefused(_("The date range is empty: the end ({until}) is before the start ({start}).", start=first, until=last))
    return local_day_bounds(first, tz)[0], local_day_bounds(last, tz)[1]


def iso_local(instant: datetime | None, tz: tzinfo) -> str | None:
    """ISO 8601 with the offset of ``tz`` (seconds; milliseconds when present)."""
    if instant is None:
        return None
    local = instant.astimezone(tz)
    spec = "milliseconds" if local.microsecond else "seconds"
    return local.isoformat(timespec=spec)


def as_utc(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)
