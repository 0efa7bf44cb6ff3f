"""Planner speed: 100 communes x 5 endpoints, 1,000 schedules (each on one commune, two or three
times a day, daily/weekly/monthly, 10 % priority, some overlapping), 20 holidays; plan 7 and 365
days with conflict resolution, against a naive planner run in the same process.

The naive planner expands every rule with dateutil.rrule per endpoint and checks overlaps
pairwise on each endpoint. For 365 days it is run on a sample of endpoints and scaled by the
number of endpoints (its work per endpoint does not depend on the others); the sample size is
printed. Target: ratio <= 0.2; 7 days in about 0.3 s; 365 days within memory (peak RSS printed).

Usage: python bench/plan_speed.py [--sample 2]
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import time as _time
from datetime import UTC, date, datetime, time, timedelta

from _common import Timer
from dateutil import rrule

from schedules.holidays import HolidayCalendar, HolidayDay
from schedules.planner import EndpointInfo, EntryInfo, ItemInfo, PlanInput, PlaylistInfo, ScheduleInfo, iter_timelines
from schedules.rules import WEEKDAYS, make_rule
from schedules.timeutil import QuietHours, window_for_dates, zone

TZ = "Asia/Ho_Chi_Minh"
FIRST = date(2027, 1, 4)


def build(seed: int = 7) -> PlanInput:
    rnd = random.Random(seed)
    endpoints: dict[str, EndpointInfo] = {}
    area_eps: dict[str, tuple[str, ...]] = {}
    quiet = QuietHours(time(21, 0), time(5, 0))
    for c in range(100):
        codes = tuple(f"c{c:03d}-e{e}" for e in range(5))
        area_eps[f"c{c:03d}"] = codes
        for code in codes:
            endpoints[code] = EndpointInfo(code, code, f"c{c:03d}", True, "mp3-64k-mono", TZ, quiet)
    items = {}
    playlists = {}
    for p in range(200):
        secs = rnd.choice([60, 180, 300, 600, 900, 1800])
        tier = 2 if p % 10 == 0 else 3
        items[p] = ItemInfo(p, f"item {p}", "approved", None, None, tier, 1, secs, True, frozenset({"mp3-64k-mono"}))
        playlists[p] = PlaylistInfo(p, f"pl {p}", (EntryInfo(p, None, secs),), secs, tier)
    schedules = []
    for s in range(1000):
        commune = f"c{s % 100:03d}"
        n_times = rnd.choice([2, 3])
        # morning and evening slots, minutes apart so that some overlap on a commune
        slots = [time(5, rnd.choice([30, 35, 40, 45])), time(17, rnd.choice([0, 5, 10, 20])), time(11, rnd.choice([0, 15, 30]))][:n_times]
        mode = rnd.random()
        if mode < 0.6:
            days = "daily"
        elif mode < 0.9:
            days = ",".join(sorted(rnd.sample(WEEKDAYS[:5], rnd.randint(2, 5)), key=WEEKDAYS.index))
        else:
            days = rnd.choice(["monthly:1", "monthly:15", "monthly:first-mon", "monthly:last-fri"])
        rule = make_rule(slots, days=days)
        prio = 2 if s % 10 == 0 else None
        collision = rnd.choice(["next", "next", "cut", "wait:300"])
        policy, wait = (collision, 0.0) if not collision.startswith("wait") else ("wait", 300.0)
        schedules.append(ScheduleInfo(s, None, rule, s % 200, (commune,), prio, policy, wait, "resume", 1, 0.0, None, True, {}))
    cal = HolidayCalendar({}, {}, 5, set())
    for h in range(20):
        d = FIRST + timedelta(days=7 + h * 17)
        key = f"added:{h}"
        cal.days.setdefault(d, []).append(HolidayDay(d, key, f"holiday {h}", "added"))
        cal.rules[key] = (rnd.choice(["no-broadcast", "priority-only"]), None)
    return PlanInput(schedules, playlists, items, endpoints, area_eps, cal)


def ours(inp: PlanInput, days: int) -> tuple[float, int, int]:
    start, end = window_for_dates(FIRST, FIRST + timedelta(days=days - 1), zone(TZ))
    n = problems = 0
    with Timer() as t:
        for _ep, timeline in iter_timelines(inp, start, end):
            n += len(timeline)
            problems += sum(len(o.problems) for o in timeline)
    return t.seconds, n, problems


# --- the naive planner --------------------------------------------------------------------

FREQ = {"daily": rrule.DAILY, "weekly": rrule.WEEKLY, "monthly": rrule.MONTHLY}


def naive_endpoint(inp: PlanInput, code: str, days: int) -> int:
    tz = zone(TZ)
    ep = inp.endpoints[code]
    start = datetime.combine(FIRST, time(0), tzinfo=tz)
    until = start + timedelta(days=days)
    occ: list[list[float | int]] = []
    for s in inp.schedules:
        eps, _u = inp.resolve_targets(s.targets)
        if code not in eps:
            continue
        r = s.rule
        kw: dict[str, object] = {"dtstart": start.replace(tzinfo=None), "until": until.replace(tzinfo=None)}
        kw["byhour"] = [t.hour for t in r.times]
        kw["byminute"] = [t.minute for t in r.times]
        kw["bysecond"] = [0]
        if r.mode == "weekly":
            kw["byweekday"] = sorted(r.weekdays)
        if r.mode == "monthly":
            if r.month_day is not None:
                kw["bymonthday"] = r.month_day
            else:
                n, wd = r.nth_weekday  # type: ignore[misc]
                kw["byweekday"] = [rrule.weekday(wd)(n)]
        for dt in rrule.rrule(FREQ["daily" if r.mode == "daily" else r.mode], **kw):  # type: ignore[arg-type]
            if (dt.hour, dt.minute) not in {(t.hour, t.minute) for t in r.times}:
                continue
            local = dt.replace(tzinfo=tz)
            tier = s.priority or inp.playlists[s.playlist_id].tier
            hol = inp.holidays.rule_on(local.date())
            if hol and ((hol[0] == "no-broadcast" and tier >= 2) or (hol[0] == "priority-only" and tier >= 3)):
                continue
            if ep.quiet and ep.quiet.contains(local.time()) and tier >= 2:
                continue
            st_ = local.astimezone(UTC).timestamp()
            occ.append([st_, st_ + inp.playlists[s.playlist_id].duration_s, tier, s.id])
    # pairwise overlap check; a later overlapping one of equal or lower tier is pushed back
    occ.sort()
    for i in range(len(occ)):
        for j in range(len(occ)):
            if i != j and occ[i][0] < occ[j][1] and occ[j][0] < occ[i][1] and occ[j][0] >= occ[i][0] and occ[j][2] >= occ[i][2]:
                shift = occ[i][1] - occ[j][0]
                occ[j][0] += shift
                occ[j][1] += shift
    return len(occ)


def naive(inp: PlanInput, days: int, sample: int | None) -> tuple[float, int, int]:
    codes = sorted(inp.endpoints)
    chosen = codes if sample is None else codes[:: max(1, len(codes) // sample)][:sample]
    n = 0
    with Timer() as t:
        for c in chosen:
            n += naive_endpoint(inp, c, days)
    return t.seconds * len(codes) / len(chosen), n, len(chosen)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=2, help="endpoints the naive planner runs for 365 days")
    a = ap.parse_args()
    inp = build()
    print(f"input: {len(inp.endpoints)} endpoints, {len(inp.schedules)} schedules, {sum(len(v) for v in inp.holidays.days.values())} holidays")
    for days, sample in ((7, None), (365, a.sample)):
        gc.collect()
        t_ours, n, problems = ours(inp, days)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t_naive, _nn, used = naive(inp, days, sample)
        how = "all endpoints" if sample is None else f"{used} endpoints, scaled x{len(inp.endpoints) / used:.0f}"
        print(
            f"{days:3d} days: LoaXa {t_ours:7.2f} s ({n} occurrences, {problems} problems) | naive {t_naive:8.2f} s ({how}) | ratio {t_ours / t_naive:.3f} (target <= 0.2) | peak RSS {rss:.0f} MB"
        )


if __name__ == "__main__":
    _time.sleep(0)
    main()
