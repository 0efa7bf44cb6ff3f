"""The command queue: the GUI and CLI ask the engine to act through the database.

A command is ``pending`` until the engine takes it (``taken``), then ``done`` or ``failed`` with a
result. A client that gives up waiting cancels it atomically, so a command never fires late.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .models import Command

KINDS = ("broadcast", "stop", "reload", "shutdown")


def enqueue(session: Session, kind: str, payload: dict[str, Any], by: str | None = None) -> Command:
    if kind not in KINDS:
        raise ValueError(kind)
    cmd = Command(kind=kind, payload=payload, created_by=by)
    session.add(cmd)
    session.flush()
    return cmd


def take_pending(session: Session, now: datetime) -> list[Command]:
    """Claim every pending command, oldest first (each claim is atomic)."""
    taken: list[Command] = []
    for cmd in session.scalars(select(Command).where(Command.state == "pending").order_by(Command.id)):
        res = session.execute(update(Command).where(Command.id == cmd.id, Command.state == "pending").values(state="taken", taken_at=now))
        if res.rowcount == 1:  # type: ignore[attr-defined]
            cmd.state, cmd.taken_at = "taken", now
            taken.append(cmd)
    return taken


def finish(session: Session, command_id: int, state: str, result: dict[str, Any] | None = None) -> None:
    session.execute(update(Command).where(Command.id == command_id).values(state=state, result=result, finished_at=datetime.now(UTC)))


def cancel_if_pending(session: Session, command_id: int) -> bool:
    """Cancel a command nobody took yet; False when the engine took it first."""
    res = session.execute(
        update(Command).where(Command.id == command_id, Command.state == "pending").values(state="cancelled", finished_at=datetime.now(UTC))
    )
    return bool(res.rowcount == 1)  # type: ignore[attr-defined]


def wait_for(sessions: Any, command_id: int, states: tuple[str, ...], timeout_s: float, poll_s: float = 0.1) -> Command | None:
    """Poll until the command reaches one of ``states`` (returns it) or the timeout (None)."""
    deadline = time.monotonic() + timeout_s
    while True:
        with sessions() as s:
            cmd = s.get(Command, command_id)
            if cmd is not None and cmd.state in states:
                return cmd
        if time.monotonic() >= deadline:
            return None
        time.sleep(poll_s)
