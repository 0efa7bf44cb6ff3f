"""The audit log: who changed what, when, from which PC; append-only and hash-chained.

Every row holds the SHA-256 of the previous row's hash and its own content (who, what, when, the
PC, the values before and after), so a row edited, deleted or inserted by hand (with the sqlite3
shell, say) breaks the chain at that row, and :func:`verify` names it. The number of rows is kept
in ``meta`` (``audit_rows``) in the same transaction, so rows cut from the end show too.

Rows are sealed when they are flushed (:func:`seal`, a ``before_flush`` hook every session of
:func:`schedules.db.make_sessionmaker` has): whatever adds an :class:`AuditEntry` gets a chained
row. Rows made while the database had no accounts keep their free-text actor and are marked
``before_accounts``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, insert, select, text
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import instance_state

from .clock import SYSTEM_CLOCK, Clock
from .models import AuditEntry

GENESIS = "0" * 64
AT_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's SQLite storage format: the text verify reads back
COUNT_KEY = "audit_rows"
_PG_LOCK = 150_015  # pg_advisory_xact_lock key: one audit writer at a time on PostgreSQL
_SEPARATORS = re.compile("[\x1e\x1f]")

# the signed-in person of this process or task (set by the CLI or the window after sign-in)
_actor: ContextVar[str | None] = ContextVar("loaxa_audit_actor", default=None)


_process_actor: str | None = None  # the window's signed-in person (its writes run on other threads)


def set_actor(name: str | None) -> None:
    """The signed-in account's name: the actor of every row this task records from now on."""
    _actor.set(name)


def set_process_actor(name: str | None) -> None:
    """The signed-in person of the whole process (the window: every thread writes in their name)."""
    global _process_actor
    _process_actor = name


def current_actor() -> str | None:
    return _actor.get() or _process_actor


def record(
    session: Session,
    action: str,
    object_kind: str,
    object_id: object = None,
    *,
    actor: str | None = None,
    before: Any = None,
    after: Any = None,
    clock: Clock | None = None,
    **details: Any,
) -> None:
    """Add one chained audit row in the caller's transaction (so it commits or rolls back with it).

    The actor is the signed-in account when there is one (a name given by the caller is then
    ignored: it was checked to be the same), else the free-text ``actor``. The row is written at
    once, straight through the session's connection (a fraction of the ORM's cost per row). Its
    time comes from ``clock``, else the session's (``session.info["clock"]``), else the system's."""
    before, after = _not_a_bare_number(before), _not_a_bare_number(after)
    clock = clock or session_clock(session)
    conn = session.connection()
    if conn.dialect.name == "sqlite" and _returning_ok("sqlite"):
        raw = conn.connection.dbapi_connection
        if raw is not None and _record_sqlite(raw, session, clock, action, object_kind, object_id, actor, before, after, details):
            return
    prev, accounts_exist = _head(conn, 1)
    at = clock.now().astimezone(UTC)
    pc = session.info.get("pc")
    who = current_actor() or actor
    values: dict[str, Any] = {
        "at": at,
        "actor": None if who is None else _plain(who),
        "action": _plain(action),
        "object_kind": _plain(object_kind),
        "object_id": None if object_id is None else _plain(str(object_id)),
        "details": details or None,
        "before": before,
        "after": after,
        "before_accounts": not accounts_exist,
    }
    pc_col = _HAS_PC and pc
    if pc_col:
        values["pc"] = pc = _plain(pc)
    c = content(
        at.strftime(AT_FORMAT),
        values["actor"],
        values["action"],
        values["object_kind"],
        values["object_id"],
        _json_text(values["details"]),
        _json_text(before),
        _json_text(after),
        pc if pc_col else None,
        values["before_accounts"],
    )
    values["prev_hash"] = prev
    values["row_hash"] = chain_hash(prev, c)
    conn.execute(_INSERT, values)


