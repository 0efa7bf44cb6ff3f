"""The command queue: the GUI and CLI ask the engine to act through the database.

A command is ``pending`` until the engine takes it (``taken``), then ``done`` or ``failed`` with a
result. A client that gives up waiting cancels it atomically, so a command never fires late.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .clock import SYSTEM_CLOCK, Clock
from .models import Command

KINDS = ("broadcast", "stop", "reload", "shutdown", "live", "live_stop")


@dataclass(frozen=True)
class BroadcastRequest:
    """ "Broadcast now": what to air (a playlist or items), where, how urgently, asked by whom.
    The CLI and the emergency dialog make one; the engine reads it back from the queue."""

    targets: list[str]
    playlist_id: int | None = None
    item_ids: list[int] = field(default_factory=list)
    priority: int | None = None  # None: the content's own
    actor: str | None = None

    def __post_init__(self) -> None:
        if (self.playlist_id is None) == (not self.item_ids):
            raise ValueError("a broadcast airs either a playlist or items")
        if self.priority is not None and self.priority not in (1, 2, 3):
            raise ValueError(f"priority {self.priority}")

    def payload(self) -> dict[str, Any]:
        d: dict[str, Any] = {"targets": list(self.targets), "priority": self.priority, "actor": self.actor}
        if self.playlist_id is not None:
            d["playlist_id"] = self.playlist_id
        else:
            d["item_ids"] = list(self.item_ids)
        return d

    @classmethod
    def from_payload(cls, p: dict[str, Any]) -> BroadcastRequest:
        prio = p.get("priority")
        return cls(
            targets=[str(t) for t in p.get("targets", [])],
            playlist_id=int(p["playlist_id"]) if p.get("playlist_id") is not None else None,
            item_ids=[int(i) for i in p.get("item_ids") or []],
            priority=int(prio) if prio is not None else None,
            actor=p.get("actor"),
        )


def enqueue_broadcast(session: Session, req: BroadcastRequest) -> Command:
    return enqueue(session, "broadcast", req.payload(), by=req.actor)


def enqueue(session: Session, kind: str, payload: dict[str, Any], by: str | None = None) -> Command:
    if kind not in KINDS:
        raise ValueError(kind)
    from . import audit

    signed_in = audit.current_actor()
    if signed_in:  # with accounts, the command carries the signed-in user, whatever name was typed
        by = signed_in
        if "actor" in payload:
            payload = {**payload, "actor": signed_in}
    cmd = Command(kind=kind, payload=payload, created_by=by)
    session.add(cmd)
    session.flush()
    if kind != "reload":  # who asked to air, stop or shut down is kept in the audit chain
        audit.record(session, f"command.{kind}", "command", cmd.id, actor=by, targets=payload.get("targets"), priority=payload.get("priority"))
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


def finish(session: Session, command_id: int, state: str, result: dict[str, Any] | None = None, *, clock: Clock = SYSTEM_CLOCK) -> None:
    """Record how a command ended (``state``, ``result``), finished at the clock's time."""
    session.execute(update(Command).where(Command.id == command_id).values(state=state, result=result, finished_at=clock.now()))


def cancel_if_pending(session: Session, command_id: int, *, clock: Clock = SYSTEM_CLOCK) -> bool:
    """Cancel a command nobody took yet; False when the engine took it first."""
    res = session.execute(update(Command).where(Command.id == command_id, Command.state == "pending").values(state="cancelled", finished_at=clock.now()))
    return bool(res.rowcount == 1)  # type: ignore[attr-defined]


def wait_for(sessions: Any, command_id: int, states: tuple[str, ...], timeout_s: float, poll_s: float = 0.1) -> Command | None:
    """Poll until the command reaches one of ``states`` (returns it) or the timeout (None)."""
    deadline = time.monotonic() + timeout_s
    while True:
        with sessions() as s:
            cmd: Command | None = s.get(Command, command_id)
            if cmd is not None and cmd.state in states:
                return cmd
        if time.monotonic() >= deadline:
            return None
        time.sleep(poll_s)
