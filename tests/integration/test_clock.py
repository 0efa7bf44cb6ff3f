"""Domain code that depends on the time reads it from a clock it is given: with a FixedClock the
tests say exactly when things happen (no sleeping, no "within a second of now")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from broadcast import importer
from schedules import areas, endpoints, lease, library
from schedules.clock import FixedClock
from schedules.engine_store import STATUS_STALE_S
from schedules.models import Endpoint, Item
from schedules.workspace import Workspace

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội


def _status(ws: Workspace, clock: FixedClock) -> tuple[str, int | None]:
    with ws.sessions() as s:
        (ep,) = endpoints.overview(s, clock.now())["endpoints"]["X1"]
    return ep["status"], ep["checked_s_ago"]


def test_an_endpoint_reads_online_until_its_last_check_is_old_on_the_clock(ws: Workspace, tmp_path: Path) -> None:
    clock = FixedClock(T0)
    with ws.session() as s:
        areas.add_area(s, "X1", "Xã Một", "commune")
        endpoints.add_endpoint(s, "loa1", "Loa 1", "X1", (tmp_path / "out").as_uri())
        s.flush()
        ep = s.scalars(select(Endpoint).where(Endpoint.code == "loa1")).one()
        ep.status, ep.last_checked = "online", clock.now()
        assert lease.acquire(s, "engine-1", "pc", 4242, clock.now())

    def beat() -> None:  # the engine is alive at the clock's time
        with ws.session() as s:
            assert lease.heartbeat(s, "engine-1", clock.now())

    clock.advance(60)
    beat()
    assert _status(ws, clock) == ("online", 60)
    clock.advance(STATUS_STALE_S - 60 + 1)  # three checks missed: nobody knows any more
    beat()
    assert _status(ws, clock) == ("unknown", int(STATUS_STALE_S) + 1)
    # with the last check fresh but no engine heartbeat for a while, the status is unknown too
    with ws.session() as s:
        s.scalars(select(Endpoint)).one().last_checked = clock.now()
    assert _status(ws, clock) == ("online", 0)
    clock.advance(lease.STALE_S + 1)
    assert _status(ws, clock)[0] == "unknown"


def test_approval_and_state_changes_carry_the_clocks_time(ws: Workspace, make_audio: Callable[..., Path]) -> None:
    report = importer.import_files(ws, [make_audio("Thông báo.mp3", seconds=1)], actor="test")
    item_id = int(report.added[0]["id"])
    clock = FixedClock(T0)
    with ws.session() as s:
        library.approve(s, item_id, "Chủ tịch UBND xã", clock=clock)
    clock.advance(90)
    with ws.session() as s:
        library.retire(s, item_id, "test", clock=clock)
    with ws.sessions() as s:
        item = s.get(Item, item_id)
        assert item is not None
        # SQLite gives the instants back without their zone: compare as UTC
        assert item.approved_at is not None and item.approved_at.replace(tzinfo=UTC) == T0
        assert item.state_changed_at is not None and item.state_changed_at.replace(tzinfo=UTC) == T0 + timedelta(seconds=90)
    clock.advance(30)
    with ws.session() as s:
        assert library.restore(s, item_id, "test", clock=clock).state == "approved"  # the approval it had, kept
    with ws.sessions() as s:
        item = s.get(Item, item_id)
        assert item is not None and item.state_changed_at is not None
        assert (item.state_changed_at.replace(tzinfo=UTC), item.approved_at and item.approved_at.replace(tzinfo=UTC)) == (T0 + timedelta(seconds=120), T0)


def test_an_open_lunar_schedule_is_announced_from_todays_date_in_vietnam() -> None:
    """At 20:00 UTC on 6 February 2027 it is already the 7th in Vietnam: the 1st of the lunar
    year (the 6th) is past there and is not announced; the 15th (the 20th) comes first."""
    from datetime import date

    from schedules.models import Schedule
    from schedules.outbox import lich_phat

    sched = Schedule(mode="lunar", monthly="1,15", times=["06:00:00"], start_date=None, end_date=None, repeat=1, repeat_gap_s=0.0)
    days = lich_phat(sched, 0.0, 60.0, 60.0, clock=FixedClock(datetime(2027, 2, 6, 20, 0, tzinfo=UTC)))["LichPhat"]["DanhSachNgayPhat"]
    assert days[:2] == ["2027-02-20", "2027-03-08"]
    assert date.fromisoformat(days[-1]) <= date(2028, 2, 8)  # a year ahead of the 7th, not more
    # at 16:00 UTC it is 23:00 on the 6th in Vietnam: the 6th is still announced
    days = lich_phat(sched, 0.0, 60.0, 60.0, clock=FixedClock(datetime(2027, 2, 6, 16, 0, tzinfo=UTC)))["LichPhat"]["DanhSachNgayPhat"]
    assert days[0] == "2027-02-06"


def test_a_command_ends_and_is_cancelled_at_the_clocks_time(ws: Workspace) -> None:
    from schedules import commands
    from schedules.models import Command

    clock = FixedClock(T0)
    with ws.session() as s:
        done = commands.enqueue(s, "reload", {}, by="test").id
        waiting = commands.enqueue(s, "reload", {}, by="test").id
    with ws.session() as s:
        commands.finish(s, done, "done", {"ok": True}, clock=clock)
    clock.advance(5)
    with ws.session() as s:
        assert commands.cancel_if_pending(s, waiting, clock=clock)
        assert not commands.cancel_if_pending(s, done, clock=clock)  # it had ended: nothing to cancel
    with ws.sessions() as s:
        ended = {c.id: (c.state, c.finished_at and c.finished_at.replace(tzinfo=UTC)) for c in s.scalars(select(Command))}
    assert ended == {done: ("done", T0), waiting: ("cancelled", T0 + timedelta(seconds=5))}
