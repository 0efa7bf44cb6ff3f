"""The provincial information system (HTTTN): the outbox, uploaded files, pulled bulletins and the
adapter's state.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "httn_outbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    op.create_index("ix_httn_outbox_state_id", "httn_outbox", ["state", "id"])
    op.create_index("ix_httn_outbox_key_state", "httn_outbox", ["key", "state"])
    op.create_table(
        "httn_files",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("link", sa.Text(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "httn_bulletins",
        sa.Column("remote_id", sa.String(200), primary_key=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("items.id", ondelete="SET NULL", name="fk_httn_bulletins_item_id_items"), nullable=True),
        sa.Column("title", sa.String(500), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "httn_state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("httn_state")
    op.drop_table("httn_bulletins")
    op.drop_table("httn_files")
    op.drop_index("ix_httn_outbox_key_state", table_name="httn_outbox")
    op.drop_index("ix_httn_outbox_state_id", table_name="httn_outbox")
    op.drop_table("httn_outbox")
