"""The engine the window starts on a PostgreSQL database: it runs, and its command line (which
any user of the PC can list) holds no database password; the URL goes in its environment."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from schedules.workspace import Workspace
from tests.conftest import wait_until

pytestmark = pytest.mark.slow


def test_the_window_started_engine_keeps_the_password_off_its_command_line(pg: Any, tmp_path: Path) -> None:
    from desktop import engine_process

    url = pg.database()
    secret = url.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
    ws = Workspace.open(tmp_path / "pc", url)
    env = {k: v for k, v in os.environ.items() if k != "LOAXA_DB"}
    old = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        proc = engine_process.start(ws)
    finally:
        os.environ.clear()
        os.environ.update(old)
    try:
        assert wait_until(lambda: engine_process.status(ws).alive, 30, 0.2), "the engine did not start on the PostgreSQL database"
        cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        assert secret not in cmdline and pg.password not in cmdline and "--db" not in cmdline, cmdline
        engine_process.request_shutdown(ws, by="test")
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        ws.close()
