"""Reports: campaigns (items and playlists may belong to one), citizen feedback, endpoint status
kept as intervals, and engine runs kept from the lease (up/down time).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
        sa.UniqueConstraint("name", name=op.f("uq_campaigns_name")),
    )
    with op.batch_alter_table("items") as batch:
        batch.add_column(sa.Column("campaign_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_items_campaign_id_campaigns"), "campaigns", ["campaign_id"], ["id"], ondelete="SET NULL")
        batch.create_index(op.f("ix_items_campaign_id"), ["campaign_id"], unique=False)
    with op.batch_alter_table("playlists") as batch:
        batch.add_column(sa.Column("campaign_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_playlists_campaign_id_campaigns"), "campaigns", ["campaign_id"], ["id"], ondelete="SET NULL")
        batch.create_index(op.f("ix_playlists_campaign_id"), ["campaign_id"], unique=False)
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("area_code", sa.String(64), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["area_code"], ["areas.code"], name=op.f("fk_feedback_area_code_areas"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], name=op.f("fk_feedback_item_id_items"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaigns.id"], name=op.f("fk_feedback_campaign_id_campaigns"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    op.create_index(op.f("ix_feedback_received_at"), "feedback", ["received_at"])
    op.create_index(op.f("ix_feedback_area_code"), "feedback", ["area_code"])
    op.create_table(
        "endpoint_status_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("endpoint_code", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("until", sa.DateTime(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_endpoint_status_log")),
    )
    op.create_index("ix_endpoint_status_log_code_until", "endpoint_status_log", ["endpoint_code", "until"])
    op.create_index("ix_endpoint_status_log_since", "endpoint_status_log", ["since"])
    op.create_table(
        "engine_uptime",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("host", sa.String(200), nullable=True),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("last_beat_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engine_uptime")),
    )
    op.create_index(op.f("ix_engine_uptime_started_at"), "engine_uptime", ["started_at"])
    op.create_index("ix_as_run_outcome_planned", "as_run", ["outcome", "planned_start"])


def downgrade() -> None:
    op.drop_index("ix_as_run_outcome_planned", table_name="as_run")
    op.drop_index(op.f("ix_engine_uptime_started_at"), table_name="engine_uptime")
    op.drop_table("engine_uptime")
    op.drop_index("ix_endpoint_status_log_since", table_name="endpoint_status_log")
    op.drop_index("ix_endpoint_status_log_code_until", table_name="endpoint_status_log")
    op.drop_table("endpoint_status_log")
    op.drop_index(op.f("ix_feedback_area_code"), table_name="feedback")
    op.drop_index(op.f("ix_feedback_received_at"), table_name="feedback")
    op.drop_table("feedback")
    with op.batch_alter_table("playlists") as batch:
        batch.drop_index(op.f("ix_playlists_campaign_id"))
        batch.drop_constraint(op.f("fk_playlists_campaign_id_campaigns"), type_="foreignkey")
        batch.drop_column("campaign_id")
    with op.batch_alter_table("items") as batch:
        batch.drop_index(op.f("ix_items_campaign_id"))
        batch.drop_constraint(op.f("fk_items_campaign_id_campaigns"), type_="foreignkey")
        batch.drop_column("campaign_id")
    op.drop_table("campaigns")
