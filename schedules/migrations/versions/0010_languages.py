"""Languages of the areas (issue 17): an area lists the languages its notices must be heard in
(``areas.languages``, comma-separated codes, inherited by the areas beneath it), and the versions
of one bulletin in several languages are linked (``items.bulletin_key``: the items sharing a key are
one bulletin).

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("areas") as batch:
        batch.add_column(sa.Column("languages", sa.String(200), nullable=True))
    with op.batch_alter_table("items") as batch:
        batch.add_column(sa.Column("bulletin_key", sa.String(64), nullable=True))
        batch.create_index("ix_items_bulletin_key", ["bulletin_key"])


def downgrade() -> None:
    with op.batch_alter_table("items") as batch:
        batch.drop_index("ix_items_bulletin_key")
        batch.drop_column("bulletin_key")
    with op.batch_alter_table("areas") as batch:
        batch.drop_column("languages")
