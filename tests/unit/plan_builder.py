"""Build planner inputs directly (no database) for unit tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from schedules.holidays import HolidayCalendar, HolidayDay
from schedules.planner import EndpointInfo, EntryInfo, ItemInfo, Occurrence, PlanInput, PlaylistInfo, ScheduleInfo, plan
from schedules.rules import Rule, make_rule
from schedules.timeutil import QuietHours, window_for_dates, zone


@dataclass
class Builder:
    tz: str = "Asia/Ho_Chi_Minh"
    quiet: QuietHours | None = None
    schedules: list[ScheduleInfo] = field(default_factory=list)
    playlists: dict[int, PlaylistInfo] = field(default_factory=dict)
    items: dict[int, ItemInfo] = field(default_factory=dict)
    holidays: HolidayCalendar = field(default_factory=lambda: HolidayCalendar({}, {}, 0, set()))

    def playlist(self, pid: int, seconds: float, tier: int = 3, state: str = "approved") -> int:
        self.items[pid] = ItemInfo(pid, f"item {pid}", state, None, None, tier, 1, seconds, True, frozenset({"mp3-64k-mono"}))
        self.playlists[pid] = PlaylistInfo(pid, f"playlist {pid}", (EntryInfo(pid, None, seconds),), seconds, tier)
        return pid

    def schedule(
        self,
        sid: int,
        playlist: int,
        times: list[time],
        *,
        days: str | None = "daily",
        once: date | None = None,
        rule: Rule | None = None,
        priority: int | None = None,
        collision: str = "next",
        wait_s: float = 0.0,
        on_preempt: str = "resume",
        repeat: int = 1,
        gap: float = 0.0,
        override: str | None = None,
        exceptions: dict[date, tuple[str, tuple[time, ...]]] | None = None,
    ) -> ScheduleInfo:
        r = rule or make_rule(times, days=None if once else days, once=once)
        s = ScheduleInfo(sid, None, r, playlist, ("ep",), priority, collision, wait_s, on_preempt, repeat, gap, override, True, exceptions or {})
        self.schedules.append(s)
        return s

    def holiday(self, on: date, rule: str, playlist: int | None = None) -> None:
        key = f"added:{on.isoformat()}"
        self.holidays.days.setdefault(on, []).append(HolidayDay(on, key, "Ngày lễ", "added"))
        self.holidays.rules[key] = (rule, playlist)

    def input(self) -> PlanInput:
        ep = EndpointInfo("ep", "Loa", "A", True, "mp3-64k-mono", self.tz, self.quiet)
        return PlanInput(self.schedules, self.playlists, self.items, {"ep": ep}, {"A": ("ep",)}, self.holidays)

    def plan(self, first: date, last: date | None = None) -> list[Occurrence]:
        start, end = window_for_dates(first, last or first, zone(self.tz))
        return plan(self.input(), start, end).occurrences


def local(o: Occurrence, tz: str = "Asia/Ho_Chi_Minh") -> str:
    return o.start_dt.astimezone(zone(tz)).strftime("%H:%M:%S")


def at(d: date, h: int, m: int, s: int = 0, tz: str = "Asia/Ho_Chi_Minh") -> datetime:
    return datetime.combine(d, time(h, m, s), tzinfo=zone(tz))


def local_end(o: Occurrence, tz: str = "Asia/Ho_Chi_Minh") -> str:
    return o.end_dt.astimezone(zone(tz)).strftime("%H:%M:%S")
