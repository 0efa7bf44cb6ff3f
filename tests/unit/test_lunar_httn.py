"""A lunar schedule reaches the province interface (which has no lunar rule) as its solar dates."""

from __future__ import annotations

from datetime import date

from schedules.models import Schedule
from schedules.outbox import lich_phat


def test_lunar_schedule_is_announced_as_its_solar_dates() -> None:
    sched = Schedule(mode="lunar", monthly="1,15", times=["06:00:00"], start_date=date(2027, 2, 1), end_date=date(2027, 3, 31), repeat=1, repeat_gap_s=0.0)
    lp = lich_phat(sched, 0.0, 60.0, 60.0)
    assert lp["CheDoPhat"] == 1
    assert lp["LichPhat"]["DanhSachNgayPhat"] == ["2027-02-06", "2027-02-20", "2027-03-08", "2027-03-22"]
