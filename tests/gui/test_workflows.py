"""One test per main workflow, driven through the widgets of the real window (offscreen),
over a real database with the demo content."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from schedules.models import Command, Item, Playlist, Schedule
from schedules.timeutil import zone
from schedules.workspace import Workspace

TZ = zone("Asia/Ho_Chi_Minh")


def titles(model: Any) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_import_a_clip_and_see_it_in_the_library(qtbot: Any, window: Any, make_audio: Callable[..., Path]) -> None:
    page = window.library
    window.show_page("library")
    clip = make_audio("Thông báo mới.mp3", seconds=2)
    with qtbot.waitSignal(page.imported, timeout=30000) as got:
        page.start_import([str(clip)])
    assert len(got.args[0].added) == 1
    qtbot.waitUntil(lambda: "Thông báo mới" in titles(page.model), timeout=10000)
    assert "1" in page.hint.text()
    page.search.setText("thong bao moi")
    qtbot.waitUntil(lambda: titles(page.model) == ["Thông báo mới"], timeout=10000)


def test_approve_a_draft(qtbot: Any, window: Any, demo_ws: Workspace, make_audio: Callable[..., Path]) -> None:
    page = window.library
    with qtbot.waitSignal(page.imported, timeout=30000):
        page.start_import([str(make_audio("Nháp.mp3", seconds=2))])
    qtbot.waitUntil(lambda: "Nháp" in titles(page.model), timeout=10000)
    with demo_ws.sessions() as s:
        item_id = s.scalars(select(Item.id).where(Item.title == "Nháp")).one()
    assert page.select_id(item_id)
    qtbot.waitUntil(lambda: page.approve_button.isEnabled(), timeout=5000)
    page.approve_selected(by="Chủ tịch UBND xã")
    qtbot.waitUntil(lambda: page.current is not None and page.current["state"] == "approved", timeout=10000)
    with demo_ws.sessions() as s:
        item = s.get(Item, item_id)
        assert item is not None and (item.state, item.approved_by) == ("approved", "Chủ tịch UBND xã")
    assert "Chủ tịch UBND xã" in page.detail.text()


def test_build_a_playlist(qtbot: Any, window: Any, demo_ws: Workspace) -> None:
    page = window.playlists
    window.show_page("playlists")
    with demo_ws.sessions() as s:
        ids = list(s.scalars(select(Item.id).order_by(Item.id)))[:2]
    page.new_playlist("Chương trình chiều")
    qtbot.waitUntil(lambda: "Chương trình chiều" in page.title.text(), timeout=10000)
    page.insert_items(ids, 0)
    page.insert_items(ids[:1], 1)  # the first item again, in the middle

    def stored() -> list[int | None]:
        with demo_ws.sessions() as s:
            pl = s.scalars(select(Playlist).where(Playlist.name == "Chương trình chiều")).one()
            return [e.item_id for e in pl.entries]

    qtbot.waitUntil(lambda: stored() == [ids[0], ids[0], ids[1]], timeout=10000)
    qtbot.waitUntil(lambda: page.entry_list.count() == 3, timeout=10000)
    assert ":" in page.total.text()


def test_schedule_shows_its_block_and_warns_of_an_overlap(qtbot: Any, window: Any, demo_ws: Workspace) -> None:
    page = window.schedule
    window.show_page("schedule")
    qtbot.waitUntil(lambda: page.target.count() > 0 and page.editor.playlist.count() > 0, timeout=10000)
    page.target.setCurrentIndex(page.target.findData("loa-thon-dong"))
    day = date.today() + timedelta(days=1)
    page.monday = day - timedelta(days=day.weekday())
    ed = page.editor
    ed.targets.setText("loa-thon-dong")
    ed.mode.setCurrentIndex(3)  # once
    ed.once.setDate(day)
    ed.times.setText("07:00")
    page.refresh()
    qtbot.waitUntil(lambda: any(b.preview and b.label.startswith("07:00") for b in page.week.blocks), timeout=10000)
    assert "⚠" not in page.problems.item(0).text()
    with qtbot.waitSignal(page.saved, timeout=10000) as saved:
        page.save()
    sid = saved.args[0]
    qtbot.waitUntil(lambda: any(b.schedule_id == sid and b.label.startswith("07:00") for b in page.week.blocks), timeout=10000)
    # a second one a few seconds later overlaps the first: the planner says so before saving
    page.new_schedule()
    ed.targets.setText("loa-thon-dong")
    ed.times.setText("07:00:10")
    page.refresh()
    qtbot.waitUntil(lambda: "⚠" in page.problems.item(0).text(), timeout=10000)  # the overlap shows before saving
    with demo_ws.sessions() as s:
        assert len(list(s.scalars(select(Schedule)))) == 3  # the demo's two and the one saved
    # quiet hours: 22:00 is refused unless overridden, and the editor says why
    ed.times.setText("22:00")
    page.refresh()
    qtbot.waitUntil(lambda: any("21:00-05:00" in page.problems.item(i).text() for i in range(page.problems.count())), timeout=10000)


def _accept_next_message_box(qtbot: Any) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(QMessageBox.StandardButton.Yes).click()
        else:
            QTimer.singleShot(50, click)

    QTimer.singleShot(50, click)


def test_emergency_broadcast_needs_a_confirmation(qtbot: Any, window: Any, demo_ws: Workspace) -> None:
    window.emergency()
    dlg = window.emergency_dialog
    qtbot.waitUntil(lambda: dlg.item.count() > 0, timeout=10000)
    storm = dlg.item.findText("Bản tin phòng chống lụt bão")
    dlg.item.setCurrentIndex(storm)
    dlg.to_area.setChecked(True)
    dlg.area.setCurrentIndex(dlg.area.findData("X9901-DONG"))
    text = dlg.impact_text()
    assert "Cụm loa thôn Đông" in text and "Cụm loa thôn Tây" not in text
    _accept_next_message_box(qtbot)
    with qtbot.waitSignal(dlg.sent, timeout=10000) as got:
        qtbot.mouseClick(dlg.send_button, Qt.MouseButton.LeftButton)
    with demo_ws.sessions() as s:
        cmd = s.get(Command, got.args[0])
        assert cmd is not None and cmd.kind == "broadcast" and cmd.payload["priority"] == 1
        assert cmd.payload["targets"] == ["X9901-DONG"]


def test_emergency_broadcast_of_a_recording_from_the_microphone(qtbot: Any, window: Any, demo_ws: Workspace) -> None:
    """The chairman speaks into the PC's microphone (here PulseAudio's 440 Hz sine source): the
    recording becomes the emergency content, is imported and approved, and goes to the engine."""
    import re
    import subprocess

    from tests.conftest import have, probe_duration

    window.emergency()
    dlg = window.emergency_dialog
    qtbot.waitUntil(lambda: dlg.item.count() > 0, timeout=10000)
    qtbot.mouseClick(dlg.record_button, Qt.MouseButton.LeftButton)

    def two_seconds() -> None:  # the clock runs while it records ("● … 2 s …" / "● … 2 giây …")
        m = re.search(r"● \D*(\d+)", dlg.record_label.text())
        assert m and int(m.group(1)) >= 2, dlg.record_label.text()

    qtbot.waitUntil(two_seconds, timeout=10000)
    with qtbot.waitSignal(dlg.recorded, timeout=15000) as got:
        qtbot.mouseClick(dlg.record_button, Qt.MouseButton.LeftButton)  # Stop recording
    path = Path(got.args[0])
    assert path.is_file(), dlg.record_label.text()
    assert dlg.use_file.isChecked() and dlg.file.text() == str(path)
    assert 1.5 <= probe_duration(path) <= 6.0
    meter = subprocess.run(
        [have("ffmpeg"), "-nostdin", "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128", "-f", "null", "-"], capture_output=True, text=True
    )
    lufs = float(re.findall(r"I:\s+(-?[\d.]+) LUFS", meter.stderr)[-1])
    assert lufs > -40, f"the tone was recorded, not silence ({lufs} LUFS)"

    _accept_next_message_box(qtbot)
    with qtbot.waitSignal(dlg.sent, timeout=30000) as sent:
        qtbot.mouseClick(dlg.send_button, Qt.MouseButton.LeftButton)
    with demo_ws.sessions() as s:
        cmd = s.get(Command, sent.args[0])
        assert cmd is not None and cmd.kind == "broadcast" and cmd.payload["priority"] == 1
        (item_id,) = cmd.payload["item_ids"]
        item = s.get(Item, item_id)
        assert item is not None and item.state == "approved" and 1.0 <= item.duration_s <= 6.0


def test_recording_without_a_microphone_says_so(qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PULSE_SERVER", "unix:/nonexistent/pulse")  # no sound server: no microphone
    window.emergency()
    dlg = window.emergency_dialog
    with qtbot.waitSignal(dlg.recorded, timeout=15000) as got:
        qtbot.mouseClick(dlg.record_button, Qt.MouseButton.LeftButton)
    assert got.args[0] == "" and not dlg.use_file.isChecked() and dlg.file.text() == ""
    assert "micrô" in dlg.record_label.text() and len(dlg.record_label.text()) > len("Không ghi âm được từ micrô: ")
    assert not list((window.ws.data_dir / "recordings").glob("*.wav")), "no half-written recording is left"


def test_models_pass_the_model_tester(qtmodeltester: Any, qtbot: Any, window: Any) -> None:
    with qtbot.waitSignal(window.library.model.loaded, timeout=10000):
        window.library.refresh()
    qtmodeltester.check(window.library.model, force_py=True)
    with qtbot.waitSignal(window.runs.model.loaded, timeout=10000):
        window.runs.refresh()
    qtmodeltester.check(window.runs.model, force_py=True)


def test_dates_read_the_vietnamese_way(window: Any) -> None:
    assert window.today.title.text().startswith("Hôm nay, ")
    today = datetime.now(TZ).date()
    assert today.strftime("%d/%m/%Y") in window.today.title.text()


def test_start_the_engine_from_today_and_see_the_airing_turn_green(qtbot: Any, window: Any, demo_ws: Workspace, monkeypatch: Any) -> None:
    from desktop import engine_process
    from desktop.gui.pages.today import GREEN
    from schedules import scheduling

    for k, v in {"LOAXA_ENGINE_POLL_S": "0.1", "LOAXA_ENGINE_HEARTBEAT_S": "0.5", "LOAXA_ENGINE_HOLD_S": "1"}.items():
        monkeypatch.setenv(k, v)
    at = (datetime.now(TZ) + timedelta(seconds=8)).replace(microsecond=0)
    from schedules import playlists

    with demo_ws.session() as s:
        short = s.scalars(select(Item.id).where(Item.title == "Tuyên truyền an toàn giao thông")).one()
        pl = playlists.create_playlist(s, "Ngắn", [short])
        sched = scheduling.add_schedule(
            s,
            playlist_id=pl.id,
            targets=["loa-thon-dong"],
            times=at.strftime("%H:%M:%S"),
            once=at.strftime("%Y-%m-%d"),
            override_quiet_hours="kiểm thử",
        )
        sid = sched.id
    today = window.today
    qtbot.waitUntil(lambda: today.start_button.isEnabled(), timeout=10000)
    qtbot.mouseClick(today.start_button, Qt.MouseButton.LeftButton)
    try:
        qtbot.waitUntil(lambda: today.stop_button.isEnabled(), timeout=20000)  # the heartbeat shows

        def green_row() -> bool:
            m = today.model
            for r in range(m.rowCount()):
                row = m.rows[r]
                if row.schedule_id == sid and row.status == "completed":
                    return m.index(r, 4).data(Qt.ItemDataRole.BackgroundRole).color() == GREEN
            return False

        qtbot.waitUntil(green_row, timeout=60000)
    finally:
        engine_process.request_shutdown(demo_ws, "test")
        qtbot.waitUntil(lambda: not engine_process.status(demo_ws).alive, timeout=20000)
        for proc in engine_process._started:
            proc.wait(20)
    from schedules.endpoints import get_endpoint, parse_url

    with demo_ws.sessions() as s:
        folder = parse_url(get_endpoint(s, "loa-thon-dong").url).folder()
    stamp = at.strftime("%Y%m%dT%H%M%S")
    out = [p for p in folder.glob("*.mp3") if stamp in p.name]
    assert out and out[0].stat().st_size > 10000


def test_settings_turn_on_the_daily_backup(qtbot: Any, window: Any, demo_ws: Workspace, tmp_path: Path) -> None:
    from schedules import backup, settings

    page = window.settings_page
    window.show_page("settings")
    qtbot.waitUntil(lambda: page.values != {}, timeout=10000)
    assert page.backup_folder.text() == "" and page.backup_keep.value() == 7
    page.backup_folder.setText(str(tmp_path / "usb"))
    page.backup_keep.setValue(3)
    with qtbot.waitSignal(page.saved, timeout=10000):
        page.save()
    with demo_ws.sessions() as s:
        assert (settings.get(s, "backup.folder"), settings.get(s, "backup.keep")) == (str(tmp_path / "usb"), 3)
    # the engine's round then writes into that folder
    assert backup.automatic(demo_ws, datetime.now(TZ)).state == "made"
    assert len(list((tmp_path / "usb").glob("loaxa-backup-*.zip"))) == 1


def test_settings_quiet_hours_of_an_area(qtbot: Any, window: Any, demo_ws: Workspace) -> None:
    """The operator picks an area and says: as the area above, none, or from … to …; the page
    shows what is in effect in words, never the stored codes."""
    from sqlalchemy import select

    from schedules.models import Area

    page = window.settings_page
    window.show_page("settings")
    qtbot.waitUntil(lambda: page.values != {}, timeout=10000)

    def stored(code: str) -> str | None:
        with demo_ws.sessions() as s:
            return s.scalar(select(Area.quiet_hours).where(Area.code == code))

    page.area.setCurrentIndex(page.area.findData("X9901-DONG"))
    assert page.quiet_mode.currentData() == "inherit" and not page.quiet.isEnabled()
    assert "inherit" not in page.quiet_effective.text() and "–" in page.quiet_effective.text()

    page.quiet_mode.setCurrentIndex(page.quiet_mode.findData("range"))
    assert page.quiet.isEnabled()
    page.quiet.setText("21:30-05:00")
    page.apply_quiet()
    qtbot.waitUntil(lambda: stored("X9901-DONG") == "21:30-05:00", timeout=10000)
    qtbot.waitUntil(lambda: "21:30–05:00" in page.quiet_effective.text(), timeout=10000)

    page.quiet_mode.setCurrentIndex(page.quiet_mode.findData("none"))
    page.apply_quiet()
    qtbot.waitUntil(lambda: stored("X9901-DONG") == "none", timeout=10000)

    page.quiet_mode.setCurrentIndex(page.quiet_mode.findData("inherit"))
    page.apply_quiet()
    qtbot.waitUntil(lambda: stored("X9901-DONG") is None, timeout=10000)
