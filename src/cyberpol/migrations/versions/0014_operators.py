"""Mobile operators connected to CyberPol.

Revision ID: 0014_operators
Revises: 0013_case_tallies
Create Date: 2026-12-03 13:00:00
"""

import sqlalchemy as sa
from alembic import op

from cyberpol.platform.db.masked import MaskedString

revision = "0014_operators"
down_revision = "0013_case_tallies"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "operators",
        sa.Column("code", sa.String(length=32), primary_key=True),
        sa.Column("name", MaskedString(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("operators")
