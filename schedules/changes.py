"""What a transaction changed, in the words the window's pages listen for (as Anki's collection
operations return ``OpChanges``): the session notes every table its flushes and bulk statements
wrote, and :func:`words` turns them into ``{"items", "schedules", ...}``. The window's hub
announces exactly that after a write, so no operation declares by hand what it changed."""

from __future__ import annotations

from itertools import chain
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from .notify import TABLE_WORDS

KEY = "changed_tables"
# beyond the tables other PCs are told about (notify.TABLE_WORDS): what the pages also show
WORDS: dict[str, str] = {
    **TABLE_WORDS,
    "campaigns": "items",
    "feedback": "runs",
    "endpoint_status_log": "endpoints",
    "supply_expectations": "schedules",
    "accounts": "accounts",
    "account_sessions": "accounts",
    "httn_outbox": "httn",
    "httn_files": "httn",
    "httn_bulletins": "httn",
    "httn_state": "httn",
}


def track(factory: sessionmaker[Session]) -> None:
    """Note the tables every session of ``factory`` writes (in ``session.info``)."""
    event.listen(factory, "after_flush", _flushed)
    event.listen(factory, "do_orm_execute", _executed)


def _flushed(session: Session, _ctx: Any) -> None:
    tables: set[str] = session.info.setdefault(KEY, set())
    for obj in chain(session.new, session.dirty, session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table:
            tables.add(table)


def _executed(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        name = getattr(table, "name", None)
        if name:
            state.session.info.setdefault(KEY, set()).add(name)


def words(session: Session) -> frozenset[str]:
    """The words of what ``session`` wrote so far (tables the pages do not show are left out)."""
    return frozenset(WORDS[t] for t in session.info.get(KEY, ()) if t in WORDS)
