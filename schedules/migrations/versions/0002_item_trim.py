"""Items remember how much silence was trimmed at each end.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("items") as batch:
        batch.add_column(sa.Column("trim_start_s", sa.Float(), nullable=True))
        batch.add_column(sa.Column("trim_end_s", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("items") as batch:
        batch.drop_column("trim_end_s")
        batch.drop_column("trim_start_s")
