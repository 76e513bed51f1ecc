"""Indicator reporters: each indicator's distinct reporters, so reports are counted by increments.

Back-filled from the sightings, and every indicator's independent report count is set from it,
so the counters and the table agree from the first report after the upgrade.

Revision ID: 0004_indicator_reporters
Revises: 0003_sightings
Create Date: 2026-12-09 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_indicator_reporters"
down_revision = "0003_sightings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator_reporters",
        sa.Column(
            "indicator_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("reporter_fingerprint", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_indicator_reporters_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "indicator_id", "reporter_fingerprint", name=op.f("pk_indicator_reporters")
        ),
    )
    op.execute(
        "INSERT INTO indicator_reporters (indicator_id, reporter_fingerprint) "
        "SELECT DISTINCT indicator_id, reporter_fingerprint FROM report_indicators"
    )
    op.execute(
        "UPDATE indicators SET report_count = (SELECT count(*) FROM indicator_reporters "
        "WHERE indicator_reporters.indicator_id = indicators.id) "
        "WHERE id IN (SELECT indicator_id FROM indicator_reporters)"
    )


def downgrade() -> None:
    op.drop_table("indicator_reporters")
