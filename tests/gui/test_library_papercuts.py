"""Issue 16 points 1 and 2 in the window: a folder with a bad file says how many were added first
and why the other was refused; a retired item is restored from the library page, and importing
its audio again says so instead of a bare "already in the library"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from schedules.models import Item
from schedules.workspace import Workspace


def test_folder_with_a_bad_file_and_a_retired_item_restored(
    qtbot: Any, window: Any, demo_ws: Workspace, make_audio: Callable[..., Path], tmp_path: Path
) -> None:
    page = window.library
    window.show_page("library")
    make_audio("tin một.mp3", seconds=1.0, freq=330)
    make_audio("tin hai.mp3", seconds=1.0, freq=550)
    folder = tmp_path / "audio"
    (folder / "ghi chu.mp3").write_text("không phải âm thanh\n", encoding="utf-8")
    with qtbot.waitSignal(page.imported, timeout=30000) as got:
        page.start_import([str(folder)])
    report = got.args[0]
    assert len(report.added) == 2 and len(report.refused) == 1
    lines = page.hint.text().splitlines()
    assert lines[0] == "Đã thêm 2, 0 đã có trong thư viện, 1 bị từ chối:", lines
    assert "ghi chu.mp3" in lines[1] and "không phải tệp âm thanh" in lines[1]
    assert "được giữ lại" in lines[2]
    # retire one, import its audio again: the window names the way back
    item_id = report.added[0]["id"]
    qtbot.waitUntil(lambda: page.select_id(item_id), timeout=20000)
    qtbot.waitUntil(lambda: page.retire_button.isEnabled(), timeout=20000)
    page.retire_selected(confirm=False)
    qtbot.waitUntil(lambda: page.current is not None and page.current["state"] == "retired", timeout=20000)
    qtbot.waitUntil(lambda: page.select_id(item_id) and page.approval.restore_button.isEnabled(), timeout=20000)
    assert page.approval.restore_button.isVisibleTo(page) and not page.retire_button.isEnabled()
    with qtbot.waitSignal(page.imported, timeout=30000):
        page.start_import([report.added[0]["path"]])
    assert f"bản tin {item_id} chứa âm thanh này đã ngừng dùng" in page.hint.text() and "Khôi phục" in page.hint.text()
    # restore: it had been a draft, so it is a draft again (to approve), and the button goes away
    # (the list reloads after the import: the item is selected again before its button is pressed)
    qtbot.waitUntil(lambda: page.select_id(item_id) and page.approval.restore_button.isEnabled(), timeout=20000)
    page.approval.restore_button.click()
    qtbot.waitUntil(lambda: page.current is not None and page.current["id"] == item_id and page.current["state"] == "draft", timeout=20000)
    assert not page.approval.restore_button.isVisibleTo(page)
    with demo_ws.sessions() as s:
        assert s.scalars(select(Item.state).where(Item.id == item_id)).one() == "draft"
    window.grab().save(str(tmp_path / "library.png"))
