"""Numbers that never place calls (the do-not-originate list).

Revision ID: 0015_protected_numbers
Revises: 0014_operators
Create Date: 2026-12-03 14:00:00
"""

import sqlalchemy as sa
from alembic import op

from cyberpol.platform.db.masked import MaskedString

revision = "0015_protected_numbers"
down_revision = "0014_operators"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "protected_numbers",
        sa.Column("number", sa.String(length=32), primary_key=True),
        sa.Column("label", MaskedString(200), nullable=False),
        sa.Column("added_by", MaskedString(100), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("protected_numbers")
