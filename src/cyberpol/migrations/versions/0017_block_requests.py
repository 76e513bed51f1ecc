"""Block requests to mobile operators, their events, and the numbers holders hold.

Revision ID: 0017_block_requests
Revises: 0016_call_blocks
Create Date: 2026-12-03 15:10:00
"""

import sqlalchemy as sa
from alembic import op

from cyberpol.platform.db.masked import MaskedJSON, MaskedString, MaskedText
from cyberpol.platform.db.metadata import ID

revision = "0017_block_requests"
down_revision = "0016_call_blocks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "block_requests",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("case_number", sa.String(length=64), nullable=False),
        sa.Column("legal_basis", MaskedText, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=32), nullable=False),
        sa.Column("operator", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("issued_by", MaskedString(100), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("parent_id", ID),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True)),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
        sa.Column("restored_at", sa.DateTime(timezone=True)),
        sa.Column("answer_note", MaskedText),
        sa.Column("holder_ref", sa.String(length=64)),
        sa.Column("holder_numbers", sa.Integer()),
        sa.Column("live_key", sa.String(length=100)),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["block_requests.id"],
            name=op.f("fk_block_requests_parent_id_block_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_block_requests")),
        sa.UniqueConstraint("live_key", name=op.f("uq_block_requests_live_key")),
    )
    op.create_index("ix_block_requests_case_number", "block_requests", ["case_number"])
    op.create_index("ix_block_requests_operator", "block_requests", ["operator"])
    op.create_index("ix_block_requests_holder_ref", "block_requests", ["holder_ref"])
    op.create_table(
        "block_events",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("request_id", ID, nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("actor", MaskedString(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("details", MaskedJSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["block_requests.id"],
            ondelete="CASCADE",
            name=op.f("fk_block_events_request_id_block_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_block_events")),
    )
    op.create_index("ix_block_events_request_id", "block_events", ["request_id"])
    op.create_table(
        "holder_numbers",
        sa.Column("holder_ref", sa.String(length=64), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("operator", sa.String(length=32), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("holder_ref", "number", name=op.f("pk_holder_numbers")),
    )


def downgrade() -> None:
    op.drop_table("holder_numbers")
    op.drop_table("block_events")
    op.drop_table("block_requests")
