"""Issue 14 in the window: the Settings page's HTTTN group against the province simulator (a
separate process, real HTTP), the province's refusals on the Today page, and the first-start
province/commune picker over the official list of administrative units."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from sqlalchemy import select

from schedules.models import Area, Setting
from schedules.workspace import Workspace
from tests.support.httnsim import Simulator

PASSWORD = "mat-khau-xa-9901"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[Simulator]:
    s = Simulator(tmp_path / "sim", args=("--password", PASSWORD, "--slow-ms", "800")).start()
    yield s
    s.stop()


def _fill(panel: Any, sim: Simulator, password: str) -> None:
    panel.url.setText(sim.url)
    panel.source_id.setText("XA-9901")
    panel.user.setText("xa")
    panel.password.setText(password)
    panel.areas.setText("X9901")


def _settings(ws: Workspace) -> dict[str, Any]:
    with ws.sessions() as s:
        return {r.key: r.value for r in s.scalars(select(Setting).where(Setting.key.like("httn.%")))}


def test_httn_group_tests_the_connection_off_the_gui_thread_and_saves(qtbot: Any, window: Any, demo_ws: Workspace, sim: Simulator, monkeypatch: Any) -> None:
    monkeypatch.setenv("LOAXA_HTTN_SECRET", "file")  # the owner-only file, whatever keyring this machine has
    window.show_page("settings")
    panel = window.settings_page.httn_panel
    qtbot.waitUntil(lambda: "{" not in panel.queue.text() and panel.queue.text() != "", timeout=10000)
    assert panel.credentials.text() == "Chưa kết nối với máy chủ của tỉnh."
    # a wrong password: refused, said in words; the window kept running while it waited
    _fill(panel, sim, "sai-mat-khau")
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    with qtbot.waitSignal(panel.tested, timeout=20000) as got:
        panel.test_button.click()
        assert not panel.test_button.isEnabled()
    timer.stop()
    assert got.args[0] is False and panel.status.text().startswith("⚠ ")
    assert len(ticks) >= 8, "the GUI thread ran its timers during the slow login (the simulator answers 0.8 s late)"
    # the right one: accepted
    panel.password.setText(PASSWORD)
    with qtbot.waitSignal(panel.tested, timeout=20000) as got:
        panel.test_button.click()
    assert got.args[0] is True and panel.status.text().startswith("✓ ") and sim.url in panel.status.text()
    assert _settings(demo_ws) == {}, "a test keeps nothing"
    # save: the settings kept, the password in an owner-only file (never a setting), shown as a reference
    with qtbot.waitSignal(panel.saved, timeout=20000):
        panel.save_button.click()
    kept = _settings(demo_ws)
    assert kept["httn.url"] == sim.url and kept["httn.source_id"] == "XA-9901" and kept["httn.user"] == "xa" and kept["httn.secret_store"] == "file"
    assert PASSWORD not in json.dumps(kept)
    secret = demo_ws.data_dir / "httn-password"
    assert secret.read_text(encoding="utf-8") == PASSWORD and (secret.stat().st_mode & 0o077) == 0
    qtbot.waitUntil(lambda: "tệp chỉ chủ sở hữu đọc được" in panel.credentials.text(), timeout=10000)
    assert panel.password.text() == "" and "{" not in panel.status.text()
    # the kept password is used when the field is left empty
    with qtbot.waitSignal(panel.tested, timeout=20000) as got:
        panel.test_button.click()
    assert got.args[0] is True
    window.settings_page.grab().save(str(demo_ws.data_dir.parent / "settings-httn.png"))


def test_bad_address_is_refused_in_words_and_nothing_is_kept(qtbot: Any, window: Any, demo_ws: Workspace) -> None:
    window.show_page("settings")
    panel = window.settings_page.httn_panel
    panel.url.setText("ftp://tinh")
    panel.source_id.setText("XA-9901")
    panel.user.setText("xa")
    panel.password.setText("x")
    with qtbot.waitSignal(panel.tested, timeout=10000) as got:
        panel.test_button.click()
    assert got.args[0] is False and "ftp://tinh" in panel.status.text()
    panel.save_button.click()
    qtbot.waitUntil(lambda: panel.save_button.isEnabled() and panel.status.text().startswith("⚠"), timeout=10000)
    assert _settings(demo_ws) == {}


def test_today_shows_what_the_province_refused(qtbot: Any, window: Any, demo_ws: Workspace, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("LOAXA_HTTN_SECRET", "file")
    sim = Simulator(tmp_path / "sim", args=("--password", PASSWORD)).start()
    try:
        sim.fault(refuse={"bantin": "Bản tin trùng với bản tin đã có"})
        window.show_page("settings")
        panel = window.settings_page.httn_panel
        _fill(panel, sim, PASSWORD)
        with qtbot.waitSignal(panel.saved, timeout=20000):
            panel.save_button.click()
        env = {**os.environ, "LOAXA_LANG": "vi"}  # the sender writes its reasons in the station's language
        env.pop("LOAXA_DB", None)
        r = subprocess.run(
            [sys.executable, "-m", "desktop.cli", "--data-dir", str(demo_ws.data_dir), "httn", "sync", "--json"],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
        )
    finally:
        sim.stop()
    assert r.returncode == 5, r.stderr  # refusals: exit 5
    refused = json.loads(r.stdout)["push"]["refused"]
    assert refused >= 1
    today = window.today
    window.show_page("today")
    qtbot.waitUntil(lambda: today.httn_label.isVisible(), timeout=15000)
    text = today.httn_label.text()
    assert f"Tỉnh đã từ chối {refused} tin" in text and "Bản tin trùng với bản tin đã có" in text
    assert "Gửi lại các tin bị từ chối" in text
    window.grab().save(str(tmp_path / "today-httn.png"))
    # sent again from Settings: the warning goes away
    qtbot.waitUntil(lambda: panel.retry_button.isEnabled(), timeout=10000)
    panel.retry_button.click()
    qtbot.waitUntil(lambda: not today.httn_label.isVisible(), timeout=15000)


def test_first_start_picks_the_province_and_commune_from_the_official_list(qtbot: Any, gui_app: Any, tmp_path: Path) -> None:
    from desktop.gui.mainwindow import MainWindow
    from schedules.areas import official_units

    ws = Workspace.open(tmp_path / "empty")
    try:
        win = MainWindow(ws, tray=False, monitor_ms=60000)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: getattr(win, "is_built", False), timeout=10000)
        win.offer_first_start()
        qtbot.waitUntil(lambda: getattr(win, "area_picker", None) is not None and win.area_picker.isVisible(), timeout=10000)
        picker = win.area_picker
        qtbot.waitUntil(lambda: picker.provinces.count() == 34, timeout=10000)
        with qtbot.waitSignal(picker.units_shown, timeout=10000):
            qtbot.keyClicks(picker.province_search, "tuyen quang")  # accents and case aside
        assert picker.province_code() == "8" and "Tuyên Quang" in picker.provinces.currentItem().text()
        qtbot.keyClicks(picker.unit_search, "ha giang 1")
        assert picker.commune_code() == "694" and picker.units.currentItem().text() == "Phường Hà Giang 1 (694)"
        visible = [picker.units.item(i).text() for i in range(picker.units.count()) if not picker.units.item(i).isHidden()]
        assert visible == ["Phường Hà Giang 1 (694)"]
        picker.grab().save(str(tmp_path / "picker.png"))
        with qtbot.waitSignal(picker.created, timeout=20000) as got:
            qtbot.mouseClick(picker.create_button, Qt.MouseButton.LeftButton)
        expected = official_units("8")
        assert got.args[0]["created"] == len(expected) + 1
        with ws.sessions() as s:
            areas = {a.code: (a.name, a.parent_code) for a in s.scalars(select(Area))}
            own = s.get(Setting, "httn.areas")
        assert areas["8"][0] == "Tuyên Quang" and areas["694"] == ("Phường Hà Giang 1", "8")
        assert len(areas) == len(expected) + 1 and own is not None and own.value == "694"
        assert not picker.isVisible()
        # areas exist now: a later start does not ask again
        win.area_picker = None
        from desktop.gui import background

        background.set_synchronous(True)  # the read and its answer run here, in order: no waiting for an absence
        try:
            win.offer_first_start()
        finally:
            background.set_synchronous(False)
        assert win.area_picker is None
    finally:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(10000)
        ws.close()
