"""Calls blocked by the verdicts, counted per day, operator and reason.

Revision ID: 0016_call_blocks
Revises: 0015_protected_numbers
Create Date: 2026-12-03 15:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_call_blocks"
down_revision = "0015_protected_numbers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "call_blocks",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("operator", sa.String(length=32), primary_key=True),
        sa.Column("reason", sa.String(length=32), primary_key=True),
        sa.Column("attempts", sa.BigInteger(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("call_blocks")
