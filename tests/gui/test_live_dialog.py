"""Phát trực tiếp in the real window, with the engine running (in a thread of this process): the
dialog lists the microphones (PulseAudio's sine source is one), goes on air with a file read in
real time as the microphone, shows the banner and the level, stops on "Dừng", and the as-run
record and the recording item exist; a silent microphone is refused in Vietnamese."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select

from schedules.asrun import reason_text
from schedules.models import AsRunRecord, Item
from tests.support.live_audio import microphone_file
from tests.support.onair import engine_running


def open_dialog(qtbot: Any, window: Any) -> Any:
    window.show_page("today")
    assert window.today.live_button.isVisible()
    qtbot.mouseClick(window.today.live_button, Qt.MouseButton.LeftButton)
    dlg = window.live_dialog
    with qtbot.waitSignal(dlg.loaded, timeout=10000):
        pass
    return dlg


def first_endpoint(window: Any) -> str:
    return str(window.live_dialog.choices["endpoints"][0][0])


def test_go_live_see_the_level_and_stop(qtbot: Any, window: Any, tmp_path: Path) -> None:
    dlg = open_dialog(qtbot, window)
    assert dlg.windowTitle() == "Phát trực tiếp"
    devices = [dlg.device.itemData(i) for i in range(dlg.device.count())]
    assert devices[0] == ""  # the system's microphone first
    listed = subprocess.run(["pactl", "list", "short", "sources"], capture_output=True, text=True).stdout
    if "loaxa_test_mic" in listed:  # the session's PulseAudio (shared by concurrent test runs) is up
        assert "loaxa_test_mic" in devices, devices  # PulseAudio's sine source is a microphone
    assert not [d for d in devices if d.endswith(".monitor")], devices  # monitors are not microphones
    code = first_endpoint(window)
    dlg.check_target(code)
    dlg.use_file.setChecked(True)
    dlg.file.setText(str(microphone_file(tmp_path, onset_s=2.0, mark_s=20.0)))
    ws = window.hub.ws
    with engine_running(ws):
        with qtbot.waitSignal(dlg.on_air, timeout=20000) as got:
            qtbot.mouseClick(dlg.start_button, Qt.MouseButton.LeftButton)
        assert [x["endpoint"] for x in got.args[0]["started"]] == [code]
        assert dlg.banner.isVisible() and dlg.banner.text() == "● ĐANG PHÁT TRỰC TIẾP"
        assert dlg.stop_button.isEnabled() and not dlg.start_button.isEnabled()
        qtbot.waitUntil(lambda: dlg.meter.value() > -30, timeout=8000)  # the tone, near full scale

        def on_air() -> bool:
            with ws.sessions() as s:
                return s.scalars(select(AsRunRecord.outcome).where(AsRunRecord.command_id == got.args[0]["live_id"])).first() == "on_air"

        qtbot.waitUntil(on_air, timeout=8000)
        qtbot.wait(1500)
        with qtbot.waitSignal(dlg.ended, timeout=30000) as end:
            qtbot.mouseClick(dlg.stop_button, Qt.MouseButton.LeftButton)
    result = end.args[0]
    assert not dlg.banner.isVisible() and dlg.start_button.isEnabled()
    assert result["outcomes"] == {code: "completed"}
    assert "Phát trực tiếp đã kết thúc" in dlg.status.text()
    with ws.sessions() as s:
        run = s.scalars(select(AsRunRecord).where(AsRunRecord.command_id == got.args[0]["live_id"])).one()
        item = s.get(Item, result["recording_item"])
    assert run.outcome == "completed" and run.title.startswith("Trực tiếp: ")
    assert "phát trực tiếp từ micrô" in (reason_text(run.reason, run.reason_data) or "")
    assert item is not None and item.state == "draft" and item.source == "live"


def test_a_silent_microphone_is_refused(qtbot: Any, window: Any, tmp_path: Path) -> None:
    dlg = open_dialog(qtbot, window)
    dlg.check_target(first_endpoint(window))
    silent = tmp_path / "im-lang.wav"
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-t", "6", str(silent)], check=True)
    dlg.use_file.setChecked(True)
    dlg.file.setText(str(silent))
    with engine_running(window.hub.ws), qtbot.waitSignal(dlg.ended, timeout=20000):
        qtbot.mouseClick(dlg.start_button, Qt.MouseButton.LeftButton)
    assert "Micrô không có tiếng" in dlg.status.text(), dlg.status.text()
    assert not dlg.banner.isVisible() and dlg.start_button.isEnabled()


def test_the_microphone_test_shows_the_level_and_airs_nothing(qtbot: Any, window: Any, tmp_path: Path) -> None:
    dlg = open_dialog(qtbot, window)
    dlg.use_file.setChecked(True)
    dlg.file.setText(str(microphone_file(tmp_path)))
    levels: list[float] = []
    dlg.level_shown.connect(levels.append)
    with qtbot.waitSignal(dlg.tested, timeout=20000) as got:
        qtbot.mouseClick(dlg.test_button, Qt.MouseButton.LeftButton)
    assert got.args[0] is True
    assert levels and max(levels) > -30, levels[-5:]
    assert "Micrô nghe được tiếng" in dlg.status.text(), dlg.status.text()
    assert dlg.test_button.isEnabled() and not dlg.banner.isVisible()
    from schedules.models import Command

    with window.hub.ws.sessions() as s:
        assert s.scalars(select(Command)).first() is None, "testing the microphone queues nothing"
