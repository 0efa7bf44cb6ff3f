"""The district's PostgreSQL server out of reach while an operator works (issue 18): the window
says "mất kết nối máy chủ", keeps the change it could not save and saves it, whole, once the
server is back, then clears the warning by itself. A real PostgreSQL server of this test's own,
stopped and started again; the real window under pytest-qt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from schedules import areas
from schedules.models import Area
from schedules.workspace import Workspace
from tests.support.postgres import PostgresServer

pytestmark = pytest.mark.slow


@pytest.fixture
def own_pg(tmp_path: Path) -> Iterator[tuple[PostgresServer, Workspace]]:
    from PySide6.QtCore import QThreadPool

    from desktop import demo

    srv = PostgresServer().start()
    ws = Workspace.open(tmp_path / "pc", srv.database())
    demo.create(ws)
    yield srv, ws
    QThreadPool.globalInstance().waitForDone(10000)
    ws.close()
    srv.close()


def test_the_window_says_the_server_is_gone_keeps_the_change_and_saves_it_when_back(own_pg: tuple[PostgresServer, Workspace], qtbot: Any, gui_app: Any) -> None:
    from desktop.gui.mainwindow import MainWindow

    srv, ws = own_pg
    win = MainWindow(ws, tray=False, monitor_ms=300)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.today.loaded, timeout=15000):
        win.show()
    assert win.connection_status.isHidden()

    srv.pause()  # the network to the server is cut
    saved: list[Any] = []
    win.hub.write(lambda s: areas.add_area(s, "X9", "Thôn Mới", "village", "X9901"), saved.append)
    qtbot.waitUntil(lambda: not win.connection_status.isHidden(), timeout=15000)
    assert "Mất kết nối máy chủ" in win.connection_status.text()
    qtbot.wait(1000)  # a few retries while it is gone: nothing saved, nothing lost
    assert saved == [] and not win.hub.online

    srv.resume()
    qtbot.waitUntil(lambda: bool(saved), timeout=30000)
    qtbot.waitUntil(lambda: win.connection_status.isHidden(), timeout=10000)
    with ws.sessions() as s:
        rows = s.query(Area).filter(Area.code == "X9").all()
    assert len(rows) == 1 and rows[0].name == "Thôn Mới", "saved once, whole"


def test_a_window_opened_while_the_server_is_gone_waits_for_it_without_a_crash(own_pg: tuple[PostgresServer, Workspace], qtbot: Any, gui_app: Any) -> None:
    """The office PC starts before the district's server answers: the window opens, says the
    server is gone (no crash dialog: its first reads, the sign-in's among them, wait and retry),
    and fills in once the server is back."""
    from desktop.gui.mainwindow import MainWindow

    srv, ws = own_pg
    srv.pause()
    win = MainWindow(ws, tray=False, monitor_ms=300)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not win.connection_status.isHidden(), timeout=15000)
    srv.resume()
    with qtbot.waitSignal(win.today.loaded, timeout=30000):
        pass
    qtbot.waitUntil(lambda: win.connection_status.isHidden(), timeout=10000)
