"""Issue 13: the schedule page's "weekly programme" button writes the week's programme as a PDF
to sign (drawn in the background), with the airings the planner has for that week."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog


def _pdf_text(path: Path) -> str:
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext is not installed: scripts/test installs it (poppler-utils)"
    return subprocess.run([exe, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_weekly_programme_button_writes_the_weeks_pdf(qtbot: Any, window: Any, demo_ws: Any, tmp_path: Path, monkeypatch: Any) -> None:
    page = window.schedule
    window.show_page("schedule")
    qtbot.waitUntil(lambda: page.target.count() > 0, timeout=10000)
    out = tmp_path / "lich tuần.pdf"
    asked: list[str] = []

    def fake_dialog(_parent: Any, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))  # the one modal edge
    with qtbot.waitSignal(page.programme_written, timeout=20000) as got:
        qtbot.mouseClick(page.programme_button, Qt.MouseButton.LeftButton)
        assert not page.programme_button.isEnabled(), "busy while it is drawn in the background"
    assert got.args == [str(out)] and page.programme_button.isEnabled()
    assert asked and asked[0].endswith(f"lich-phat-song-{page.monday.isoformat()}.pdf")
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Weekly programme written" in page.status.text() or "Đã ghi lịch phát sóng tuần" in page.status.text()
    # the week's airings, counted independently from the planner
    from schedules.planner import load_input, plan
    from schedules.timeutil import DEFAULT_TZ, window_for_dates, zone

    start, end = window_for_dates(page.monday, page.monday + timedelta(days=6), zone(DEFAULT_TZ))
    with demo_ws.sessions() as s:
        inp = load_input(s)
    p = plan(inp, start, end, target=page.target.currentData())
    airing = [o for o in p.occurrences if o.status == "ok" and not o.segment]
    assert airing, "the demo plans airings this week"
    text = " ".join(_pdf_text(out).split())
    for name in {inp.playlists[o.playlist_id].name for o in airing}:
        assert " ".join(name.split()) in text, name
    first = min(airing, key=lambda o: o.start).start_dt.astimezone(zone(DEFAULT_TZ))
    assert first.strftime("%H:%M") in text and first.strftime("%d/%m/%Y") in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


def test_weekly_programme_into_a_missing_folder_says_so_and_writes_nothing(qtbot: Any, window: Any, tmp_path: Path) -> None:
    page = window.schedule
    window.show_page("schedule")
    qtbot.waitUntil(lambda: page.target.count() > 0, timeout=10000)
    out = tmp_path / "khong-co" / "tuan.pdf"
    page.export_programme(out)
    qtbot.waitUntil(lambda: page.programme_button.isEnabled() and page.status.text().startswith("⚠"), timeout=20000)
    assert "khong-co" in page.status.text() and not out.parent.exists()
