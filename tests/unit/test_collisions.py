"""Priorities and collisions, one worked example per rule (times in Asia/Ho_Chi_Minh).

A: a 10-minute normal programme at 05:30. B: another programme starting at 05:35 while A runs.
"""

from __future__ import annotations

from datetime import date, time

from tests.unit.plan_builder import Builder, local, local_end

DAY = date(2027, 3, 1)
T530, T535 = time(5, 30), time(5, 35)


def timeline(b: Builder) -> list[tuple[int | None, str, str, str | None, float]]:
    """(schedule, start, end, resolution, offset) of what airs, then what does not."""
    occ = b.plan(DAY)
    airing = [(o.schedule_id, local(o), local_end(o), o.resolution, round(o.offset)) for o in occ if o.airs]
    return airing + [(o.schedule_id, "-", "-", o.resolution, 0) for o in occ if not o.airs]


def base(b_policy: str = "next", *, b_tier: int = 3, a_tier: int = 3, on_preempt: str = "resume", wait_s: float = 0.0) -> Builder:
    b = Builder(quiet=None)
    b.playlist(1, 600, a_tier)
    b.playlist(2, 120, b_tier)
    b.schedule(1, 1, [T530], on_preempt=on_preempt)
    b.schedule(2, 2, [T535], collision=b_policy, wait_s=wait_s)
    return b


def test_cut_preempts_and_the_rest_resumes_afterwards() -> None:
    got = timeline(base("cut"))
    assert got == [
        (1, "05:30:00", "05:35:00", "preempted", 0),
        (2, "05:35:00", "05:37:00", None, 0),
        (1, "05:37:00", "05:42:00", "resumed", 300),  # continues where it was cut
    ]


def test_next_waits_for_the_running_one_to_end() -> None:
    b = base("next")
    got = timeline(b)
    assert got == [(1, "05:30:00", "05:40:00", None, 0), (2, "05:40:00", "05:42:00", "delayed", 0)]
    (delayed,) = [o for o in b.plan(DAY) if o.schedule_id == 2]
    assert [p.kind for p in delayed.problems] == ["overlap"]
    assert "300" in delayed.problems[0].message


def test_wait_skips_when_the_wait_would_be_too_long() -> None:
    assert timeline(base("wait", wait_s=120)) == [(1, "05:30:00", "05:40:00", None, 0), (2, "-", "-", "wait_exceeded", 0)]
    assert timeline(base("wait", wait_s=600))[1] == (2, "05:40:00", "05:42:00", "delayed", 0)


def test_emergency_preempts_whatever_its_policy() -> None:
    got = timeline(base("next", b_tier=1))
    assert got[0] == (1, "05:30:00", "05:35:00", "preempted", 0)
    assert got[1] == (2, "05:35:00", "05:37:00", None, 0)


def test_on_preempt_restart_and_drop() -> None:
    restart = timeline(base("next", b_tier=1, on_preempt="restart"))
    assert restart[2] == (1, "05:37:00", "05:47:00", "restarted", 0)  # the whole 10 minutes again
    drop = timeline(base("next", b_tier=1, on_preempt="drop"))
    assert drop == [(1, "05:30:00", "05:35:00", "preempted", 0), (2, "05:35:00", "05:37:00", None, 0)]


def test_priority_tier_beats_normal_even_with_next() -> None:
    got = timeline(base("next", b_tier=2))
    assert got[0][3] == "preempted" and got[1] == (2, "05:35:00", "05:37:00", None, 0)


def test_normal_during_priority_waits_even_with_cut() -> None:
    got = timeline(base("cut", a_tier=2, b_tier=3))
    assert got == [(1, "05:30:00", "05:40:00", None, 0), (2, "05:40:00", "05:42:00", "delayed", 0)]


def test_same_tier_same_instant_older_schedule_first() -> None:
    b = Builder()
    b.playlist(1, 60)
    b.playlist(2, 60)
    b.schedule(1, 2, [T530], collision="cut")  # older
    b.schedule(2, 1, [T530], collision="cut")
    assert timeline(b) == [(1, "05:30:00", "05:31:00", None, 0), (2, "05:31:00", "05:32:00", "delayed", 0)]


def test_chain_of_delays_keeps_order_by_tier_then_time() -> None:
    b = Builder()
    b.playlist(1, 600)
    b.playlist(2, 60, 3)
    b.playlist(3, 60, 2)
    b.schedule(1, 1, [T530])
    b.schedule(2, 2, [time(5, 32)], collision="next")
    b.schedule(3, 3, [time(5, 33)], collision="next")  # priority arrives later but preempts A
    got = timeline(b)
    assert got[0] == (1, "05:30:00", "05:33:00", "preempted", 0)
    assert got[1] == (3, "05:33:00", "05:34:00", None, 0)
    # A resumes before B: both normal, A was planned first
    assert got[2] == (1, "05:34:00", "05:41:00", "resumed", 180)
    assert got[3] == (2, "05:41:00", "05:42:00", "delayed", 0)


def test_endpoints_alike_share_a_timeline_and_others_do_not() -> None:
    """Timelines resolved once per group of alike endpoints equal those planned one by one."""
    from dataclasses import replace

    from schedules.planner import EndpointInfo, plan
    from schedules.timeutil import QuietHours, window_for_dates, zone

    b = base("cut")
    inp = b.input()
    inp.endpoints = {
        "ep": inp.endpoints["ep"],
        "ep2": replace(inp.endpoints["ep"], code="ep2"),
        "ep3": EndpointInfo("ep3", "Loa 3", "B", True, "mp3-64k-mono", "Asia/Ho_Chi_Minh", QuietHours(time(5, 0), time(5, 36))),
    }
    inp.area_endpoints = {"A": ("ep", "ep2", "ep3")}
    inp.schedules = [replace(s, targets=("A",)) for s in inp.schedules]
    start, end = window_for_dates(DAY, DAY, zone("Asia/Ho_Chi_Minh"))
    together = plan(inp, start, end)

    def summary(code: str, occ: list) -> list[tuple]:  # type: ignore[type-arg]
        return [(o.schedule_id, o.start, o.end, o.status, o.resolution, [p.kind for p in o.problems]) for o in occ if o.endpoint == code]

    for code in ("ep", "ep2", "ep3"):
        alone = plan(inp, start, end, target=code)
        assert summary(code, together.occurrences) == summary(code, alone.occurrences)
    assert summary("ep", together.occurrences) == summary("ep2", together.occurrences)
    assert summary("ep", together.occurrences) != summary("ep3", together.occurrences)  # its quiet hours differ
