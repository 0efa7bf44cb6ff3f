"""What people see at a given instant, with the time coming from a FixedClock (or a ``now``) and
not from the machine: backup names and dates, the restore's judgement of a running engine, the
calendar's stamps, a bundle's date, the outbox's receipts and the province simulator's clusters.
Every instant here is in 2027, after the machine's own time, so ignoring the clock shows."""

from __future__ import annotations

import asyncio
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from broadcast.httn.simulator import Faults, Province, make_app
from schedules import areas, backup, lease, outbox
from schedules.bundles import create_bundle
from schedules.clock import FixedClock
from schedules.errors import DeliveryError
from schedules.ics import write_ics
from schedules.models import HttnMessage, HttnState
from schedules.planner import load_input, plan
from schedules.workspace import Workspace
from tests.support.onair import add_items, commune, schedule_at

T0 = datetime(2027, 3, 1, 20, 0, tzinfo=UTC)  # 03:00 on 2 March in Hà Nội


def test_an_automatic_backup_is_named_and_dated_at_the_instant_it_is_made(ws: Workspace, tmp_path: Path) -> None:
    from schedules import settings

    with ws.session() as s:
        settings.set_value(s, "backup.folder", str(tmp_path / "usb"))
    made = backup.automatic(ws, T0)
    assert made.state == "made" and made.path is not None
    assert made.path.name == "loaxa-backup-20270301-200000.zip"
    assert backup.verify(made.path).manifest["created_at"] == "2027-03-01T20:00:00+00:00"
    assert backup.newest_automatic(tmp_path / "usb") == (made.path, T0)


def test_a_restore_is_refused_while_the_engine_beats_on_the_clock_and_goes_ahead_once_it_is_stale(ws: Workspace, tmp_path: Path) -> None:
    with ws.session() as s:
        areas.add_area(s, "X1", "Xã An Bình", "commune")
    path = backup.create(ws, tmp_path / "bk.zip", now=T0 - timedelta(hours=1)).path
    other = Workspace.open(tmp_path / "elsewhere")
    try:
        with other.session() as s:
            assert lease.acquire(s, "engine-x", "may-tram", 4242, T0)
        with pytest.raises(DeliveryError) as refused:
            backup.restore(other, path, force=True, clock=FixedClock(T0 + timedelta(seconds=lease.STALE_S - 1)))
        assert "may-tram" in refused.value.message and "4242" in refused.value.message
        with other.sessions() as s:
            assert lease.read(s, T0).holder == "engine-x"  # nothing was touched
        # the same heartbeat, judged a little later: the engine is gone, the restore goes ahead
        done = backup.restore(other, path, force=True, clock=FixedClock(T0 + timedelta(seconds=lease.STALE_S + 1)))
        assert done["created_at"] == "2027-03-01T19:00:00+00:00"  # what the restore tells the operator
    finally:
        other.close()
    again = Workspace.open(tmp_path / "elsewhere")
    try:
        with again.sessions() as s:
            assert [a.code for _depth, a in areas.list_areas(s)] == ["X1"]
            assert not lease.read(s, T0).alive  # the backup's own (empty) lease came back
    finally:
        again.close()


def test_the_calendar_is_stamped_with_the_time_it_was_written(ws: Workspace, tmp_path: Path) -> None:
    commune(ws, ("loa1", (tmp_path / "out").as_uri()))
    [item] = add_items(ws, tmp_path, (1.0, 440))
    schedule_at(ws, [item], "loa1", T0 + timedelta(days=1))
    schedule_at(ws, [item], "loa1", T0 + timedelta(days=2, minutes=30))
    with ws.sessions() as s:
        inp = load_input(s)
    p = plan(inp, T0, T0 + timedelta(days=3))
    written = FixedClock(T0 + timedelta(minutes=5, seconds=7))
    write_ics(tmp_path / "lich.ics", p, inp, now=written.now())
    lines = (tmp_path / "lich.ics").read_bytes().decode("utf-8").split("\r\n")
    assert [ln for ln in lines if ln.startswith("DTSTART:")] == ["DTSTART:20270302T200000Z", "DTSTART:20270303T203000Z"]
    assert [ln for ln in lines if ln.startswith("DTSTAMP:")] == ["DTSTAMP:20270301T200507Z"] * 2


