"""A working day: an optional slot length on schedules, and the content a commune expects
(source, weekday, by when) for the late-supply warnings.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("schedules") as batch:
        batch.add_column(sa.Column("slot_s", sa.Float(), nullable=True))
    op.create_table(
        "supply_expectations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("by_time", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("supply_expectations")
    with op.batch_alter_table("schedules") as batch:
        batch.drop_column("slot_s")
