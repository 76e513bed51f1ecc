"""Sightings: the report's reporter, category, region and time copied onto each indicator link.

The registry counts independent reports, merges categories and filters by region from its
own table, so it no longer reads the reports table (reports sit above the registry).

Revision ID: 0003_sightings
Revises: 0002_freeze
Create Date: 2026-12-02 12:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_sightings"
down_revision = "0002_freeze"
branch_labels = None
depends_on = None

_COPIED = ("reporter_fingerprint", "category", "region")


def upgrade() -> None:
    with op.batch_alter_table("report_indicators") as batch:
        batch.add_column(sa.Column("reporter_fingerprint", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("category", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("region", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("reported_at", sa.DateTime(timezone=True), nullable=True))
    for column in (*_COPIED, "created_at"):
        target = "reported_at" if column == "created_at" else column
        op.execute(
            f"UPDATE report_indicators SET {target} = (SELECT reports.{column} FROM reports "
            "WHERE reports.id = report_indicators.report_id)"
        )
    with op.batch_alter_table("report_indicators") as batch:
        batch.alter_column("reporter_fingerprint", existing_type=sa.String(64), nullable=False)
        batch.alter_column("category", existing_type=sa.String(32), nullable=False)
        batch.alter_column("reported_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch.create_index("ix_report_indicators_region", ["region"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("report_indicators") as batch:
        batch.drop_index("ix_report_indicators_region")
        for column in ("reported_at", *reversed(_COPIED)):
            batch.drop_column(column)
