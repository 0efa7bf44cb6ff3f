"""The window's hub announces what a write changed, derived from the transaction (issue 19)."""

from __future__ import annotations

from typing import Any

from schedules import playlists
from schedules.workspace import Workspace


def test_the_window_hub_announces_them(qtbot: Any, gui_app: Any, demo_ws: Workspace) -> None:
    from desktop.gui.hub import Hub

    hub = Hub(demo_ws, poll_ms=60000)
    with qtbot.waitSignal(hub.changed, timeout=10000) as got:
        hub.write(lambda s: playlists.create_playlist(s, "Chiều", []).id)
    assert got.args[0] == {"playlists"}
