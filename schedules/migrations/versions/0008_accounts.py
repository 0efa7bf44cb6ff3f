"""Accounts, roles, sessions and the hash-chained audit trail (issue 15).

The audit rows already there are kept as they are (free-text actors), marked ``before_accounts``
and chained in id order, so ``loaxa audit verify`` holds on an upgraded database.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

GENESIS = "0" * 64
AT_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def _text(value: object) -> str:
    if value is None:
        return "null"
    return value if isinstance(value, str) else json.dumps(value)


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("full_name", sa.String(200), nullable=True),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("totp_secret", sa.String(64), nullable=True),
        sa.Column("totp_last_step", sa.Integer(), nullable=True),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "account_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id", ondelete="CASCADE", name="fk_account_sessions_account_id_accounts"), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("pc", sa.String(200), nullable=True),
    )
    op.create_index("ix_account_sessions_account_id", "account_sessions", ["account_id"])
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("before", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("after", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("before_accounts", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("prev_hash", sa.String(64), nullable=True))
        batch.add_column(sa.Column("row_hash", sa.String(64), nullable=True))

    # the rows made before accounts: marked, then chained in id order (the same content and hash
    # as schedules/audit.py, written out here so this step never changes with later code)
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, at, actor, action, object_kind, object_id, details FROM audit_log ORDER BY id")).fetchall()
    prev = GENESIS
    sqlite = conn.dialect.name == "sqlite"
    for rid, at, actor, action, kind, oid, details in rows:
        if isinstance(at, datetime):
            at_text = at.strftime(AT_FORMAT)
        else:  # SQLite keeps the text SQLAlchemy wrote; normalise it to the full form
            at_text = datetime.fromisoformat(str(at)).strftime(AT_FORMAT)
        clean = [None if v is None else str(v).replace("\x1e", "?").replace("\x1f", "?") for v in (actor, action, kind, oid)]
        content = "\x1f".join((at_text, clean[0] or "", clean[1] or "", clean[2] or "", clean[3] or "", _text(details), "null", "null", "", "1"))
        row_hash = hashlib.sha256(f"{prev}\x1e{content}".encode()).hexdigest()
        conn.execute(
            sa.text(
                "UPDATE audit_log SET at = :at, actor = :actor, action = :action, object_kind = :kind, object_id = :oid, before_accounts = :t, prev_hash = :p, row_hash = :h WHERE id = :id"
            ),
            {
                "at": at_text if sqlite else datetime.strptime(at_text, AT_FORMAT),
                "actor": clean[0],
                "action": clean[1],
                "kind": clean[2],
                "oid": clean[3],
                "t": True,
                "p": prev,
                "h": row_hash,
                "id": rid,
            },
        )
        prev = row_hash
    conn.execute(sa.text("DELETE FROM meta WHERE key = 'audit_rows'"))
    conn.execute(sa.text("INSERT INTO meta (key, value) VALUES ('audit_rows', :n)"), {"n": len(rows)})


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM meta WHERE key = 'audit_rows'"))
    with op.batch_alter_table("audit_log") as batch:
        for col in ("row_hash", "prev_hash", "before_accounts", "after", "before"):
            batch.drop_column(col)
    op.drop_index("ix_account_sessions_account_id", "account_sessions")
    op.drop_table("account_sessions")
    op.drop_table("accounts")