_SQLITE_HEAD = (
    "UPDATE meta SET value = value + 1 WHERE key = 'audit_rows' "
    "RETURNING (SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1), (SELECT 1 FROM accounts WHERE removed_at IS NULL LIMIT 1)"
)


def session_clock(session: Session) -> Clock:
    """The clock of this session's audit rows: ``session.info["clock"]`` when set (tests, simulation), else the system's."""
    clock: Clock = session.info.get("clock") or SYSTEM_CLOCK
    return clock


def _record_sqlite(
    raw: Any,
    session: Session,
    clock: Clock,
    action: str,
    object_kind: str,
    object_id: object,
    actor: str | None,
    before: Any,
    after: Any,
    details: dict[str, Any],
) -> bool:
    """:func:`record` on SQLite through the driver's own cursor, in the same transaction: the two
    statements cost a fraction of a millisecond. The values are stored exactly as SQLAlchemy's
    types store them (UTC text with microseconds, ``json.dumps`` text). False: no counter row yet."""
    cur = raw.cursor()
    try:
        cur.execute(_SQLITE_HEAD)
        head = cur.fetchone()
        if head is None:
            return False
        prev, accounts_exist = head[0] or GENESIS, head[1] is not None
        at = clock.now().astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")  # AT_FORMAT, a little faster
        who = current_actor() or actor
        who = None if who is None else _plain(who)
        oid = None if object_id is None else _plain(str(object_id))
        action, object_kind = _plain(action), _plain(object_kind)
        d, b, a = _json_text(details or None), _json_text(before), _json_text(after)
        pc = session.info.get("pc") if _HAS_PC else None
        pc = None if not pc else _plain(pc)
        row_hash = chain_hash(prev, content(at, who, action, object_kind, oid, d, b, a, pc, not accounts_exist))
        if _HAS_PC:
            cur.execute(
                "INSERT INTO audit_log (at, actor, action, object_kind, object_id, details, before, after, pc, before_accounts, prev_hash, row_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (at, who, action, object_kind, oid, d, b, a, pc, int(not accounts_exist), prev, row_hash),
            )
        else:
            cur.execute(
                "INSERT INTO audit_log (at, actor, action, object_kind, object_id, details, before, after, before_accounts, prev_hash, row_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (at, who, action, object_kind, oid, d, b, a, int(not accounts_exist), prev, row_hash),
            )
        return True
    finally:
        cur.close()


def _not_a_bare_number(value: Any) -> Any:
    """A JSON number alone would be kept by SQLite as a number (12.0 comes back as 12) and no
    longer hash as written: it is kept as ``{"value": N}``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"value": value}
    return value


_INSERT = insert(AuditEntry)  # one compiled statement, the values as parameters
_HAS_PC = hasattr(AuditEntry, "pc")  # the PC column comes with migration 0009 (schedules/sites.py)


# --- the chain --------------------------------------------------------------------------------


def _plain(value: str | None) -> str:
    if value is None:
        return ""
    # the separators are never in a plain field: the common case costs two scans, no regex
    return _SEPARATORS.sub("?", value) if "\x1f" in value or "\x1e" in value else value


def _json_text(value: Any) -> str:
    # exactly what SQLAlchemy's JSON type stores (json.dumps with its defaults), so verify can
    # hash the stored text without parsing it; SQL NULL and JSON null read the same
    return "null" if value is None else json.dumps(value)


def content(
    at: str,
    actor: str | None,
    action: str,
    object_kind: str,
    object_id: str | None,
    details: str,
    before: str,
    after: str,
    pc: str | None,
    before_accounts: bool,
) -> str:
    """A row's canonical content: its fields joined by the unit separator (which plain fields never hold)."""
    return "\x1f".join((at, actor or "", action, object_kind, object_id or "", details, before, after, pc or "", "1" if before_accounts else "0"))


def chain_hash(prev_hash: str, row_content: str) -> str:
    return hashlib.sha256(f"{prev_hash}\x1e{row_content}".encode()).hexdigest()


