"""The window on a district server's PostgreSQL database: the same pages, the same workflows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from schedules.models import Item
from schedules.workspace import Workspace

pytestmark = pytest.mark.slow


@pytest.fixture
def pg_ws(pg: Any, tmp_path: Path) -> Iterator[Workspace]:
    """A demo workspace on PostgreSQL. Tests take it before ``qtbot``, so that their windows are
    closed (which stops their reads) before it closes its connections."""
    from PySide6.QtCore import QThreadPool

    from desktop import demo

    ws = Workspace.open(tmp_path / "pg-data", pg.database())
    demo.create(ws)
    with ws.engine.begin() as c:  # as if installed days ago: today's 05:30 is expected at any hour
        c.execute(text("UPDATE schedules SET created_at = created_at - interval '3 days'"))
    yield ws
    QThreadPool.globalInstance().waitForDone(10000)  # reads still under way finish first
    ws.close()


def test_today_library_and_approval_on_postgresql(pg_ws: Workspace, qtbot: Any, gui_app: Any, make_audio: Callable[..., Path]) -> None:
    from desktop.gui.mainwindow import MainWindow

    assert pg_ws.engine.dialect.name == "postgresql"
    win = MainWindow(pg_ws, tray=False, monitor_ms=500)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.today.loaded, timeout=10000):
        win.show()
    model = win.today.model
    assert sorted({model.index(r, 1).data().split(" ")[0] for r in range(model.rowCount())}) == ["05:30", "17:00"]

    page = win.library
    win.show_page("library")
    with qtbot.waitSignal(page.imported, timeout=30000):
        page.start_import([str(make_audio("Thông báo họp dân.mp3", seconds=2))])
    page.search.setText("thong bao hop dan")  # accents optional on PostgreSQL too
    qtbot.waitUntil(lambda: [page.model.index(r, 0).data() for r in range(page.model.rowCount())] == ["Thông báo họp dân"], timeout=10000)
    with pg_ws.sessions() as s:
        item_id = s.scalars(select(Item.id).where(Item.title == "Thông báo họp dân")).one()
    # (the list may reload once more after the import: select again until the item is shown)
    qtbot.waitUntil(lambda: page.select_id(item_id) and page.approve_button.isEnabled(), timeout=10000)
    page.approve_selected(by="Chủ tịch UBND xã")
    qtbot.waitUntil(lambda: page.current is not None and page.current["state"] == "approved", timeout=10000)
    with pg_ws.sessions() as s:
        assert s.scalars(select(Item.approved_by).where(Item.id == item_id)).one() == "Chủ tịch UBND xã"

    win.show_page("runs")
    qtbot.waitUntil(lambda: win.runs.model.rowCount() == 0 and win.runs.count_label.text() != "", timeout=10000)
