"""Several PCs on one database (issue 18): each PC's name where records say where they came
from (the engine lease and its runs, the as-run log, the command queue, the audit log), the URL
receivers of an endpoint listen at when it is a relay's (``endpoints.listen_url``), and on
PostgreSQL the triggers that announce changes to the other PCs (LISTEN/NOTIFY,
``schedules/notify.py``).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# table -> the columns naming a PC
PC_COLUMNS = {
    "engine_lease": ("pc", "standby_pc"),
    "engine_uptime": ("pc",),
    "as_run": ("pc",),
    "commands": ("pc",),
    "audit_log": ("pc",),
}
# the tables that announce their changes (as of this revision; a later one may add tables)
NOTIFY_TABLES = (
    "areas",
    "endpoints",
    "items",
    "renditions",
    "playlists",
    "playlist_entries",
    "schedules",
    "schedule_targets",
    "schedule_exceptions",
    "holidays",
    "holiday_rules",
    "settings",
    "trusted_keys",
    "bundles",
    "commands",
    "as_run",
)


def upgrade() -> None:
    for table, cols in PC_COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for col in cols:
                batch.add_column(sa.Column(col, sa.String(200), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        from schedules.notify import trigger_ddl

        for stmt in trigger_ddl(NOTIFY_TABLES):
            op.execute(stmt)
    with op.batch_alter_table("endpoints") as batch:
        batch.add_column(sa.Column("listen_url", sa.Text(), nullable=True))  # a relay's URL receivers use


def downgrade() -> None:
    with op.batch_alter_table("endpoints") as batch:
        batch.drop_column("listen_url")
    if op.get_bind().dialect.name == "postgresql":
        from schedules.notify import drop_ddl

        for stmt in drop_ddl(NOTIFY_TABLES):
            op.execute(stmt)
    for table, cols in PC_COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for col in cols:
                batch.drop_column(col)
