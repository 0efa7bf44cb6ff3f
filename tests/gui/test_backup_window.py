"""Backup and restore from the window: "Sao lưu ngay", then "Khôi phục…" with its confirmation."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from schedules.holidays import add_holiday
from schedules.models import Holiday
from schedules.workspace import Workspace


def test_back_up_now_then_restore_with_confirmation(qtbot: Any, window: Any, demo_ws: Workspace, tmp_path: Path) -> None:
    window.show_page("settings")
    panel = window.settings_page.backup_panel
    assert panel.backup_button.text() == "Sao lưu ngay" and panel.restore_button.text() == "Khôi phục…"
    seen: list[tuple[int, int]] = []
    panel._relay.moved.connect(lambda done, total: seen.append((done, total)))
    out = tmp_path / "usb" / "loaxa.zip"
    out.parent.mkdir()
    with qtbot.waitSignal(panel.backed_up, timeout=60000) as got:
        panel.backup_to(out)
    assert out.is_file() and got.args[0].files >= 2
    assert [d for d, _t in seen] == list(range(1, got.args[0].files + 1))  # the bar moved file by file
    assert "Đã sao lưu" in panel.status.text()

    with demo_ws.session() as s:  # a change after the backup, which the restore takes back
        add_holiday(s, date(2027, 9, 6), "Nghỉ bù")

    shown: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(50, lambda: answer(button))

    # first the operator says no: nothing changes
    QTimer.singleShot(50, lambda: answer(QMessageBox.StandardButton.No))
    panel.check_then_restore(out)
    qtbot.waitUntil(lambda: "Không khôi phục" in panel.status.text(), timeout=30000)
    with demo_ws.sessions() as s:
        assert len(list(s.scalars(select(Holiday)))) == 1
    # then yes
    QTimer.singleShot(50, lambda: answer(QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(panel.restored, timeout=60000):
        panel.check_then_restore(out)
    assert "Bản sao lưu tạo lúc" in shown[-1] and "tệp âm thanh" in shown[-1]
    with demo_ws.sessions() as s:
        assert list(s.scalars(select(Holiday))) == []
    assert "Đã khôi phục" in panel.status.text()
