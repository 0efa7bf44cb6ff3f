"""As-run records keep their reason as message ids and values too, so the log shows it in the
reader's language, whatever language the engine wrote it in.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("as_run") as batch:
        batch.add_column(sa.Column("reason_data", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("as_run") as batch:
        batch.drop_column("reason_data")
