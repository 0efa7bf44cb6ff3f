"""The planner's daily and weekly expansion, in Asia/Ho_Chi_Minh and across a DST change."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from schedules.holidays import HolidayCalendar
from schedules.planner import EndpointInfo, EntryInfo, ItemInfo, PlanInput, PlaylistInfo, ScheduleInfo, plan
from schedules.rules import make_rule
from schedules.timeutil import window_for_dates, zone


def make_input(tz: str, rule_days: str | None, times: list[time], *, once: date | None = None, quiet: bool = False) -> PlanInput:
    rule = make_rule(times, days=rule_days, once=once)
    item = ItemInfo(1, "Thông báo", "approved", None, None, 3, 1, 60.0, True, frozenset({"mp3-64k-mono"}))
    pl = PlaylistInfo(1, "Sáng", (EntryInfo(1, None, 60.0),), 60.0, 3)
    ep = EndpointInfo("loa1", "Loa 1", "X1", True, "mp3-64k-mono", tz, None)
    s = ScheduleInfo(1, None, rule, 1, ("loa1",), None, "next", 0.0, "resume", 1, 0.0, None, True, {})
    return PlanInput([s], {1: pl}, {1: item}, {"loa1": ep}, {"X1": ("loa1",)}, HolidayCalendar({}, {}, 0, set()))


def starts_local(inp: PlanInput, first: date, last: date, tz: str) -> list[str]:
    start, end = window_for_dates(first, last, zone(tz))
    p = plan(inp, start, end)
    return [o.start_dt.astimezone(zone(tz)).strftime("%Y-%m-%d %a %H:%M") for o in p.occurrences]


def test_daily_in_vietnam_is_at_the_wall_clock_time() -> None:
    inp = make_input("Asia/Ho_Chi_Minh", "daily", [time(5, 30), time(17, 0)])
    got = starts_local(inp, date(2027, 3, 1), date(2027, 3, 3), "Asia/Ho_Chi_Minh")
    assert got == [
        "2027-03-01 Mon 05:30",
        "2027-03-01 Mon 17:00",
        "2027-03-02 Tue 05:30",
        "2027-03-02 Tue 17:00",
        "2027-03-03 Wed 05:30",
        "2027-03-03 Wed 17:00",
    ]
    start, end = window_for_dates(date(2027, 3, 1), date(2027, 3, 1), zone("Asia/Ho_Chi_Minh"))
    first = plan(inp, start, end).occurrences[0]
    assert first.start_dt == datetime(2027, 2, 28, 22, 30, tzinfo=UTC)  # 05:30 at UTC+7


def test_weekly_chooses_its_weekdays() -> None:
    inp = make_input("Asia/Ho_Chi_Minh", "mon,wed,fri", [time(6, 0)])
    got = starts_local(inp, date(2027, 3, 1), date(2027, 3, 14), "Asia/Ho_Chi_Minh")
    assert [g[11:14] for g in got] == ["Mon", "Wed", "Fri"] * 2
    assert all(g.endswith("06:00") for g in got)


def test_daily_keeps_wall_clock_across_spring_forward_in_berlin() -> None:
    tz = "Europe/Berlin"
    inp = make_input(tz, "daily", [time(6, 0)])
    start, end = window_for_dates(date(2027, 3, 27), date(2027, 3, 29), zone(tz))
    occ = plan(inp, start, end).occurrences
    assert [o.start_dt.astimezone(zone(tz)).strftime("%H:%M") for o in occ] == ["06:00"] * 3
    # UTC shifts by the clock change: 05:00Z before, 04:00Z after (CET -> CEST on 28 March)
    assert [o.start_dt.strftime("%H:%M") for o in occ] == ["05:00", "04:00", "04:00"]


def test_nonexistent_time_moves_forward_and_is_reported() -> None:
    tz = "Europe/Berlin"
    inp = make_input(tz, "daily", [time(2, 30)])
    start, end = window_for_dates(date(2027, 3, 28), date(2027, 3, 28), zone(tz))
    p = plan(inp, start, end)
    (o,) = p.occurrences
    assert o.start_dt.astimezone(zone(tz)).strftime("%H:%M") == "03:30"
    assert [pr.kind for pr in o.problems if pr.kind == "nonexistent_time"] == ["nonexistent_time"]


def test_weekly_across_autumn_fall_back_is_once_per_day() -> None:
    tz = "Europe/Berlin"
    inp = make_input(tz, "sun", [time(2, 30), time(9, 0)])
    start, end = window_for_dates(date(2027, 10, 31), date(2027, 10, 31), zone(tz))
    occ = plan(inp, start, end).occurrences
    assert len(occ) == 2  # 02:30 happens twice that night; it airs once, at the first
    assert occ[0].start_dt == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    assert any(p.kind == "ambiguous_time" for p in occ[0].problems)


def test_once_only_on_its_date() -> None:
    inp = make_input("Asia/Ho_Chi_Minh", None, [time(7, 15, 30)], once=date(2027, 3, 2))
    got = starts_local(inp, date(2027, 3, 1), date(2027, 3, 7), "Asia/Ho_Chi_Minh")
    assert got == ["2027-03-02 Tue 07:15"]
