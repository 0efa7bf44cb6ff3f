"""The first window, for real, offscreen: it opens in Vietnamese on Today with the demo day."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.gui.mainwindow import MainWindow
from schedules.workspace import Workspace


def test_today_lists_the_demo_occurrences(qtbot: Any, gui_app: Any, demo_ws: Workspace, tmp_path: Path) -> None:
    win = MainWindow(demo_ws)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.today.loaded, timeout=10000):
        win.show()
    assert win.windowTitle().startswith("LoaXa: phát thanh")
    assert win.nav.item(0).text() == "Hôm nay"
    assert win.today.title.text().startswith("Hôm nay, ")
    model = win.today.model
    rows = [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]
    endpoints = {e for e, _t in rows}
    assert endpoints == {"Cụm loa thôn Đông", "Cụm loa thôn Tây"}
    times = sorted({t.split(" ")[0] for _e, t in rows})
    assert times == ["05:30", "17:00"]
    assert win.grab().save(str(tmp_path / "today.png"))


def test_window_and_packages_carry_the_loaxa_icon(qtbot: Any, gui_app: Any, demo_ws: Workspace) -> None:
    """The window shows LoaXa's loudspeaker (not a plain dot), and the Windows icon the spec and the
    installer use holds every size from 16 to 256 px."""
    from PySide6.QtGui import QImageReader

    win = MainWindow(demo_ws)
    qtbot.addWidget(win)
    img = win.windowIcon().pixmap(64, 64).toImage()
    assert not img.isNull() and img.width() == 64
    # green square, white horn: both colours are there (a status dot would have no white)
    colours = {img.pixelColor(x, y).name() for x in range(0, 64, 2) for y in range(0, 64, 2)}
    assert "#ffffff" in colours and any(c.startswith("#1") and c[3:5] > "60" for c in colours)
    ico = Path(__file__).resolve().parents[2] / "assets" / "icons" / "loaxa.ico"
    reader = QImageReader(str(ico))
    sizes = set()
    for _i in range(reader.imageCount()):
        sizes.add(reader.read().width())
        reader.jumpToNextImage()
    assert {16, 32, 48, 256} <= sizes


def test_engine_state_shows_not_running(qtbot: Any, gui_app: Any, demo_ws: Workspace) -> None:
    win = MainWindow(demo_ws)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.engine_state_changed, timeout=10000) as blocker:
        win.check_engine()
    alive, text = blocker.args
    assert alive is False
    assert "không chạy" in text or "chưa chạy" in text
    assert win.today.start_button.isEnabled()
    assert not win.today.stop_button.isEnabled()


def test_today_model_passes_the_model_tester(qtmodeltester: Any, qtbot: Any, gui_app: Any, demo_ws: Workspace) -> None:
    win = MainWindow(demo_ws)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.today.loaded, timeout=10000):
        win.today.refresh()
    qtmodeltester.check(win.today.model, force_py=True)
    assert win.today.model.headerData(0, Qt.Orientation.Horizontal) == "Điểm phát"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_fits_a_1366_by_768_screen(qtbot: Any, gui_app: Any, demo_ws: Workspace, lang: str) -> None:
    """Commune office PCs often have 1366×768 screens: no page may force the window wider, or
    taller than the screen less a taskbar, in either language."""
    from desktop.gui import app as gui_app_mod

    gui_app_mod.setup(demo_ws, lang, excepthook=False)
    win = MainWindow(demo_ws, tray=False, monitor_ms=500)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.today.loaded, timeout=10000):
        win.show()
    for key in win.pages:
        win.show_page(key)
        qtbot.waitUntil(lambda: win.stack.currentWidget() is win.pages[key] and win.pages[key].isVisible(), timeout=5000)  # noqa: B023
        hint = win.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 728, f"{key} ({lang}) needs {hint.width()}×{hint.height()}"
    gui_app_mod.setup(demo_ws, "vi", excepthook=False)


@pytest.mark.parametrize(("lang", "pattern"), [("vi", r"\d{2}/\d{2}/\d{4}"), ("en", r"\d{1,2} [A-Z][a-z]{2} \d{4}")])
def test_date_fields_read_the_way_of_the_language(qtbot: Any, gui_app: Any, demo_ws: Workspace, lang: str, pattern: str) -> None:
    import re

    from desktop.gui import app as gui_app_mod

    gui_app_mod.setup(demo_ws, lang, excepthook=False)
    try:
        win = MainWindow(demo_ws, tray=False, monitor_ms=500)
        qtbot.addWidget(win)
        for field in (win.pages["runs"].date_from, win.pages["schedule"].editor.date_from):  # type: ignore[attr-defined]
            assert re.fullmatch(pattern, field.text()), field.text()
    finally:
        gui_app_mod.setup(demo_ws, "vi", excepthook=False)
