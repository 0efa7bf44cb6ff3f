"""The library page's approval bar: the approver's name comes from the settings (read in the
background), and a click approves the selected draft under that name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select

from schedules import settings
from schedules.models import Item
from schedules.workspace import Workspace


def titles(model: Any) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_approve_button_approves_as_the_operator_in_the_settings(qtbot: Any, window: Any, demo_ws: Workspace, make_audio: Callable[..., Path]) -> None:
    with demo_ws.session() as s:
        settings.set_value(s, "operator.name", "Văn thư xã")
    page = window.library
    window.show_page("library")
    with qtbot.waitSignal(page.imported, timeout=30000):
        page.start_import([str(make_audio("Nháp mới.mp3", seconds=2))])
    qtbot.waitUntil(lambda: "Nháp mới" in titles(page.model), timeout=10000)
    with demo_ws.sessions() as s:
        item_id = s.scalars(select(Item.id).where(Item.title == "Nháp mới")).one()
    qtbot.waitUntil(lambda: page.select_id(item_id) and page.approve_button.isEnabled(), timeout=10000)
    assert not page.approval.retire_button.isHidden() and page.approval.reject_button.isEnabled()
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current is not None and page.current["state"] == "approved", timeout=10000)
    with demo_ws.sessions() as s:
        item = s.get(Item, item_id)
        assert item is not None and (item.state, item.approved_by) == ("approved", "Văn thư xã")
    assert "Văn thư xã" in page.detail.text()
