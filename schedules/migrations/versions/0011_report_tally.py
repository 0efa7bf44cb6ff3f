"""Reports: each as-run record keeps what it counts for (``as_run.tally``, written when it closes:
see schedules/reporting_tally.py), an index that holds a report's cells in order with every figure
(endpoint, field, priority, start, tally, frames, verified; SQLite), a partial index on the records
without a tally and one on those that did not air (their reasons). Records already closed get
their tally here, worked out by the expression the reports used before, so an upgraded database
reports the same figures; a large table is analysed so that the planner knows the new indexes.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# The tally as the reports worked it out per row until 0010 (kept here as SQL: a migration does
# not follow later changes of the application's code). 0 the rest of an airing, 1 aired on time,
# 2 aired late, 3 missed, 4 failed, 5 stopped, 6 skipped.
_FOLLOW_UP = (
    "CASE WHEN resumes_run IS NOT NULL THEN 1 WHEN offset_s > 0 THEN "
    "(occurrence_key LIKE '%:r' OR occurrence_key LIKE '%:c' OR occurrence_key LIKE '%:p%') ELSE 0 END"
)
_ON_TIME = {
    "sqlite": (
        "actual_start IS NOT NULL"
        " AND (julianday(actual_start) - julianday(planned_start)) * 86400.0 - offset_s <= 1.0"
        " AND (julianday(actual_start) - julianday(planned_start)) * 86400.0 - offset_s >= -1.0"
    ),
    "postgresql": (
        "actual_start IS NOT NULL AND CASE WHEN offset_s = 0"
        " THEN actual_start BETWEEN planned_start - interval '1 second' AND planned_start + interval '1 second'"
        " ELSE CAST(extract(epoch FROM actual_start - planned_start) AS double precision) - offset_s <= 1.0"
        " AND CAST(extract(epoch FROM actual_start - planned_start) AS double precision) - offset_s >= -1.0 END"
    ),
}


def _tally(dialect: str) -> str:
    follow_up = _FOLLOW_UP if dialect == "sqlite" else _FOLLOW_UP.replace("THEN 1", "THEN true").replace("ELSE 0", "ELSE false")
    aired = "(outcome IN ('completed', 'partial', 'on_air') OR (outcome IN ('preempted', 'interrupted') AND bytes_sent > 0))"
    return (
        f"CASE WHEN ({follow_up}) THEN 0"
        f" WHEN {aired} THEN CASE WHEN {_ON_TIME[dialect]} THEN 1 ELSE 2 END"
        " WHEN outcome = 'failed' THEN 4 WHEN outcome = 'stopped' THEN 5 WHEN outcome = 'skipped' THEN 6 ELSE 3 END"
    )


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("as_run") as batch:
        batch.add_column(sa.Column("tally", sa.SmallInteger(), nullable=True))
    sql = f"UPDATE as_run SET tally = {_tally(dialect)} WHERE outcome <> 'on_air'"
    op.execute(sa.text(sql.replace(":", "\\:")))  # the keys' ':r' are text, not bound parameters
    if dialect == "sqlite":  # it skips through the leading columns; PostgreSQL before 18 cannot
        op.create_index(
            "ix_as_run_cells",
            "as_run",
            ["endpoint_code", "field", "priority", "planned_start", "tally", "frames_sent", "verified"],
        )
    op.create_index(
        "ix_as_run_unsettled",
        "as_run",
        ["planned_start"],
        sqlite_where=sa.text("tally IS NULL"),
        postgresql_where=sa.text("tally IS NULL"),
    )
    key = ["planned_start", "tally", "endpoint_code", "field", "priority", "playlist_id"]
    if dialect == "postgresql":  # without the texts: a long reason would exceed its index row size
        op.create_index("ix_as_run_unaired", "as_run", key, postgresql_where=sa.text("tally >= 3"))
    else:
        op.create_index("ix_as_run_unaired", "as_run", [*key, "reason", "items", "reason_data"], sqlite_where=sa.text("tally >= 3"))
    # a table with years of records: the planner learns the new index now (a small one is left to
    # its defaults, which statistics taken on a few rows would mislead as it grows)
    if op.get_bind().execute(sa.text("SELECT count(*) FROM as_run")).scalar_one() >= 10000:
        op.execute("ANALYZE as_run")


def downgrade() -> None:
    op.drop_index("ix_as_run_unaired", table_name="as_run")
    op.drop_index("ix_as_run_unsettled", table_name="as_run")
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index("ix_as_run_cells", table_name="as_run")
    with op.batch_alter_table("as_run") as batch:
        batch.drop_column("tally")
