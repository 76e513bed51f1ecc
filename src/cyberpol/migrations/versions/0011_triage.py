"""The triage queue walks indicators of one status, the latest seen first.

Revision ID: 0011_triage
Revises: 0010_sign_in
Create Date: 2026-12-03 09:10:00
"""

from alembic import op

revision = "0011_triage"
down_revision = "0010_sign_in"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_indicators_status_last_seen", "indicators", ["status", "last_seen"])


def downgrade() -> None:
    op.drop_index("ix_indicators_status_last_seen", table_name="indicators")
