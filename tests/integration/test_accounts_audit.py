"""Accounts and the hash-chained audit trail on a real SQLite file (issue 15)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from schedules import accounts, audit, db
from schedules.errors import InputRefused
from schedules.models import Account, AuditEntry
from schedules.workspace import Workspace

PW = "rau-muong-xao-toi"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    w = Workspace.open(tmp_path / "data")
    yield w
    w.close()


def _sql(ws: Workspace, stmt: str, *args: object) -> None:
    con = sqlite3.connect(ws.data_dir / "loaxa.db")
    con.execute(stmt, args)
    con.commit()
    con.close()


def _rows(ws: Workspace, n: int) -> None:
    with ws.session() as s:
        for i in range(n):
            audit.record(s, "item.edit", "item", i, actor="Cán bộ A", title=f"Thông báo {i}")


def test_an_untouched_chain_of_thousands_of_rows_verifies(ws: Workspace) -> None:
    _rows(ws, 3000)
    v = audit.verify(ws.engine)
    assert v.ok and v.rows == 3000


@pytest.mark.parametrize(
    ("tamper", "bad", "problem"),
    [
        ("UPDATE audit_log SET actor = 'Kẻ gian' WHERE id = 57", 57, "edited"),
        ('UPDATE audit_log SET details = \'{"title": "khac"}\' WHERE id = 12', 12, "edited"),
        ("DELETE FROM audit_log WHERE id = 30", 31, "chain_broken"),
        ("DELETE FROM audit_log WHERE id = 100", 100, "rows_missing_at_end"),
    ],
)
def test_a_row_changed_by_hand_is_named(ws: Workspace, tamper: str, bad: int, problem: str) -> None:
    _rows(ws, 100)
    _sql(ws, tamper)
    v = audit.verify(ws.engine)
    assert (v.bad_row, v.problem) == (bad, problem)


def test_a_row_inserted_by_hand_is_named(ws: Workspace) -> None:
    _rows(ws, 50)
    with sqlite3.connect(ws.data_dir / "loaxa.db") as con:
        prev, h = con.execute("SELECT prev_hash, row_hash FROM audit_log WHERE id = 20").fetchone()
        # a forger copies a real row's hashes into a new row placed between two others
        con.execute("UPDATE audit_log SET id = id + 1000 WHERE id > 20")
        con.execute(
            "INSERT INTO audit_log (id, at, actor, action, object_kind, before_accounts, prev_hash, row_hash) VALUES (21, '2026-01-01 00:00:00.000000', 'x', 'item.approved', 'item', 1, ?, ?)",
            (h, h),
        )
    v = audit.verify(ws.engine)
    assert v.bad_row == 21 and v.problem == "edited"


def test_rows_before_accounts_are_marked_and_after_are_not(ws: Workspace) -> None:
    _rows(ws, 1)
    with ws.session() as s:
        accounts.add(s, "quantri", ["admin"], PW)
    audit.set_actor("quantri")
    try:
        _rows(ws, 1)
    finally:
        audit.set_actor(None)
    with ws.session() as s:
        got = [(e.actor, e.before_accounts) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert got == [("Cán bộ A", True), (None, False), ("quantri", False)]
    assert audit.verify(ws.engine).ok


def test_passwords_are_argon2id_and_checked(ws: Workspace) -> None:
    with ws.session() as s:
        for bad in ("ngan", "quantri12345", "54321irtnauq"):
            with pytest.raises(InputRefused):
                accounts.add(s, "quantri", ["admin"], bad)
        accounts.add(s, "quantri", ["admin"], PW)
    with ws.session() as s:
        stored = s.scalar(select(Account.password_hash))
    assert stored.startswith("$argon2id$") and PW not in stored


def test_lockout_after_five_failures_with_a_growing_delay(ws: Workspace) -> None:
    with ws.session() as s:
        accounts.add(s, "canbo", ["operator"], PW)
    t0 = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
    for i in range(4):
        with ws.session() as s:
            assert accounts.authenticate(s, "canbo", "sai-mat-khau-roi", t0).problem == "bad", i
    with ws.session() as s:
        r = accounts.authenticate(s, "canbo", "sai-mat-khau-roi", t0)
    assert r.problem == "locked" and r.wait_s == 30
    with ws.session() as s:  # the right password does not help while locked
        assert accounts.authenticate(s, "canbo", PW, t0 + timedelta(seconds=29)).problem == "locked"
    with ws.session() as s:  # a sixth failure after the delay locks for longer
        assert accounts.authenticate(s, "canbo", "sai-mat-khau-roi", t0 + timedelta(seconds=31)).wait_s == 60
    with ws.session() as s:
        assert accounts.authenticate(s, "canbo", PW, t0 + timedelta(seconds=92)).account is not None
    with ws.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions.count("login.failed") == 6 and actions.count("account.locked_out") == 2 and actions[-1] == "login"


def test_tokens_expire_and_are_revocable_and_stored_hashed(ws: Workspace) -> None:
    with ws.session() as s:
        acc = accounts.add(s, "canbo", ["operator"], PW)
        t0 = datetime.now(UTC)
        tok = accounts.open_session(s, acc, hours=1, now=t0)
    with ws.session() as s:
        assert accounts.resolve(s, tok).name == "canbo"
        assert accounts.resolve(s, tok, t0 + timedelta(hours=2)) is None
        stored = s.execute(text("SELECT token_sha256 FROM account_sessions")).scalar()
        assert tok not in stored
        assert accounts.revoke(s, tok)
    with ws.session() as s:
        assert accounts.resolve(s, tok) is None


def test_totp_code_is_good_once(ws: Workspace) -> None:
    import pyotp

    with ws.session() as s:
        accounts.add(s, "chutich", ["approver"], PW)
        secret, uri = accounts.totp_enrol(s, "chutich")
    assert uri.startswith("otpauth://totp/")
    code = pyotp.TOTP(secret).now()
    with ws.session() as s:
        acc = accounts.get(s, "chutich")
        assert not accounts.totp_check(s, acc, "000000" if code != "000000" else "111111")
        assert accounts.totp_check(s, acc, code)
    with ws.session() as s:
        assert not accounts.totp_check(s, accounts.get(s, "chutich"), code), "a used code is refused"


def test_upgrading_a_wave1_database_keeps_and_marks_its_audit_rows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = db.make_engine(url)
    db.migrate(engine, "0007")
    with engine.begin() as conn:
        for i, who in enumerate(["Chủ tịch xã", "Cán bộ A", None]):
            conn.execute(
                text("INSERT INTO audit_log (at, actor, action, object_kind, object_id, details) VALUES (:at, :who, 'item.approved', 'item', :oid, :d)"),
                {"at": f"2026-0{i + 1}-02 03:04:05.000000", "who": who, "oid": str(i + 1), "d": '{"previous": "draft"}'},
            )
        conn.execute(
            text(
                "INSERT INTO items (title, field, priority, content_type, language, duration_s, state, approved_by, search_key, created_at, updated_at) VALUES ('Tin cũ', 1, 3, 3, 'vi', 1.0, 'approved', 'Chủ tịch xã', '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
    db.migrate(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT actor, before_accounts, details FROM audit_log ORDER BY id")).fetchall()
        approved_by = conn.execute(text("SELECT approved_by FROM items")).scalar()
    assert [(r[0], bool(r[1])) for r in rows] == [("Chủ tịch xã", True), ("Cán bộ A", True), (None, True)]
    assert rows[0][2] == '{"previous": "draft"}' and approved_by == "Chủ tịch xã"
    assert audit.verify(engine).ok
    sessions = db.make_sessionmaker(engine)
    with sessions() as s, s.begin():
        audit.record(s, "item.edit", "item", 1, actor="Cán bộ A")
    v = audit.verify(engine)
    assert v.ok and v.rows == 4
    engine.dispose()


def test_command_permitted_follows_the_role_at_execution_time(ws: Workspace) -> None:
    from schedules import commands

    with ws.session() as s:
        c1 = commands.enqueue(s, "broadcast", {"targets": ["x"], "priority": 1, "item_ids": [1]}, by="nobody").id
        assert accounts.command_permitted(s, c1), "before accounts everything is permitted"
        accounts.add(s, "canbo", ["operator"], PW)
        accounts.add(s, "chutich", ["approver"], PW)
        emergency_by_operator = commands.enqueue(s, "broadcast", {"targets": ["x"], "priority": 1, "item_ids": [1]}, by="canbo").id
        normal_by_operator = commands.enqueue(s, "broadcast", {"targets": ["x"], "priority": 3, "item_ids": [1]}, by="canbo").id
        stop_by_approver = commands.enqueue(s, "stop", {"targets": ["x"]}, by="chutich").id
        assert not accounts.command_permitted(s, emergency_by_operator)
        assert accounts.command_permitted(s, normal_by_operator)
        assert accounts.command_permitted(s, stop_by_approver)
        assert not accounts.command_permitted(s, c1), "an unknown user is refused once accounts exist"
        accounts.edit(s, "chutich", roles=["operator"])
        assert not accounts.command_permitted(s, stop_by_approver), "the role is checked when the command runs"


def test_emergencies_settings_and_endpoint_changes_are_in_the_chain_without_secrets(ws: Workspace) -> None:
    from schedules import areas, commands, endpoints, settings
    from schedules.commands import BroadcastRequest

    with ws.session() as s:
        areas.add_area(s, "X1", "Xã An Bình", "commune")
        endpoints.add_endpoint(s, "loa1", "Loa 1", "X1", "icecast://source:bi-mat-nguon@127.0.0.1:8000/a")
        accounts.add(s, "chutich", ["approver"], PW)
    audit.set_actor("chutich")
    try:
        with ws.session() as s:
            cmd = commands.enqueue_broadcast(s, BroadcastRequest(["X1"], item_ids=[1], priority=1, actor="Chủ tịch xã (gõ tay)"))
            assert cmd.created_by == "chutich" and cmd.payload["actor"] == "chutich", "the signed-in user, whatever name was typed"
            settings.set_value(s, "accounts.four_eyes", True)
            settings.set_value(s, "backup.keep", 9)  # JSON numbers: SQLite keeps them as numbers
            settings.set_value(s, "accounts.session_hours", 0.00001 + 1)
            endpoints.edit_endpoint(s, "loa1", name="Loa thôn Đông", password="mat-khau-moi-123")
    finally:
        audit.set_actor(None)
    with ws.sessions() as s:
        s_rows = list(s.scalars(select(AuditEntry)))
        rows = {e.action: e for e in s_rows}
    em = rows["command.broadcast"]
    assert em.actor == "chutich" and em.details["priority"] == 1 and em.details["targets"] == ["X1"]
    got = {e.object_id: (e.before, e.after) for e in s_rows if e.action == "setting.set"}
    assert got["accounts.four_eyes"] == (False, True)
    assert got["backup.keep"] == ({"value": 7}, {"value": 9}), "a number alone is kept in an object (SQLite would turn 12.0 into 12)"
    ep = rows["endpoint.edit"]
    assert ep.before["name"] == "Loa 1" and ep.after["name"] == "Loa thôn Đông" and ep.after["password"] == "***"
    dump = "\n".join(sqlite3.connect(ws.data_dir / "loaxa.db").iterdump())
    audit_part = "\n".join(line for line in dump.splitlines() if "audit_log" in line)
    assert "mat-khau-moi-123" not in audit_part and "bi-mat-nguon" not in audit_part
    assert audit.verify(ws.engine).ok