def test_a_bundle_carries_the_instant_it_was_made(ws: Workspace, tmp_path: Path) -> None:
    [item] = add_items(ws, tmp_path, (1.0, 440))
    made = FixedClock(datetime(2027, 3, 1, 20, 0, 30, 999, tzinfo=UTC))
    out = create_bundle(ws, tmp_path / "b.loaxa", item_ids=[item], issuer_code="H1", now=made.now())
    with zipfile.ZipFile(out["path"]) as z:
        doc = json.loads(z.read("manifest.json"))
        dates = {zi.date_time for zi in z.infolist()}
    assert doc["created_at"] == "2027-03-01T20:00:30+00:00"
    local = made.now().astimezone()  # ZIP entries are dated in this machine's local time
    assert dates == {(local.year, local.month, local.day, local.hour, local.minute, local.second & ~1)}


def test_a_receipt_to_the_province_is_timed_and_due_at_the_clocks_instant(ws: Workspace) -> None:
    clock = FixedClock(T0)
    with ws.session() as s:
        outbox.receipt(s, "T-17", False, "Thiếu tệp âm thanh", clock=clock)
    clock.advance(90)
    with ws.session() as s:
        outbox.note(s, "last_pull", {"n": 1}, clock=clock)
    with ws.sessions() as s:
        msg = s.scalars(select(HttnMessage)).one()
        assert (msg.created_at, msg.next_attempt_at) == (T0, T0)
        assert msg.payload["ThoiDiemBatDau"] == "2027-03-01T20:00:00+00:00"
        assert msg.payload["GiaTri"] == 0 and msg.payload["MoTa"] == "Thiếu tệp âm thanh"
        assert outbox.status(s)["oldest_waiting"]["created_at"] == "2027-03-01T20:00:00+00:00"
        pulled = s.get(HttnState, "last_pull")
        assert pulled is not None and pulled.updated_at == T0 + timedelta(seconds=90)


def test_the_simulated_province_plays_its_clusters_at_the_clocks_time(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2027, 3, 2, 0, 59, tzinfo=UTC))  # 07:59 in Hà Nội
    province = Province(tmp_path / "sim", user="xa", password="matkhau", faults=Faults(), clock=clock)
    bantin = {
        "NguonId": "X1",
        "BanTinId": "S1-I1",
        "TieuDe": "Thông báo",
        "LinhVuc": 1,
        "LoaiBanTin": 1,
        "MucDoUuTien": 3,
        "ThoiLuong": 60,
        "NoiDung": {"Link": "http://127.0.0.1/x.mp3"},
        "LichPhat": {"ThoiDiemBatDau": ["08:00:00"]},
        "NgayBatDau": "2027-03-02",
        "DanhSachDiaBanNhan": ["X1"],
        "DanhSachCumLoa": ["CL-1"],
    }

    async def talk() -> list[dict[str, Any]]:
        async with TestClient(TestServer(make_app(province))) as c:
            token = (await (await c.post("/login", json={"Username": "xa", "Password": "matkhau"})).json())["NoiDung"]["Token"]
            assert (await c.post("/bantin", json=bantin, headers={"Authorization": f"Bearer {token}"})).status == 200
            views = [await (await c.get("/_sim/received")).json()]
            clock.advance(120)  # 08:01
            views.append(await (await c.get("/_sim/received")).json())
            return views

    before, after = asyncio.run(talk())
    assert before["messages"][0]["first_at"] == "2027-03-02T00:59:00+00:00"
    assert before["cluster_logs"] == []  # 07:59: not yet
    assert [(x["CumLoaId"], x["ThoiDiemBatDau"]) for x in after["cluster_logs"]] == [("CL-1", "2027-03-02T08:00:00+07:00")]


def test_status_judges_the_lease_by_the_takeover_setting(ws: Any) -> None:
    """`loaxa status`, the window and restore call an engine running while its heartbeat is
    younger than `engine.takeover_s`, as the standby does, not by a fixed 8 s."""
    from datetime import UTC, datetime, timedelta

    from schedules import lease, settings

    t0 = datetime(2027, 3, 1, 6, 0, tzinfo=UTC)
    with ws.session() as s:
        assert lease.acquire(s, "engine-a", "pc-a", 1234, t0)
    with ws.session() as s:
        assert not lease.read(s, t0 + timedelta(seconds=12)).alive, "default: free after 8 s"
        settings.set_value(s, "engine.takeover_s", 20.0)
    with ws.session() as s:
        assert lease.read(s, t0 + timedelta(seconds=12)).alive
        assert not lease.read(s, t0 + timedelta(seconds=21)).alive