_HEAD_SQL = text(
    "UPDATE meta SET value = value + :n WHERE key = 'audit_rows' "
    "RETURNING (SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1), (SELECT 1 FROM accounts WHERE removed_at IS NULL LIMIT 1)"
)


def _returning_ok(dialect: str) -> bool:
    if dialect == "sqlite":
        return _SQLITE_RETURNING
    return dialect == "postgresql"


_SQLITE_RETURNING = sqlite3.sqlite_version_info >= (3, 35)  # UPDATE ... RETURNING


def _head(conn: Any, n: int) -> tuple[str, bool]:
    """Take the audit lock, count ``n`` new rows; returns (the last row's hash, accounts exist)."""
    dialect = conn.dialect.name
    if dialect == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
    head = conn.execute(_HEAD_SQL, {"n": n}).first() if _returning_ok(dialect) else None
    if head is None:  # no counter yet (or no RETURNING): the same in several statements
        res = conn.execute(text("UPDATE meta SET value = value + :n WHERE key = :k"), {"n": n, "k": COUNT_KEY})
        if res.rowcount == 0:
            count = conn.execute(text("SELECT COUNT(*) FROM audit_log")).scalar() or 0
            conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v)"), {"k": COUNT_KEY, "v": int(count) + n})
        last = conn.execute(text("SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1")).scalar()
        accounts_exist = conn.execute(text("SELECT 1 FROM accounts WHERE removed_at IS NULL LIMIT 1")).first() is not None
        return last or GENESIS, accounts_exist
    return head[0] or GENESIS, head[1] is not None


def seal(session: Session, _ctx: Any = None, _instances: Any = None) -> None:
    """Chain the audit rows about to be inserted (a ``before_flush`` hook).

    The counter update comes first: it takes the database's write lock (SQLite) before the last
    hash is read, so two processes cannot both chain onto the same row. One statement does both
    where the database can return values from an UPDATE (SQLite 3.35+, PostgreSQL)."""
    new = [o for o in session.new if isinstance(o, AuditEntry) and o.row_hash is None]
    if not new:
        return
    new.sort(key=lambda o: instance_state(o).insert_order or 0)
    prev, accounts_exist = _head(session.connection(), len(new))
    pc = session.info.get("pc")
    marker = not accounts_exist
    clock = session_clock(session)
    for e in new:
        if e.at is None:
            e.at = clock.now()
        e_pc = getattr(e, "pc", None)  # the PC column comes with migration 0009 (schedules/sites.py)
        if e_pc is None and pc and hasattr(e, "pc"):
            e.pc = e_pc = pc
        e.actor = None if e.actor is None else _plain(e.actor)
        e.object_id = None if e.object_id is None else _plain(e.object_id)
        if e_pc is not None:
            e.pc = e_pc = _plain(e_pc)
        e.action, e.object_kind = _plain(e.action), _plain(e.object_kind)
        e.before, e.after = _not_a_bare_number(e.before), _not_a_bare_number(e.after)
        if e.before_accounts is None or not e.before_accounts:
            e.before_accounts = marker
        at = e.at.astimezone(UTC).strftime(AT_FORMAT)
        c = content(
            at, e.actor, e.action, e.object_kind, e.object_id, _json_text(e.details), _json_text(e.before), _json_text(e.after), e_pc, e.before_accounts
        )
        e.prev_hash = prev
        e.row_hash = prev = chain_hash(prev, c)


# --- verification -----------------------------------------------------------------------------

_VERIFY_SQL = (
    "SELECT id, at, actor, action, object_kind, object_id, details, before, after, {pc}, before_accounts, prev_hash, row_hash FROM audit_log ORDER BY id"
)


@dataclass(frozen=True)
class Verdict:
    """What :func:`verify` found: ``bad_row`` is the first row that breaks the chain (None: it holds)."""

    rows: int
    bad_row: int | None = None
    problem: str | None = None  # edited | chain_broken | rows_missing_at_end | extra_rows

    @property
    def ok(self) -> bool:
        return self.problem is None


