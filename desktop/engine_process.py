"""Starting the engine as its own process (so broadcasting survives closing the window)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

from schedules import commands, lease
from schedules.workspace import Workspace


def engine_command(ws: Workspace) -> list[str]:
    """The engine's command line: no database URL on it (a process list shows it to every user
    of the PC, password and all); :func:`engine_env` passes it."""
    return [sys.executable, "-m", "desktop.cli", "--data-dir", str(ws.data_dir), "--media-dir", str(ws.media.root), "engine"]


def engine_env(ws: Workspace) -> dict[str, str]:
    env = dict(os.environ)
    env["LOAXA_DB"] = ws.db_url
    return env


_started: list[subprocess.Popen[bytes]] = []  # kept, so a running engine is never "leaked"


def start(ws: Workspace) -> subprocess.Popen[bytes]:
    """Start a detached engine process for ``ws`` (it refuses by itself if one already runs)."""
    kwargs: dict[str, object] = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "close_fds": True}
    if sys.platform == "win32":
        flags = subprocess.CREATE_NEW_PROCESS_GROUP | 0x00000008 | subprocess.CREATE_NO_WINDOW  # DETACHED_PROCESS
        kwargs["creationflags"] = flags
    else:
        kwargs["start_new_session"] = True
    proc: subprocess.Popen[bytes] = subprocess.Popen(engine_command(ws), env=engine_env(ws), **kwargs)  # type: ignore[call-overload]
    _started[:] = [p for p in _started if p.poll() is None]
    _started.append(proc)
    return proc


def status(ws: Workspace) -> lease.LeaseInfo:
    with ws.session() as s:
        return lease.read(s, datetime.now(UTC))


def status_with_pcs(ws: Workspace) -> tuple[lease.LeaseInfo, str | None, str | None]:
    """The lease, the active engine's PC and the waiting standby's PC (None when none waits)."""
    from schedules.engine_store import engine_pcs

    with ws.session() as s:
        now = datetime.now(UTC)
        return (lease.read(s, now), *engine_pcs(s, now))


def request_shutdown(ws: Workspace, by: str | None = None) -> int:
    with ws.session() as s:
        return commands.enqueue(s, "shutdown", {}, by=by).id
