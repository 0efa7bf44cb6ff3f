"""Soạn thông báo in the real window: type a notice, see it as said, hear it, dress it with a jingle
and say it twice, save it; the commune's abbreviations; refusals shown in Vietnamese."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select

from schedules import settings
from schedules.models import Item
from tests.conftest import have


def open_dialog(qtbot: Any, window: Any) -> Any:
    window.show_page("library")
    button = window.library.compose_button
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dlg = window.compose_dialog
    with qtbot.waitSignal(dlg.loaded, timeout=10000):
        pass
    return dlg


def duration(path: str) -> float:
    out = subprocess.run(
        [have("ffprobe"), "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path], capture_output=True, text=True, check=True
    )
    return float(out.stdout)


def test_type_preview_and_save_twice_with_jingle(qtbot: Any, window: Any, tmp_path: Path) -> None:
    dlg = open_dialog(qtbot, window)
    assert dlg.windowTitle() == "Soạn thông báo"
    assert dlg.voice.currentData() == "vi" and dlg.rate.value() == 150
    dlg.title.setText("Tiêm chủng")
    dlg.text.setPlainText("UBND xã thông báo: ngày 15/3/2027 lúc 7h30 tiêm vắc xin. Mang thẻ BHYT.")
    qtbot.waitUntil(lambda: "ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi bảy" in dlg.said.toPlainText(), timeout=3000)
    assert "bảo hiểm y tế" in dlg.said.toPlainText()
    # hear it first: a WAV of speech, not saved
    with qtbot.waitSignal(dlg.previewed, timeout=30000) as got:
        qtbot.mouseClick(dlg.preview_button, Qt.MouseButton.LeftButton)
    plain = duration(got.args[0])
    assert 4 < plain < 20, plain
    ws = window.hub.ws
    with ws.session() as s:
        before = s.scalar(select(Item.id).order_by(Item.id.desc()).limit(1))
    # with the jingle before and after, said twice with 5 s between: longer by the jingle and the repeat
    jingle_index = 1  # the first item of the list after "(none)"
    dlg.jingle.setCurrentIndex(jingle_index)
    jingle_id = dlg.jingle.currentData()
    dlg.twice.setChecked(True)
    with qtbot.waitSignal(dlg.previewed, timeout=60000) as got:
        qtbot.mouseClick(dlg.preview_button, Qt.MouseButton.LeftButton)
    dressed = duration(got.args[0])
    with ws.session() as s:
        jingle_s = s.get(Item, jingle_id).source_duration_s or 0.0
    assert abs(dressed - (2 * plain + 5 + 2 * jingle_s)) < 0.3, (dressed, plain, jingle_s)
    dlg.grab().save(str(tmp_path / "compose.png"))
    with qtbot.waitSignal(dlg.saved, timeout=60000) as saved:
        qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    with ws.session() as s:
        item = s.get(Item, saved.args[0])
        assert item is not None and item.id != before
        assert item.title == "Tiêm chủng" and item.state == "draft"
        assert item.text_typed.startswith("UBND xã thông báo") and "bảo hiểm y tế" in (item.text_spoken or "")
        assert item.composition["kind"] == "composition" and item.composition["repeat"] == 2 and item.composition["intro"]["ref"] == str(jingle_id)
        assert abs(item.source_duration_s - dressed) < 0.1
    assert "Đã lưu" in dlg.status.text()


def test_refusals_are_shown_and_nothing_is_added(qtbot: Any, window: Any) -> None:
    dlg = open_dialog(qtbot, window)
    ws = window.hub.ws
    with ws.session() as s:
        count = len(s.scalars(select(Item.id)).all())
    dlg.title.setText("Trống")
    with qtbot.waitSignal(dlg.refused, timeout=10000) as got:
        qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert "Văn bản trống" in got.args[0] and dlg.status.text() == got.args[0]
    dlg.text.setPlainText("Xin chào")
    dlg.title.setText("")
    with qtbot.waitSignal(dlg.refused, timeout=10000) as got:
        qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert "tiêu đề" in got.args[0]
    with ws.session() as s:
        assert len(s.scalars(select(Item.id)).all()) == count
    assert dlg.save_button.isEnabled()


def test_the_commune_extends_the_abbreviations(qtbot: Any, window: Any) -> None:
    dlg = open_dialog(qtbot, window)
    dlg.text.setPlainText("Họp TDP số 3.")
    qtbot.waitUntil(lambda: dlg.said.toPlainText() == "Họp tê dê pê số ba.", timeout=3000)
    qtbot.mouseClick(dlg.words_button, Qt.MouseButton.LeftButton)
    words = dlg.words_dialog
    last = words.table.rowCount() - 1
    words.table.item(last, 0).setText("TDP")
    words.table.item(last, 1).setText("tổ dân phố")
    with qtbot.waitSignal(words.changed, timeout=10000):
        words.save()
    qtbot.waitUntil(lambda: dlg.said.toPlainText() == "Họp tổ dân phố số ba.", timeout=3000)
    with window.hub.ws.session() as s:
        assert settings.get(s, "speech.abbreviations") == {"TDP": "tổ dân phố"}


def test_crisis_notice_in_three_steps(qtbot: Any, window: Any) -> None:
    """Type, choose the area, confirm: the notice is saved approved at priority 1 and the
    emergency command is queued with it for the area's endpoints."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from schedules.models import Command

    dlg = open_dialog(qtbot, window)
    dlg.title.setText("Cảnh báo lũ")
    dlg.text.setPlainText("Khẩn cấp: nước sông dâng cao 2,5 m. Bà con thôn Đông di chuyển đến trường THCS trước 17h.")
    with qtbot.waitSignal(dlg.emergency_ready, timeout=60000) as ready:
        qtbot.mouseClick(dlg.emergency_button, Qt.MouseButton.LeftButton)
    item_id = ready.args[0]
    emergency = window.emergency_dialog
    qtbot.waitUntil(lambda: emergency.item.currentData() == item_id, timeout=10000)
    with window.hub.ws.session() as s:
        item = s.get(Item, item_id)
        assert item.state == "approved" and item.priority == 1 and "trung học cơ sở" in item.text_spoken
    emergency.to_area.setChecked(True)
    emergency.area.setCurrentIndex(emergency.area.findData("X9901-DONG"))

    def accept_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(QMessageBox.StandardButton.Yes).click()
        else:
            QTimer.singleShot(50, accept_box)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(200, accept_box)
    with qtbot.waitSignal(emergency.sent, timeout=10000) as sent:
        qtbot.mouseClick(emergency.send_button, Qt.MouseButton.LeftButton)
    with window.hub.ws.session() as s:
        cmd = s.get(Command, sent.args[0])
        assert cmd is not None and cmd.payload["priority"] == 1 and cmd.payload["targets"] == ["X9901-DONG"]
        assert cmd.payload["item_ids"] == [item_id]


