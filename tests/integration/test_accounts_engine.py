"""The engine checks the queuing user's role when it carries out a command (issue 15)."""

from __future__ import annotations

from pathlib import Path

from schedules import accounts, commands
from schedules.commands import BroadcastRequest
from schedules.models import AuditEntry, Command
from schedules.workspace import Workspace
from tests.conftest import wait_until
from tests.support.onair import add_items, commune, engine_running

PW = "mat-khau-du-dai-1"


def test_a_command_whose_user_lacks_the_role_fails_not_permitted(ws: Workspace, tmp_path: Path) -> None:
    commune(ws, ("loa1", (tmp_path / "out").as_uri()))
    (item,) = add_items(ws, tmp_path, (2.0, 440))
    with ws.session() as s:
        accounts.add(s, "canbo", ["operator"], PW)
        accounts.add(s, "chutich", ["approver"], PW)
        refused = commands.enqueue_broadcast(s, BroadcastRequest(["loa1"], item_ids=[item], priority=1, actor="canbo")).id
        stranger = commands.enqueue(s, "stop", {"targets": ["loa1"], "actor": "ai-do"}, by="ai-do").id
        allowed = commands.enqueue(s, "stop", {"targets": ["loa1"], "actor": "chutich"}, by="chutich").id
    with engine_running(ws, verify_s=0):
        assert wait_until(lambda: not {"pending", "taken"} & set(_states(ws, refused, stranger, allowed)), 15)
    with ws.sessions() as s:
        got = {c.id: (c.state, (c.result or {}).get("error")) for c in s.query(Command)}
        refusals = [e.object_id for e in s.query(AuditEntry).filter(AuditEntry.action == "command.refused")]
    assert got[refused] == ("failed", "not permitted")
    assert got[stranger] == ("failed", "not permitted")
    assert got[allowed][0] == "done"
    assert sorted(refusals) == sorted([str(refused), str(stranger)])


def _states(ws: Workspace, *ids: int) -> list[str]:
    with ws.sessions() as s:
        return [s.get(Command, i).state for i in ids]  # type: ignore[union-attr]
