"""Endpoint status kept as intervals and engine runs kept from the lease, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from schedules import availability, lease
from schedules.areas import add_area
from schedules.models import Endpoint, EndpointStatusInterval, EngineLease, EngineUptime

T0 = datetime(2027, 3, 1, 0, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def setup(ws: Any) -> None:
    with ws.session() as s:
        add_area(s, "X1", "Xã Một", "commune")
        s.add(Endpoint(code="E1", name="Loa 1", area_code="X1", url="http://h/e1"))
        s.add(Endpoint(code="E2", name="Loa 2", area_code="X1", url="http://h/e2"))
        if s.get(EngineLease, 1) is None:
            s.add(EngineLease(id=1))


def test_status_changes_become_intervals_and_repeats_cost_nothing(ws: Any) -> None:
    setup(ws)
    with ws.session() as s:
        assert lease.acquire(s, "eng-a", "pc", 1, at(0))
    for minute, online in [
        (0, True),
        (1, True),
        (2, True),
        (10, False),
        (11, False),
        (30, True),
        (31, True),
    ]:
        with ws.session() as s:
            availability.note_endpoint_status(s, "E1", online, at(minute), None if online else "refused")
            lease.heartbeat(s, "eng-a", at(minute))
    with ws.session() as s:
        rows = s.execute(
            select(
                EndpointStatusInterval.status,
                EndpointStatusInterval.since,
                EndpointStatusInterval.until,
                EndpointStatusInterval.error,
            ).order_by(EndpointStatusInterval.since)
        ).all()
        assert [(r.status, r.since, r.until, r.error) for r in rows] == [
            ("online", at(0), at(10), None),
            ("offline", at(10), at(30), "refused"),
            ("online", at(30), None, None),
        ]
        # an older check arriving late does not rewrite history
        availability.note_endpoint_status(s, "E1", False, at(20), "late")
        assert s.scalar(select(func.count()).select_from(EndpointStatusInterval)) == 3
        av = availability.endpoint_availability(s, ["E1", "E2"], at(0), at(60), now=at(60))
        # the engine's last heartbeat was at minute 31: after it (+ slack) nothing is known
        up_end = 31 * 60 + availability.BEAT_SLACK_S
        assert av["E1"].online_s == 10 * 60 + (up_end - 30 * 60)
        assert av["E1"].offline_s == 20 * 60
        assert av["E1"].unknown_s == 3600 - av["E1"].online_s - av["E1"].offline_s
        assert av["E2"].share is None and av["E2"].unknown_s == 3600


def test_unknown_closes_the_open_interval(ws: Any) -> None:
    setup(ws)
    with ws.session() as s:
        availability.note_endpoint_status(s, "E2", False, at(0), "timeout")
        availability.note_endpoint_status(s, "E2", None, at(5), None)
        availability.note_endpoint_status(s, "E2", None, at(6), None)
        rows = s.execute(select(EndpointStatusInterval.since, EndpointStatusInterval.until)).all()
        assert [(r.since, r.until) for r in rows] == [(at(0), at(5))]


def test_engine_runs_from_the_lease_crash_and_clean_stop(ws: Any) -> None:
    setup(ws)
    with ws.session() as s:
        assert lease.acquire(s, "eng-a", "pc", 1, at(0))
        availability.note_endpoint_status(s, "E1", True, at(0), None)
    for m in range(1, 11):
        with ws.session() as s:
            assert lease.heartbeat(s, "eng-a", at(m))
    # eng-a crashes after minute 10; eng-b takes the stale lease at minute 40
    with ws.session() as s:
        assert not lease.acquire(s, "eng-b", "pc", 2, at(10.1))
        assert lease.acquire(s, "eng-b", "pc", 2, at(40))
        assert not lease.heartbeat(s, "eng-a", at(41))
        assert lease.heartbeat(s, "eng-b", at(50))
        lease.release(s, "eng-b", at(55))
    with ws.session() as s:
        runs = s.execute(
            select(
                EngineUptime.holder,
                EngineUptime.started_at,
                EngineUptime.last_beat_at,
                EngineUptime.ended_at,
            ).order_by(EngineUptime.id)
        ).all()
        assert [tuple(r) for r in runs] == [
            ("eng-a", at(0), at(10), at(10)),
            ("eng-b", at(40), at(55), at(55)),
        ]
        up = availability.engine_up(s, at(0), at(60), now=at(60))
        assert up == [(at(0), at(10)), (at(40), at(55))]
        down = availability.complement(up, at(0), at(60))
        assert availability.seconds(down) == (30 + 5) * 60
        # a clean stop closes the endpoints' open intervals: status unknown from then on
        assert s.scalar(select(func.count()).select_from(EndpointStatusInterval).where(EndpointStatusInterval.until.is_(None))) == 0


def test_many_statuses_at_once_keep_the_same_history_as_one_by_one(ws: Any, tmp_path: Any) -> None:
    """The engine writes a batch of status changes in three statements (a server's mounts going
    down together); the intervals are exactly those of writing them one by one, an endpoint that
    changes twice within a batch and a late, older check included."""
    from schedules.workspace import Workspace

    changes: list[tuple[str, bool | None, datetime, str | None]] = [
        ("E1", True, at(0), None),
        ("E2", True, at(0), None),
        ("E1", False, at(1), "refused"),
        ("E1", True, at(2), None),  # twice within one batch
        ("E2", None, at(3), None),  # unknown: closes it
        ("E2", False, at(4), "timeout"),
        ("E1", False, at(1.5), "older"),  # an older check arriving late changes nothing
        ("E1", True, at(5), None),  # no change
    ]
    other = Workspace.open(tmp_path / "one-by-one")
    for w in (ws, other):
        setup(w)
    with ws.session() as s:
        availability.note_endpoint_statuses(s, changes[:1])  # the open interval comes from the database...
    with ws.session() as s:
        availability.note_endpoint_statuses(s, changes[1:])  # ...and from within the batch
    for change in changes:
        with other.session() as s:
            availability.note_endpoint_status(s, *change)

    def history(w: Any) -> list[tuple[Any, ...]]:
        with w.sessions() as s:
            q = select(
                EndpointStatusInterval.endpoint_code,
                EndpointStatusInterval.status,
                EndpointStatusInterval.since,
                EndpointStatusInterval.until,
                EndpointStatusInterval.error,
            ).order_by(EndpointStatusInterval.endpoint_code, EndpointStatusInterval.since)
            return [tuple(r) for r in s.execute(q)]

    assert history(ws) == history(other)
    assert history(ws) == [
        ("E1", "online", at(0), at(1), None),
        ("E1", "offline", at(1), at(2), "refused"),
        ("E1", "online", at(2), None, None),
        ("E2", "online", at(0), at(3), None),
        ("E2", "offline", at(4), None, "timeout"),
    ]
    other.close()
