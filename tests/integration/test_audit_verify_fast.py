"""The audit chain's fast walk on SQLite (one printf per row, bytes hashed as SQLite hands them
over), its slower second look at a row SQLite prints differently from its stored JSON, the clock
the rows take their time from, and the one-time codes confirmed before they are saved."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyotp
import pytest

from schedules import accounts, audit
from schedules.clock import FixedClock
from schedules.errors import InputRefused
from schedules.models import AuditEntry
from schedules.workspace import Workspace

PW = "mat-khau-kiem-tra-1"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    w = Workspace.open(tmp_path / "data")
    yield w
    w.close()


def _rows(ws: Workspace, n: int) -> None:
    with ws.session() as s:
        for i in range(n):
            audit.record(s, "item.edit", "item", i, actor="Cán bộ A", title=f"Thông báo {i}", before={"title": "cũ"} if i % 2 else None)


def _append_raw(ws: Workspace, details_text: str) -> int:
    """One row written by hand the way a writer would chain it, its details stored as given."""
    with sqlite3.connect(ws.data_dir / "loaxa.db") as con:
        prev = con.execute("SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]
        at = datetime(2026, 3, 1, tzinfo=UTC).strftime(audit.AT_FORMAT)
        c = audit.content(at, "x", "item.edit", "item", "1", details_text, "null", "null", None, True)
        cur = con.execute(
            "INSERT INTO audit_log (at, actor, action, object_kind, object_id, details, before, after, before_accounts, prev_hash, row_hash) "
            "VALUES (?, 'x', 'item.edit', 'item', '1', ?, 'null', 'null', 1, ?, ?)",
            (at, details_text, prev, audit.chain_hash(prev, c)),
        )
        con.execute("UPDATE meta SET value = value + 1 WHERE key = 'audit_rows'")
        return int(cur.lastrowid or 0)


def test_the_fast_walk_names_the_first_bad_row_and_counts_the_good_ones(ws: Workspace) -> None:
    _rows(ws, 500)
    assert audit.verify(ws.engine) == audit.Verdict(500)
    with sqlite3.connect(ws.data_dir / "loaxa.db") as con:
        con.execute("UPDATE audit_log SET object_id = NULL WHERE id = 400")  # NULL prints as '' in the walk
        con.execute('UPDATE audit_log SET before = \'{"title": "khác"}\' WHERE id = 301')
    v = audit.verify(ws.engine)
    assert (v.rows, v.bad_row, v.problem) == (300, 301, "edited")


def test_a_number_sqlite_prints_its_own_way_gets_a_second_look_not_a_false_alarm(ws: Workspace) -> None:
    _rows(ws, 20)
    # '1e+20' in a JSON column (NUMERIC affinity) is kept as a REAL that SQLite prints '1.0e+20'
    rid = _append_raw(ws, "1e+20")
    with sqlite3.connect(ws.data_dir / "loaxa.db") as con:
        assert con.execute("SELECT typeof(details), printf('%s', details) FROM audit_log WHERE id = ?", (rid,)).fetchone() == ("real", "1.0e+20")
    _rows(ws, 5)
    assert audit.verify(ws.engine) == audit.Verdict(26)
    # the same row changed by hand is still caught
    with sqlite3.connect(ws.data_dir / "loaxa.db") as con:
        con.execute("UPDATE audit_log SET details = 2e20 WHERE id = ?", (rid,))
    v = audit.verify(ws.engine)
    assert (v.bad_row, v.problem) == (rid, "edited")


def test_rows_take_their_time_from_the_sessions_clock(ws: Workspace) -> None:
    at = datetime(2027, 3, 1, 5, 30, tzinfo=UTC)
    with ws.session() as s:
        s.info["clock"] = FixedClock(at)
        audit.record(s, "item.edit", "item", 1, actor="a")
        s.add(AuditEntry(action="item.add", object_kind="item", object_id="2", actor="a"))  # sealed by the flush hook
    with ws.session() as s:
        audit.record(s, "item.edit", "item", 3, actor="a", clock=FixedClock(at + timedelta(hours=1)))
    with ws.sessions() as s:
        got = [(e.object_id, e.at.replace(tzinfo=UTC) if e.at.tzinfo is None else e.at) for e in audit.entries(s)]
    assert sorted(got) == [("1", at), ("2", at), ("3", at + timedelta(hours=1))]
    assert audit.verify(ws.engine).ok


def test_lockout_and_tokens_follow_the_clock_given(ws: Workspace) -> None:
    clock = FixedClock(datetime(2027, 3, 1, tzinfo=UTC))
    with ws.session() as s:
        accounts.add(s, "canbo", ["operator"], PW)
    for _ in range(5):
        with ws.session() as s:
            accounts.authenticate(s, "canbo", "sai-mat-khau-nhe", clock=clock)
    with ws.session() as s:
        assert accounts.authenticate(s, "canbo", PW, clock=clock).problem == "locked"
    clock.advance(31)
    with ws.session() as s:
        acc = accounts.authenticate(s, "canbo", PW, clock=clock).account
        assert acc is not None and acc.last_login_at.replace(tzinfo=UTC) == clock.now()
        token = accounts.open_session(s, acc, hours=1, clock=clock)
    with ws.session() as s:
        assert accounts.resolve(s, token, clock=clock) is not None
        clock.advance(3601)
        assert accounts.resolve(s, token, clock=clock) is None, "expired an hour later on the same clock"


def test_one_time_codes_are_saved_only_when_a_first_code_matches(ws: Workspace) -> None:
    clock = FixedClock(datetime(2027, 3, 1, 8, 0, 10, tzinfo=UTC))
    with ws.session() as s:
        accounts.add(s, "chutich", ["approver"], PW)
    with ws.session() as s:
        secret, uri = accounts.totp_offer(s, "chutich")
    assert pyotp.parse_uri(uri).secret == secret
    totp = pyotp.TOTP(secret)
    with ws.session() as s, pytest.raises(InputRefused):
        accounts.totp_confirm(s, "chutich", secret, totp.at(clock.now() - timedelta(minutes=5)), clock=clock)
    with ws.sessions() as s:
        assert accounts.get(s, "chutich").totp_secret is None
    code = totp.at(clock.now())
    with ws.session() as s:
        accounts.totp_confirm(s, "chutich", secret, code, clock=clock)
    with ws.session() as s:
        acc = accounts.get(s, "chutich")
        assert acc.totp_secret == secret
        assert not accounts.totp_check(s, acc, code, clock=clock), "the confirming code is used"
        clock.advance(30)
        assert accounts.totp_check(s, acc, totp.at(clock.now()), clock=clock)
    with ws.session() as s:
        accounts.totp_remove(s, "chutich")
    with ws.session() as s, pytest.raises(InputRefused):
        accounts.totp_remove(s, "chutich")
    with ws.sessions() as s:
        assert [e.action for e in audit.entries(s, action="account.totp")] == ["account.totp_remove", "account.totp_enrol"]


def test_a_row_copied_by_hand_is_named_not_its_original(ws: Workspace) -> None:
    _rows(ws, 100)
    with sqlite3.connect(ws.data_dir / "loaxa.db") as con:
        cols = "at, actor, action, object_kind, object_id, details, before, after, pc, before_accounts, prev_hash, row_hash"
        con.execute(f"INSERT INTO audit_log (id, {cols}) SELECT 101, {cols} FROM audit_log WHERE id = 50")
        con.execute("UPDATE meta SET value = value + 1 WHERE key = 'audit_rows'")
    v = audit.verify(ws.engine)
    assert (v.rows, v.bad_row, v.problem) == (100, 101, "chain_broken")
