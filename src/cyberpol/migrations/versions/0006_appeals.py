"""Appeals: an owner asks for a listed number, card, site or handle to be taken off.

Revision ID: 0006_appeals
Revises: 0005_contact_sealing
Create Date: 2026-12-03 02:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_appeals"
down_revision = "0005_contact_sealing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appeals",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "indicator_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            sa.ForeignKey("indicators.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("contact", sa.Text()),
        sa.Column("language", sa.String(length=2)),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.Column("decided_by", sa.String(length=100)),
        sa.Column("decision_reason", sa.Text()),
    )
    op.create_index("ix_appeals_created_at", "appeals", ["created_at"])
    op.create_index("ix_appeals_status", "appeals", ["status"])
    op.create_table(
        "appeal_files",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column(
            "appeal_id",
            sa.String(length=32),
            sa.ForeignKey("appeals.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_appeal_files_appeal_id", "appeal_files", ["appeal_id"])


def downgrade() -> None:
    op.drop_table("appeal_files")
    op.drop_table("appeals")
