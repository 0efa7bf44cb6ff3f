"""The schedule page speaks the lunar calendar: day headers, date-picker tooltips, lunar rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate


def test_week_headers_name_mung_1_and_ram_and_a_lunar_rule_airs_on_them(qtbot: Any, window: Any) -> None:
    page = window.schedule
    window.show_page("schedule")
    qtbot.waitUntil(lambda: page.target.count() > 0 and page.editor.playlist.count() > 0, timeout=10000)
    page.target.setCurrentIndex(page.target.findData("loa-thon-dong"))
    page.monday = date(2027, 2, 15)
    ed = page.editor
    ed.targets.setText("loa-thon-dong")
    ed.mode.setCurrentIndex(ed.mode.findData("lunar"))
    ed.lunar.setText("1,15")
    ed.times.setText("06:15")
    page.refresh()
    qtbot.waitUntil(lambda: page.week.monday == date(2027, 2, 15) and [b.day for b in page.week.blocks if b.preview] == [5], timeout=10000)
    headers = [lunar for _solar, lunar in page.week.day_headers()]
    assert headers[5] == "Rằm tháng 1"  # Saturday 20/02/2027
    assert headers[0] == "10/1"
    previews = [b for b in page.week.blocks if b.preview]
    assert previews[0].label.startswith("06:15")
    page.monday = date(2027, 3, 8)
    page.refresh()
    qtbot.waitUntil(lambda: page.week.monday == date(2027, 3, 8), timeout=10000)
    assert page.week.day_headers()[0][1] == "Mùng 1 tháng 2"
    # the date pickers tell the lunar date
    ed.mode.setCurrentIndex(ed.mode.findData("once"))
    ed.once.setDate(QDate(2027, 4, 16))
    assert ed.once.toolTip() == "Âm lịch: ngày 10 tháng 3 năm 2027"
    assert ed.once.calendarWidget().toolTip() == "Âm lịch: ngày 10 tháng 3 năm 2027"


def test_a_slot_typed_in_the_editor_shows_the_overfill_in_the_week(qtbot: Any, window: Any) -> None:
    page = window.schedule
    window.show_page("schedule")
    qtbot.waitUntil(lambda: page.target.count() > 0 and page.editor.playlist.count() > 0, timeout=10000)
    page.target.setCurrentIndex(page.target.findData("loa-thon-dong"))
    page.monday = date(2027, 3, 1)
    ed = page.editor
    ed.targets.setText("loa-thon-dong")
    ed.mode.setCurrentIndex(ed.mode.findData("daily"))
    ed.times.setText("06:40")
    ed.slot.setText("0:10")  # far shorter than any demo programme
    page.refresh()
    qtbot.waitUntil(lambda: any(b.preview and b.label.startswith("06:40") and "(+" in b.label for b in page.week.blocks), timeout=10000)
    ed.slot.setText("600")  # ten hours: far under
    page.refresh()
    qtbot.waitUntil(lambda: any(b.preview and b.label.startswith("06:40") and "(−" in b.label for b in page.week.blocks), timeout=10000)