def _rows(engine: Engine, batch: int = 20_000) -> Iterator[Sequence[Any]]:
    with engine.connect() as conn:
        cols = {c["name"] for c in __import__("sqlalchemy").inspect(conn).get_columns("audit_log")}
        sql = _VERIFY_SQL.format(pc="pc" if "pc" in cols else "NULL")
        raw = conn.connection.dbapi_connection
        assert raw is not None
        cur = raw.cursor()
        cur.execute(sql)
        while True:
            rows = cur.fetchmany(batch)
            if not rows:
                break
            yield rows
        cur.close()


_SQLITE_VERIFY_SQL = (
    # SQLite builds each row's hashed text itself, the stored link first, with one printf (one
    # string built once, not nineteen concatenations), handed over as bytes (no decode and
    # encode in Python): the loop only hashes and compares. A NULL prints as ''. A row whose
    # stored values SQLite prints differently from their JSON text (a JSON number kept as a
    # REAL by the column's NUMERIC affinity) is read again and joined in Python before it is
    # called edited.
    "SELECT prev_hash, row_hash, CAST(printf('%s' || char(30) || '%s' || char(31) || '%s' || char(31) || '%s' || char(31) || '%s' || char(31) || '%s' "
    "|| char(31) || '%s' || char(31) || '%s' || char(31) || '%s' || char(31) || '%s' || char(31) || '%s', prev_hash, at, actor, action, object_kind, object_id, "
    "coalesce(details, 'null'), coalesce(before, 'null'), coalesce(after, 'null'), {pc}, CASE WHEN before_accounts THEN 1 ELSE 0 END) AS BLOB) "
    "FROM audit_log ORDER BY id"
)


def _verify_sqlite(engine: Engine) -> Verdict | tuple[int, str]:
    """The fast walk on SQLite: (rows, last hash) when the chain holds, else the verdict."""
    prev = GENESIS
    n = 0
    sha = hashlib.sha256
    with engine.connect() as conn:
        cols = {c["name"] for c in __import__("sqlalchemy").inspect(conn).get_columns("audit_log")}
        pc = "pc" if "pc" in cols else "NULL"
        raw = conn.connection.dbapi_connection
        assert raw is not None
        cur = raw.cursor()
        cur.execute(_SQLITE_VERIFY_SQL.format(pc=pc))
        try:
            while rows := cur.fetchmany(1_000):  # small batches stay in the CPU cache: ~20 % faster than 50,000
                for row in rows:
                    prev_hash, row_hash, text_ = row
                    if prev_hash != prev:
                        at = n + _position(rows, row)
                        return Verdict(at, _row_id(raw, at), "chain_broken")
                    if sha(text_).hexdigest() != row_hash:
                        at = n + _position(rows, row)
                        rid = _row_id(raw, at)
                        if not _holds_when_joined_in_python(raw, rid, pc, prev, row_hash):
                            return Verdict(at, rid, "edited")
                    prev = row_hash
                n += len(rows)
        finally:
            cur.close()
    return n, prev


def _position(rows: Sequence[Any], row: Any) -> int:
    """Where ``row`` is in its batch (by identity: a row copied by hand is equal to its original)."""
    return next(i for i, r in enumerate(rows) if r is row)


def _row_id(raw: Any, position: int) -> int:
    """The id of the row at ``position`` (0-based) in id order: the walk reads no ids."""
    one = raw.cursor()
    try:
        one.execute("SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET ?", (position,))
        got = one.fetchone()
    finally:
        one.close()
    assert got is not None  # a row just read
    return int(got[0])


