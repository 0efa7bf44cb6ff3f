"""The window's engine line says who is on air by PC (issue 18): the active engine's PC when it is
another PC, and the standby (dự phòng) waiting on a third, from what the engines write in the
lease (the same domain calls the engines make)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

from schedules import engine_store, lease, sites
from schedules.workspace import Workspace


def test_engine_line_names_the_active_and_the_standby_pc(window: Any, qtbot: Any, demo_ws: Workspace) -> None:
    now = datetime.now(UTC)
    with demo_ws.session() as s:
        assert lease.acquire(s, "may-b:1:x", "may-b", os.getpid(), now)
        lease.heartbeat(s, "may-b:1:x", now, {"pc": "MAY-B"})
        sites.note_active(s, "may-b:1:x", "MAY-B")
        sites.note_standby(s, "MAY-C")
        engine_store.note_standby(s, "may-c:2:y", now)
    window.check_engine()
    qtbot.waitUntil(lambda: "MAY-B" in window.engine_status.text(), timeout=10000)
    text = window.engine_status.text()
    assert "MAY-C" in text and "dự phòng" in text, text
