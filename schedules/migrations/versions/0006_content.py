"""Content made in LoaXa: the text of a spoken notice (as typed and as said) and a composed
bulletin's recipe, kept on the item.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("items") as batch:
        batch.add_column(sa.Column("text_typed", sa.Text(), nullable=True))
        batch.add_column(sa.Column("text_spoken", sa.Text(), nullable=True))
        batch.add_column(sa.Column("composition", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("items") as batch:
        batch.drop_column("composition")
        batch.drop_column("text_spoken")
        batch.drop_column("text_typed")
