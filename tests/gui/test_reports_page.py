"""The Reports page in the real window, offscreen, on the report data set, in both languages: the
figures in the table, the four charts drawn, export to XLSX and PDF from the page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.gui import background
from desktop.gui.mainwindow import MainWindow
from schedules.workspace import Workspace
from tests.support import report_data as rd


@pytest.fixture(scope="module")
def report_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("reports-gui") / "data"
    ws = Workspace.open(d)
    rd.build(ws)
    ws.close()
    return d


@pytest.fixture
def report_ws(report_template: Path, tmp_path: Path) -> Iterator[Workspace]:
    import shutil

    shutil.copytree(report_template, tmp_path / "data")
    ws = Workspace.open(tmp_path / "data")
    yield ws
    ws.close()


def open_reports(qtbot: Any, ws: Workspace, lang: str) -> tuple[MainWindow, Any]:
    from desktop.gui import app as gui_app_mod
    from desktop.gui import errors

    errors.raise_instead_of_dialog(True)
    gui_app_mod.setup(ws, lang, excepthook=False)
    win = MainWindow(ws, tray=False, monitor_ms=60000)
    qtbot.addWidget(win)
    win.resize(1366, 728)
    win.show()
    qtbot.waitUntil(lambda: getattr(win, "is_built", False), timeout=10000)
    background.set_synchronous(True)
    try:
        win.show_page("reports")
        page = win.pages["reports"]
        page.now = lambda: rd.NOW
        qtbot.waitUntil(lambda: page.area.count() > 1, timeout=10000)
        page.set_choice("2027-03", "field", "X1")
        with qtbot.waitSignal(page.shown, timeout=20000):
            page.refresh()
    finally:
        background.set_synchronous(False)
    return win, page


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_reports_page_shows_figures_and_charts(qtbot: Any, qapp: Any, report_ws: Workspace, tmp_path: Path, lang: str) -> None:
    win, page = open_reports(qtbot, report_ws, lang)
    try:
        nav = [win.nav.item(i).text() for i in range(win.nav.count())]
        assert ("Báo cáo" if lang == "vi" else "Reports") in nav
        m = page.model
        assert m.headerData(0, Qt.Orientation.Horizontal) == ("Lĩnh vực" if lang == "vi" else "Field")
        labels = [m.index(r, 0).data() for r in range(m.rowCount())]
        assert labels[-1] == ("Tổng cộng" if lang == "vi" else "Total")
        assert labels[0] == ("3 Chủ trương, chính sách, pháp luật" if lang == "vi" else "3 Policy and law")
        assert m.index(m.rowCount() - 1, 1).data() == "97"  # planned, as the CLI and the cross-checked figures say
        assert "48" in page.summary.text() and "97" in page.summary.text() and "24.0" in page.summary.text()
        # the four charts hold their data
        stacked = page.airtime_chart.series()[0]
        assert stacked.count() == 3  # fields 3, 4, 5
        assert sum(stacked.barSets()[0].at(i) for i in range(stacked.barSets()[0].count())) == pytest.approx(
            next(r.figures.airtime_s for r in page.current.main.rows if r.key == (3,)) / 60, rel=1e-6
        )
        area_sets = page.area_chart.series()[0].barSets()
        assert [area_sets[0].at(i) for i in range(area_sets[0].count())] == [58.0, 20.0, 19.0]
        assert page.ontime_chart.series()[0].count() == 10  # the days up to now (10 March)
        assert page.avail_chart.series()[0].barSets()[0].count() == 4
        qtbot.wait(50)
        # the page fits a 1366×768 screen beside the navigation, above the status bar and taskbar
        hint = page.minimumSizeHint()
        assert hint.width() <= 1366 - 230 and hint.height() <= 728 - 60, f"reports ({lang}) needs {hint.width()}×{hint.height()}"
        img = page.grab().toImage()
        # bars drawn: the chart palette's blue is on screen
        blue = sum(1 for x in range(0, img.width(), 3) for y in range(0, img.height(), 3) if img.pixelColor(x, y).name() == "#2b6cb0")
        assert blue > 50
        assert page.grab().save(str(tmp_path / f"reports-{lang}.png"))
    finally:
        from desktop.gui import app as gui_app_mod

        gui_app_mod.setup(report_ws, "vi", excepthook=False)


def test_an_empty_month_has_whole_number_axes(qtbot: Any, qapp: Any, report_ws: Workspace) -> None:
    """A month with nothing planned: the count axes step by whole numbers (not "0, 0, 1, 1, 1")."""
    from PySide6.QtCharts import QValueAxis

    win, page = open_reports(qtbot, report_ws, "vi")
    try:
        background.set_synchronous(True)
        page.set_choice("2026-01", "field", "X1")
        with qtbot.waitSignal(page.shown, timeout=20000):
            page.refresh()
        for chart in (page.airtime_chart, page.area_chart):
            (ay,) = [a for a in chart.axes(Qt.Orientation.Vertical) if isinstance(a, QValueAxis)]
            step = (ay.max() - ay.min()) / (ay.tickCount() - 1)
            assert step >= 1 and step == int(step), (ay.min(), ay.max(), ay.tickCount())
    finally:
        background.set_synchronous(False)


def test_export_from_the_page(qtbot: Any, qapp: Any, qtmodeltester: Any, report_ws: Workspace, tmp_path: Path) -> None:
    _win, page = open_reports(qtbot, report_ws, "vi")
    qtmodeltester.check(page.model, force_py=True)
    from openpyxl import load_workbook

    out = tmp_path / "tháng 3.xlsx"
    with qtbot.waitSignal(page.exported, timeout=30000):
        page.export("xlsx", out)
    wb = load_workbook(out)
    assert wb.sheetnames[:3] == ["Lĩnh vực", "Địa bàn", "Chiến dịch"]
    assert wb["Lĩnh vực"]["B5"].value == 97
    pdf = tmp_path / "tháng 3.pdf"
    with qtbot.waitSignal(page.exported, timeout=30000):
        page.export("pdf", pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    with qtbot.waitSignal(page.exported, timeout=5000, raising=False) as blocker:
        page.export("pdf", tmp_path / "no-folder" / "x.pdf")
    assert not blocker.signal_triggered and "no-folder" in page.summary.text()


def test_a_long_period_draws_its_on_time_line_by_week(demo_ws: Any) -> None:
    """A year by day was 550,000 cells on a province's data (about 15 s): beyond a quarter the
    on-time line has a point a week; a month keeps a point a day."""
    from datetime import UTC, datetime, timedelta

    from desktop.gui.pages.reports import build_set
    from schedules import reporting

    now = datetime.now(UTC)
    year = reporting.period_of_dates((now - timedelta(days=200)).date(), now.date(), "Asia/Ho_Chi_Minh")
    month = reporting.period_of_dates((now - timedelta(days=20)).date(), now.date(), "Asia/Ho_Chi_Minh")
    with demo_ws.sessions() as s:
        long_keys = [str(r.key[0]) for r in build_set(s, year, "field", None, now).day.rows]
        short_keys = [str(r.key[0]) for r in build_set(s, month, "field", None, now).day.rows]
    assert long_keys and all("-W" in k for k in long_keys), long_keys[:3]
    assert short_keys and all(len(k) == 10 and "-W" not in k for k in short_keys), short_keys[:3]
