"""The monitoring queue (resources, their history, block requests for them) and the
partners subscribed to its feeds.

Revision ID: 0018_monitoring
Revises: 0017_block_requests
Create Date: 2026-12-03 21:05:00
"""

import sqlalchemy as sa
from alembic import op

from cyberpol.platform.db.masked import MaskedJSON, MaskedString, MaskedText
from cyberpol.platform.db.metadata import ID

revision = "0018_monitoring"
down_revision = "0017_block_requests"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "monitored_resources",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", MaskedString(2048), nullable=False),
        sa.Column("value_key", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("source_ref", MaskedString(300), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", MaskedJSON, nullable=False),
        sa.Column("brand", sa.String(length=253), nullable=False),
        sa.Column("tlp", sa.String(length=16), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True)),
        sa.Column("blocked_at", sa.DateTime(timezone=True)),
        sa.Column("assignee", MaskedString(100)),
        sa.Column("taken_down_on", sa.Date()),
        sa.Column("recheck_at", sa.DateTime(timezone=True)),
        sa.Column("note", MaskedText),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitored_resources")),
        sa.UniqueConstraint("value_key", name=op.f("uq_monitored_resources_value_key")),
    )
    op.create_table(
        "feed_subscriptions",
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("tlp", sa.String(length=16), nullable=False),
        sa.Column("formats", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", MaskedString(100), nullable=False),
        sa.PrimaryKeyConstraint("organisation", name=op.f("pk_feed_subscriptions")),
    )
    for column in ("state", "found_at", "updated_at", "recheck_at"):
        op.create_index(f"ix_monitored_resources_{column}", "monitored_resources", [column])
    op.create_table(
        "resource_events",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("resource_id", ID, nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("actor", MaskedString(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("details", MaskedJSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["resource_id"],
            ["monitored_resources.id"],
            ondelete="CASCADE",
            name=op.f("fk_resource_events_resource_id_monitored_resources"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resource_events")),
    )
    op.create_index("ix_resource_events_resource_id", "resource_events", ["resource_id"])
    op.create_table(
        "takedown_requests",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("resource_id", ID, nullable=False),
        sa.Column("party", sa.String(length=16), nullable=False),
        sa.Column("addressee", MaskedString(200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("issued_by", MaskedString(100), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", MaskedText),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
        sa.Column("answer_note", MaskedText),
        sa.ForeignKeyConstraint(
            ["resource_id"],
            ["monitored_resources.id"],
            ondelete="CASCADE",
            name=op.f("fk_takedown_requests_resource_id_monitored_resources"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_takedown_requests")),
    )
    op.create_index("ix_takedown_requests_resource_id", "takedown_requests", ["resource_id"])
    op.create_index("ix_takedown_requests_state_due_at", "takedown_requests", ["state", "due_at"])


def downgrade() -> None:
    op.drop_table("takedown_requests")
    op.drop_table("resource_events")
    op.drop_table("monitored_resources")
    op.drop_table("feed_subscriptions")