def _holds_when_joined_in_python(raw: Any, rid: int, pc: str, prev: str, row_hash: str) -> bool:
    one = raw.cursor()
    try:
        one.execute(_VERIFY_SQL.format(pc=pc).replace("ORDER BY id", "WHERE id = ?"), (rid,))
        full = one.fetchone()
    finally:
        one.close()
    return full is not None and chain_hash(prev, _content_of(full)) == row_hash


def _content_of(row: Sequence[Any]) -> str:
    _rid, at, actor, action, kind, oid, details, before, after, pc, marker, _p, _h = row
    if not isinstance(at, str):
        at = at.strftime(AT_FORMAT)
    return "\x1f".join(
        (at, actor or "", action, kind, oid or "", _stored_json(details), _stored_json(before), _stored_json(after), pc or "", "1" if marker else "0")
    )


def _stored_json(value: Any) -> str:
    if value is None:
        return "null"
    return value if isinstance(value, str) else json.dumps(value)


def verify(engine: Engine) -> Verdict:
    """Walk the chain from the first row; the first row whose hash or link does not hold is named.

    Reads the stored text directly (no ORM, no JSON parsing): a million rows take a few seconds."""
    if engine.dialect.name == "sqlite":
        got = _verify_sqlite(engine)
        if isinstance(got, Verdict):
            return got
        return _count_check(engine, got[0])
    prev = GENESIS
    n = 0
    sha = hashlib.sha256
    for rows in _rows(engine):
        for rid, at, actor, action, kind, oid, details, before, after, pc, marker, prev_hash, row_hash in rows:
            if not isinstance(at, str):
                at = at.strftime(AT_FORMAT)
            if details is None:
                details = "null"
            elif not isinstance(details, str):
                details = json.dumps(details)
            if before is None:
                before = "null"
            elif not isinstance(before, str):
                before = json.dumps(before)
            if after is None:
                after = "null"
            elif not isinstance(after, str):
                after = json.dumps(after)
            c = "\x1f".join((at, actor or "", action, kind, oid or "", details, before, after, pc or "", "1" if marker else "0"))
            if prev_hash != prev:
                return Verdict(n, rid, "chain_broken")
            if sha(f"{prev}\x1e{c}".encode()).hexdigest() != row_hash:
                return Verdict(n, rid, "edited")
            prev = row_hash
            n += 1
    return _count_check(engine, n)


def _count_check(engine: Engine, n: int) -> Verdict:
    """Rows cut from the end leave no broken link: the count kept with every write shows them."""
    with engine.connect() as conn:
        counted = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": COUNT_KEY}).scalar()
        last = conn.execute(text("SELECT MAX(id) FROM audit_log")).scalar()
    if counted is not None and int(counted) > n:
        return Verdict(n, (last or 0) + 1, "rows_missing_at_end")
    if counted is not None and int(counted) < n:
        return Verdict(n, last, "extra_rows")
    return Verdict(n)


# --- reading ----------------------------------------------------------------------------------


def entries(
    session: Session,
    *,
    start: datetime | None = None,
    until: datetime | None = None,
    user: str | None = None,
    action: str | None = None,
    limit: int | None = None,
) -> list[AuditEntry]:
    """Audit rows, newest first, filtered by time window, actor and action (a prefix: ``item.``)."""
    q = select(AuditEntry).order_by(AuditEntry.id.desc())
    if start is not None:
        q = q.where(AuditEntry.at >= start)
    if until is not None:
        q = q.where(AuditEntry.at < until)
    if user:
        q = q.where(AuditEntry.actor == user)
    if action:
        q = q.where(AuditEntry.action.startswith(action, autoescape=True))
    if limit:
        q = q.limit(limit)
    return list(session.scalars(q))


def entry_dict(e: AuditEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "at": e.at.isoformat() if e.at else None,
        "actor": e.actor,
        "action": e.action,
        "object_kind": e.object_kind,
        "object_id": e.object_id,
        "details": e.details,
        "before": e.before,
        "after": e.after,
        "pc": e.pc,
        "before_accounts": bool(e.before_accounts),
    }
