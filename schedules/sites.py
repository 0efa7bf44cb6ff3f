"""Several PCs on one database (issue 18): each PC's name, and where records say it.

A PC's name belongs to the PC, not to the shared database: it is kept in the data folder
(``pc-name``, written by ``loaxa init --pc-name``), or given by ``LOAXA_PC_NAME``; without either
it is the host name. Every session of a workspace carries it (``session.info["pc"]``) and fills
it in on what it adds to the audit log, the command queue and the as-run log, so each record
says which PC it came from; the engine also writes it on the lease (``pc``, and ``standby_pc``
for the standby that waits).
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

from sqlalchemy import event, update
from sqlalchemy.orm import Session, sessionmaker

from .i18n import _
from .models import AsRunRecord, AuditEntry, Command, EngineLease, EngineUptime
from .text import check_text, has_control, shown

PC_FILE = "pc-name"
MAX_LEN = 64


def check_pc_name(name: str) -> str:
    """A PC's name as typed: trimmed, 1-64 characters, no control character (InputRefused)."""
    return check_text(name, field=_("PC name"), max_len=MAX_LEN)


def pc_name(data_dir: Path) -> str:
    """This PC's name: ``LOAXA_PC_NAME``, else the data folder's ``pc-name``, else the host name."""
    env = os.environ.get("LOAXA_PC_NAME", "").strip()
    if env:
        return env[:MAX_LEN]
    f = data_dir / PC_FILE
    try:
        stored = f.read_text(encoding="utf-8").strip()
    except OSError:
        stored = ""
    return stored[:MAX_LEN] if stored else socket.gethostname()[:MAX_LEN]


def set_pc_name(data_dir: Path, name: str) -> str:
    """Store this PC's name in its data folder (checked first; written whole or not at all)."""
    name = check_pc_name(name)
    f = data_dir / PC_FILE
    tmp = f.with_suffix(".tmp")
    tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp, f)
    return name


def attach(sessions: sessionmaker[Session], pc: str) -> None:
    """Make every session of ``sessions`` carry ``pc`` and stamp it on the records it adds."""
    sessions.configure(info={"pc": pc})
    event.listen(sessions, "before_flush", _stamp)


def _stamp(session: Session, _ctx: Any, _instances: Any) -> None:
    pc = session.info.get("pc")
    if not pc:
        return
    for obj in session.new:
        if isinstance(obj, (AuditEntry, Command, AsRunRecord, EngineUptime)) and obj.pc is None:
            obj.pc = pc


def note_active(session: Session, holder: str, pc: str) -> None:
    """The engine ``holder`` (which has just taken the lease) runs on ``pc``."""
    session.execute(update(EngineLease).where(EngineLease.id == 1, EngineLease.holder == holder).values(pc=pc, standby_pc=None))
    session.execute(update(EngineUptime).where(EngineUptime.holder == holder, EngineUptime.pc.is_(None)).values(pc=pc))


def note_standby(session: Session, pc: str) -> None:
    """A standby engine on ``pc`` waits (its time is kept by ``engine_store.note_standby``)."""
    session.execute(update(EngineLease).where(EngineLease.id == 1).values(standby_pc=pc))


def lease_pcs(session: Session) -> tuple[str | None, str | None]:
    """The names of the active engine's PC and of the waiting standby's PC (as last noted)."""
    row = session.get(EngineLease, 1)
    if row is None:
        return None, None
    session.refresh(row)
    return row.pc, row.standby_pc


def check_listen_url(url: str) -> str | None:
    """Where an endpoint's receivers listen when it is not where LoaXa streams (a relay):
    ``http(s)://HOST[:PORT]/MOUNT``; ``""`` clears it (None). InputRefused otherwise."""
    from urllib.parse import urlsplit

    from .errors import InputRefused

    u = (url or "").strip()
    if not u:
        return None
    try:
        parts = urlsplit(u)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        parts, port_ok = None, False
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or not port_ok
        or parts.path in ("", "/")
        or parts.username
        or parts.password
        or has_control(u)
        or len(u) > 500
    ):
        raise InputRefused(
            _("--listen-url: '{url}' is not where receivers listen; give http://RELAY:PORT/MOUNT (no password), or \"\" to clear it.", url=shown(u, 120))
        )
    return u
