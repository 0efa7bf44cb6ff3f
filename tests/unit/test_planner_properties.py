"""Property-based checks of the expansion against a brute-force day-by-day expansion, in
zones with and without DST, with quiet hours and a no-broadcast holiday."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from schedules.rules import WEEKDAYS, make_rule
from schedules.timeutil import QuietHours, resolve_local, window_for_dates, zone
from tests.unit.plan_builder import Builder

ZONES = ["Asia/Ho_Chi_Minh", "Europe/Berlin", "America/New_York"]
NTH = ["first", "second", "third", "fourth", "last"]


@st.composite
def days_spec(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["daily", "weekly", "monthly-day", "monthly-nth"]))
    if kind == "daily":
        return "daily"
    if kind == "weekly":
        return ",".join(draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True)))
    if kind == "monthly-day":
        return f"monthly:{draw(st.integers(1, 31))}"
    return f"monthly:{draw(st.sampled_from(NTH))}-{draw(st.sampled_from(WEEKDAYS))}"


# start times on distinct minutes: a 10-second playlist never overlaps another
times_st = st.lists(st.integers(0, 24 * 60 - 1), min_size=1, max_size=3, unique=True).map(lambda ms: sorted(time(m // 60, m % 60) for m in ms))


@given(
    tz=st.sampled_from(ZONES),
    days=days_spec(),
    times=times_st,
    first=st.dates(date(2025, 1, 1), date(2030, 12, 1)),
    length=st.integers(1, 45),
    quiet=st.booleans(),
    holiday_offset=st.integers(0, 44),
)
@settings(max_examples=250, deadline=None)
def test_expansion_matches_brute_force(tz: str, days: str, times: list[time], first: date, length: int, quiet: bool, holiday_offset: int) -> None:
    last = first + timedelta(days=length - 1)
    rule = make_rule(times, days=days)
    q = QuietHours(time(21, 0), time(5, 0)) if quiet else None
    holiday = first + timedelta(days=holiday_offset)
    b = Builder(tz=tz, quiet=q)
    b.playlist(1, 10.0)
    b.schedule(1, 1, times, rule=rule)
    b.holiday(holiday, "no-broadcast")
    occ = b.plan(first, last)
    z = zone(tz)
    start, end = window_for_dates(first, last, z)

    # brute force: every day, every time, the stated DST rule, nothing else
    expected = []
    d = first - timedelta(days=1)
    while d <= last + timedelta(days=1):
        if rule.matches(d):
            for t in times:
                instant = resolve_local(d, t, z).instant
                if start <= instant < end:
                    expected.append((instant, d))
        d += timedelta(days=1)
    got = sorted((o.start_dt, o.local_date) for o in occ)
    assert got == sorted(expected), "planner and brute force disagree on the occurrences"

    for o in occ:
        assert rule.matches(o.local_date), "an occurrence on a day the rule does not allow"
        wall = o.start_dt.astimezone(z)
        shifted = any(p.kind == "nonexistent_time" for p in o.problems)
        assert shifted or wall.time() in times, "an occurrence at a time the rule does not give"
        if o.local_date == holiday:
            assert o.status == "cancelled", "a normal airing on a no-broadcast holiday"
        elif q is not None and q.contains(wall.time()):
            assert o.status == "skipped" and not o.airs, "an airing inside the quiet hours"
        else:
            assert o.status == "ok"


@given(first=st.dates(date(2025, 1, 1), date(2030, 12, 1)), length=st.integers(1, 60), days=days_spec())
@settings(max_examples=200, deadline=None)
def test_rule_dates_equal_day_by_day_matching(first: date, length: int, days: str) -> None:
    rule = make_rule([time(6, 0)], days=days)
    last = first + timedelta(days=length)
    brute = [first + timedelta(days=i) for i in range(length + 1) if rule.matches(first + timedelta(days=i))]
    assert list(rule.dates(first, last)) == brute


def test_new_york_spring_forward_and_fall_back() -> None:
    tz = "America/New_York"
    b = Builder(tz=tz)
    b.playlist(1, 10.0)
    b.schedule(1, 1, [time(2, 30), time(7, 0)])
    spring = b.plan(date(2027, 3, 14))  # 02:00 -> 03:00
    assert [o.start_dt.astimezone(zone(tz)).strftime("%H:%M") for o in spring] == ["03:30", "07:00"]
    assert spring[0].problems[0].kind == "nonexistent_time"
    fall = b.plan(date(2027, 11, 7))  # 02:00 -> 01:00: 02:30 happens once
    assert [o.start_dt.astimezone(zone(tz)).strftime("%H:%M %Z") for o in fall] == ["02:30 EST", "07:00 EST"]
    # 01:30 happens twice on that day: the first (EDT) is chosen and reported
    b2 = Builder(tz=tz)
    b2.playlist(1, 10.0)
    b2.schedule(1, 1, [time(1, 30)])
    (o,) = b2.plan(date(2027, 11, 7))
    assert o.start_dt.astimezone(zone(tz)).strftime("%H:%M %Z") == "01:30 EDT"
    assert o.problems[0].kind == "ambiguous_time"
    assert o.start_dt == datetime(2027, 11, 7, 5, 30, tzinfo=zone("UTC"))
