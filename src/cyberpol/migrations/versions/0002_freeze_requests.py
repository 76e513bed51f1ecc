"""Freeze requests: banks, requests with a version for compare-and-set, followed money, events.

Revision ID: 0002_freeze
Revises: 0001
Create Date: 2026-11-23 13:52:30.650422
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_freeze"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "banks",
        sa.Column("code", sa.String(length=11), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_banks")),
    )
    op.create_table(
        "freeze_requests",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("case_number", sa.String(length=64), nullable=False),
        sa.Column("bank_code", sa.String(length=11), nullable=False),
        sa.Column("account_key", sa.String(length=200), nullable=False),
        sa.Column("account_display", sa.String(length=200), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("requested_amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("frozen_amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("onward_amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("returned_amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("hop", sa.Integer(), nullable=False),
        sa.Column(
            "parent_request_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("open_key", sa.String(length=64), nullable=True),
        sa.Column("issued_by", sa.String(length=100), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answer_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.Column("release_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["bank_code"], ["banks.code"], name=op.f("fk_freeze_requests_bank_code_banks")
        ),
        sa.ForeignKeyConstraint(
            ["parent_request_id"],
            ["freeze_requests.id"],
            name=op.f("fk_freeze_requests_parent_request_id_freeze_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_freeze_requests")),
        sa.UniqueConstraint("open_key", name=op.f("uq_freeze_requests_open_key")),
    )
    with op.batch_alter_table("freeze_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_freeze_requests_bank_code"), ["bank_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_freeze_requests_case_number"), ["case_number"], unique=False
        )
        batch_op.create_index(
            "ix_freeze_requests_state_answer_due_at", ["state", "answer_due_at"], unique=False
        )
        batch_op.create_index(
            "ix_freeze_requests_state_expires_at", ["state", "expires_at"], unique=False
        )

    op.create_table(
        "freeze_events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "request_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=True),
        sa.Column("to_state", sa.String(length=20), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.Column("digest", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["freeze_requests.id"],
            name=op.f("fk_freeze_events_request_id_freeze_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_freeze_events")),
        sa.UniqueConstraint(
            "request_id", "idempotency_key", name="uq_freeze_events_request_id_idempotency_key"
        ),
    )
    with op.batch_alter_table("freeze_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_freeze_events_request_id"), ["request_id"], unique=False
        )

    op.create_table(
        "freeze_transfers",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("case_number", sa.String(length=64), nullable=False),
        sa.Column(
            "from_request_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("from_bank", sa.String(length=11), nullable=True),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("hop", sa.Integer(), nullable=False),
        sa.Column("to_account_key", sa.String(length=200), nullable=True),
        sa.Column("to_account_display", sa.String(length=200), nullable=True),
        sa.Column("to_bank", sa.String(length=11), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=True),
        sa.Column("moved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("bank_reference", sa.String(length=128), nullable=True),
        sa.Column("origin_transfer_id", sa.String(length=128), nullable=True),
        sa.Column(
            "next_request_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("exit_kind", sa.String(length=20), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["from_request_id"],
            ["freeze_requests.id"],
            name=op.f("fk_freeze_transfers_from_request_id_freeze_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["next_request_id"],
            ["freeze_requests.id"],
            name=op.f("fk_freeze_transfers_next_request_id_freeze_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_freeze_transfers")),
        sa.UniqueConstraint(
            "case_number", "origin_transfer_id", name="uq_freeze_transfers_case_number_origin"
        ),
    )
    with op.batch_alter_table("freeze_transfers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_freeze_transfers_case_number"), ["case_number"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_freeze_transfers_from_request_id"), ["from_request_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_freeze_transfers_next_request_id"), ["next_request_id"], unique=False
        )
    _make_freeze_events_append_only()


def _make_freeze_events_append_only() -> None:
    """A request's history is evidence, like the audit log: the database refuses edits."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION freeze_events_append_only() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'freeze_events is append-only'; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER freeze_events_append_only BEFORE UPDATE OR DELETE ON freeze_events "
            "FOR EACH ROW EXECUTE FUNCTION freeze_events_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER freeze_events_no_{event.lower()} BEFORE {event} ON freeze_events "
                "BEGIN SELECT RAISE(ABORT, 'freeze_events is append-only'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS freeze_events_append_only ON freeze_events")
        op.execute("DROP FUNCTION IF EXISTS freeze_events_append_only()")
    with op.batch_alter_table("freeze_transfers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_freeze_transfers_next_request_id"))
        batch_op.drop_index(batch_op.f("ix_freeze_transfers_from_request_id"))
        batch_op.drop_index(batch_op.f("ix_freeze_transfers_case_number"))

    op.drop_table("freeze_transfers")
    with op.batch_alter_table("freeze_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_freeze_events_request_id"))

    op.drop_table("freeze_events")
    with op.batch_alter_table("freeze_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_freeze_requests_state_expires_at")
        batch_op.drop_index("ix_freeze_requests_state_answer_due_at")
        batch_op.drop_index(batch_op.f("ix_freeze_requests_case_number"))
        batch_op.drop_index(batch_op.f("ix_freeze_requests_bank_code"))

    op.drop_table("freeze_requests")
    op.drop_table("banks")