def test_composer_parts_waveform_and_rebuild(qtbot: Any, window: Any, tmp_path: Path) -> None:
    """Dựng bản tin: jingle, a spoken part and a silence, said twice; waveform and preview; saved
    with its recipe, and opened again from the library with the same parts."""
    window.show_page("library")
    qtbot.mouseClick(window.library.composer_button, Qt.MouseButton.LeftButton)
    dlg = window.composer_dialog
    qtbot.waitUntil(lambda: dlg.item_choice.count() > 0, timeout=10000)
    jingle = dlg.intro.itemData(1)
    dlg.intro.setCurrentIndex(1)
    dlg.outro.setCurrentIndex(1)
    dlg.say_text.setText("Bà con chú ý, chiều nay 15h họp thôn.")
    qtbot.mouseClick(dlg.add_say_button, Qt.MouseButton.LeftButton)
    dlg.silence.setValue(1.5)
    qtbot.mouseClick(dlg.add_silence_button, Qt.MouseButton.LeftButton)
    assert [p.kind for p in dlg.parts] == ["speech", "silence"]
    qtbot.mouseClick(dlg.up_button, Qt.MouseButton.LeftButton)  # the silence first
    assert [p.kind for p in dlg.parts] == ["silence", "speech"]
    assert dlg.part_list.currentRow() == 0  # the moved part stays chosen
    dlg.part_list.setCurrentRow(1)
    dlg.gain.setValue(-3)
    assert dlg.parts[1].gain_db == -3
    dlg.repeat.setValue(2)
    dlg.gap.setValue(5)
    with qtbot.waitSignal(dlg.previewed, timeout=60000) as got:
        qtbot.mouseClick(dlg.preview_button, Qt.MouseButton.LeftButton)
    assert sum(dlg.waveform.peaks or b"") > 0
    total = duration(got.args[0])
    dlg.title.setText("Họp thôn chiều nay")
    assert dlg.grab().save(str(tmp_path / "composer.png"))
    with qtbot.waitSignal(dlg.saved, timeout=60000) as saved:
        qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    with window.hub.ws.session() as s:
        item = s.get(Item, saved.args[0])
        assert item.composition["intro"]["ref"] == str(jingle) and item.composition["repeat"] == 2
        assert [p["kind"] for p in item.composition["parts"]] == ["silence", "speech"]
        assert abs(item.source_duration_s - total) < 0.1
    dlg.close()
    # opened again from the library: the recipe, ready to edit
    qtbot.waitUntil(lambda: window.library.select_id(saved.args[0]), timeout=10000)
    qtbot.mouseClick(window.library.composer_button, Qt.MouseButton.LeftButton)
    again = window.composer_dialog
    with qtbot.waitSignal(again.loaded, timeout=10000):
        pass
    assert again is not dlg and [p.kind for p in again.parts] == ["silence", "speech"] and again.repeat.value() == 2
    assert again.title.text() == "Họp thôn chiều nay"
