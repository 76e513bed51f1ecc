"""Reports counted by month, region and scheme for the statistics, backfilled from reports;
indicators found by status and time of their last status change.

Revision ID: 0012_report_tallies
Revises: 0011_triage
Create Date: 2026-12-03 10:00:00
"""

import sqlalchemy as sa
from alembic import op

from cyberpol.platform.db.sql import kz_month

revision = "0012_report_tallies"
down_revision = "0011_triage"
branch_labels = None
depends_on = None


def upgrade() -> None:
    tallies = op.create_table(
        "report_tallies",
        sa.Column("month", sa.String(length=7), primary_key=True),
        sa.Column("region", sa.String(length=32), primary_key=True),
        sa.Column("category", sa.String(length=32), primary_key=True),
        sa.Column("reports", sa.Integer(), nullable=False),
    )
    assert tallies is not None
    reports = sa.table(
        "reports",
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("region", sa.String()),
        sa.column("category", sa.String()),
    )
    month = kz_month(reports.c.created_at)
    region = sa.func.coalesce(reports.c.region, "")
    op.get_bind().execute(
        tallies.insert().from_select(
            ["month", "region", "category", "reports"],
            sa.select(month, region, reports.c.category, sa.func.count()).group_by(
                month, region, reports.c.category
            ),
        )
    )
    op.create_index("ix_indicators_status_updated_at", "indicators", ["status", "updated_at"])


def downgrade() -> None:
    op.drop_index("ix_indicators_status_updated_at", table_name="indicators")
    op.drop_table("report_tallies")
