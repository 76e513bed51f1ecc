"""The database schema (SQLAlchemy Core); Alembic creates it, a test keeps the two in step."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)
_ID = BigInteger().with_variant(Integer, "sqlite")  # SQLite only autoincrements INTEGER

indicators = Table(
    "indicators",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("value", String(2100), nullable=False),
    # What equal indicators share: "kind:value", or "card:<keyed hash>" so no PAN is stored.
    Column("key", String(2200), nullable=False, unique=True),
    Column("status", String(16), nullable=False),
    Column("status_reason", Text),
    Column("attributes", JSON, nullable=False),
    Column("categories", JSON, nullable=False),
    Column("report_count", Integer, nullable=False, default=0),
    Column("source", String(200), nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_indicators_kind_status", "kind", "status"),
    Index("ix_indicators_last_seen", "last_seen"),
)

indicator_blocks = Table(
    "indicator_blocks",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column(
        "indicator_id", ForeignKey("indicators.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("blocked_by", String(16), nullable=False),
    Column("blocker_name", String(200)),
    Column("reason", Text, nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("lifted_at", DateTime(timezone=True)),
)

reports = Table(
    "reports",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    Column("channel", String(16), nullable=False),
    Column("category", String(32), nullable=False, index=True),
    Column("region", String(32), index=True),
    Column("loss_amount", Numeric(18, 2)),
    Column("currency", String(3), nullable=False),
    Column("language", String(2)),
    # Card numbers in the text are masked before it is stored.
    Column("text", Text, nullable=False),
    # Personal data: shown to analysts only, every read audited.
    Column("contact", String(320)),
    Column("reporter_fingerprint", String(64), nullable=False, index=True),
    Column("idempotency_key", String(200), unique=True),
    Column("request_digest", String(64)),
    Column("source_ref", String(200)),
)

report_indicators = Table(
    "report_indicators",
    metadata,
    Column("report_id", ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("indicator_id", ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_report_indicators_indicator_id", "indicator_id"),
)

attachments = Table(
    "attachments",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("report_id", ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("filename", String(255), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("content", LargeBinary, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("organisation", String(200)),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

tokens = Table(
    "tokens",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(12), nullable=False),
    Column("label", String(200)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("actor", String(100), nullable=False),
    Column("action", String(60), nullable=False, index=True),
    Column("object_type", String(30), nullable=False),
    Column("object_id", String(64), nullable=False),
    Column("details", JSON, nullable=False),
    Index("ix_audit_log_object", "object_type", "object_id"),
)

import_runs = Table(
    "import_runs",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("digest", String(64), nullable=False),
    Column("what", String(16), nullable=False),
    Column("source", String(1000), nullable=False),
    Column("rows_done", Integer, nullable=False),
    Column("rows_loaded", Integer, nullable=False),
    Column("rows_rejected", Integer, nullable=False),
    Column("finished", Boolean, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("digest", "what", name="uq_import_runs_digest_what"),
)

banks = Table(
    "banks",
    metadata,
    Column("code", String(11), primary_key=True),  # BIC
    Column("name", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

freeze_requests = Table(
    "freeze_requests",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("case_number", String(64), nullable=False, index=True),
    Column("bank_code", ForeignKey("banks.code"), nullable=False, index=True),
    Column("account_key", String(200), nullable=False),
    Column("account_display", String(200), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("requested_amount", Numeric(18, 2), nullable=False),
    Column("frozen_amount", Numeric(18, 2), nullable=False),
    Column("onward_amount", Numeric(18, 2), nullable=False),
    Column("returned_amount", Numeric(18, 2), nullable=False),
    Column("hop", Integer, nullable=False),
    Column("parent_request_id", ForeignKey("freeze_requests.id")),
    Column("legal_basis", Text, nullable=False),
    Column("state", String(20), nullable=False),
    # Compare-and-set: every change names the version it read and moves it on by one.
    Column("version", Integer, nullable=False),
    # Hash of (case, bank, account, currency) while the request awaits its answer, NULL
    # after: the unique constraint lets only one request per account be open at a time.
    Column("open_key", String(64), unique=True),
    Column("issued_by", String(100), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    Column("answer_due_at", DateTime(timezone=True), nullable=False),
    Column("acknowledged_at", DateTime(timezone=True)),
    Column("answered_at", DateTime(timezone=True)),
    Column("expires_at", DateTime(timezone=True)),
    Column("closed_at", DateTime(timezone=True)),
    Column("rejection_reason", Text),
    Column("release_note", Text),
    Index("ix_freeze_requests_state_answer_due_at", "state", "answer_due_at"),
    Index("ix_freeze_requests_state_expires_at", "state", "expires_at"),
)

# Followed money: investigators' targets (from_request_id NULL) and onward transfers banks
# report, each linked to the request it opened or joined, or to the exit it took.
freeze_transfers = Table(
    "freeze_transfers",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("case_number", String(64), nullable=False, index=True),
    Column("from_request_id", ForeignKey("freeze_requests.id"), index=True),
    Column("from_bank", String(11)),
    Column("amount", Numeric(18, 2), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("hop", Integer, nullable=False),
    Column("to_account_key", String(200)),
    Column("to_account_display", String(200)),
    Column("to_bank", String(11)),
    Column("channel", String(16)),
    Column("moved_at", DateTime(timezone=True)),
    Column("bank_reference", String(128)),
    Column("origin_transfer_id", String(128)),
    Column("next_request_id", ForeignKey("freeze_requests.id"), index=True),
    Column("exit_kind", String(20)),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    # A target from a money trace is issued once per case, however often the trace is re-run.
    UniqueConstraint(
        "case_number", "origin_transfer_id", name="uq_freeze_transfers_case_number_origin"
    ),
)

# Append-only, like the audit log: triggers refuse UPDATE and DELETE.
freeze_events = Table(
    "freeze_events",
    metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("request_id", ForeignKey("freeze_requests.id"), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(20), nullable=False),
    Column("from_state", String(20)),
    Column("to_state", String(20), nullable=False),
    Column("details", JSON, nullable=False),
    Column("idempotency_key", String(200)),
    Column("digest", String(64)),
    UniqueConstraint(
        "request_id", "idempotency_key", name="uq_freeze_events_request_id_idempotency_key"
    ),
)
