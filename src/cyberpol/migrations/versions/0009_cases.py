"""Cases: the case, its victims and suspects (sealed), links, notes, state changes and
evidence (content in ``evidence_files``).

Revision ID: 0009_cases
Revises: 0008_evidence
Create Date: 2026-12-03 07:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_cases"
down_revision = "0008_evidence"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _case_id() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("case_id", _ID, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("erdr_number", sa.String(length=15), unique=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("article", sa.String(length=32), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("region", sa.String(length=32)),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("close_ground", sa.String(length=24)),
        sa.Column("investigator", sa.String(length=100)),
        sa.Column("opened_by", sa.String(length=100), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state_since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True)),
        sa.Column("frozen_amount", sa.Numeric(18, 2), nullable=False),
        sa.Column("returned_amount", sa.Numeric(18, 2), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    for column in ("category", "region", "state", "investigator", "opened_at", "deadline"):
        op.create_index(f"ix_cases_{column}", "cases", [column])
    op.create_table(
        "case_parties",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        _case_id(),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("contact", sa.Text()),
        sa.Column("loss", sa.Numeric(18, 2), nullable=False),
        sa.Column("pensioner", sa.Boolean(), nullable=False),
        sa.Column("report_id", sa.String(length=32)),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "case_links",
        sa.Column("case_id", _ID, sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("kind", sa.String(length=24), primary_key=True),
        sa.Column("ref", sa.String(length=200), primary_key=True),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "case_notes",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        _case_id(),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_table(
        "case_events",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        _case_id(),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("from_state", sa.String(length=16)),
        sa.Column("to_state", sa.String(length=16), nullable=False),
        sa.Column("ground", sa.String(length=24)),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_table(
        "case_evidence",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        _case_id(),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_case_evidence_sha256", "case_evidence", ["sha256"])
    for table in ("case_parties", "case_notes", "case_events", "case_evidence"):
        op.create_index(f"ix_{table}_case_id", table, ["case_id"])


def downgrade() -> None:
    for table in ("case_evidence", "case_events", "case_notes", "case_links", "case_parties"):
        op.drop_table(table)
    op.drop_table("cases")
