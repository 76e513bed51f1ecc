"""Connected banks, freeze requests, their events and the money moving between them."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    UniqueConstraint,
)

from cyberpol.platform.db.masked import MaskedJSON, MaskedString, MaskedText
from cyberpol.platform.db.metadata import ID, metadata

banks = Table(
    "banks",
    metadata,
    Column("code", String(11), primary_key=True),  # BIC
    Column("name", MaskedString(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


freeze_requests = Table(
    "freeze_requests",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("case_number", String(64), nullable=False, index=True),
    Column("bank_code", ForeignKey("banks.code"), nullable=False, index=True),
    Column("account_key", MaskedString(200), nullable=False),
    Column("account_display", MaskedString(200), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("requested_amount", Numeric(18, 2), nullable=False),
    Column("frozen_amount", Numeric(18, 2), nullable=False),
    Column("onward_amount", Numeric(18, 2), nullable=False),
    Column("returned_amount", Numeric(18, 2), nullable=False),
    Column("hop", Integer, nullable=False),
    Column("parent_request_id", ForeignKey("freeze_requests.id")),
    Column("legal_basis", MaskedText, nullable=False),
    Column("state", String(20), nullable=False),
    # Compare-and-set: every change names the version it read and moves it on by one.
    Column("version", Integer, nullable=False),
    # Hash of (case, bank, account, currency) while the request awaits its answer, NULL
    # after: the unique constraint lets only one request per account be open at a time.
    Column("open_key", String(64), unique=True),
    Column("issued_by", MaskedString(100), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    Column("answer_due_at", DateTime(timezone=True), nullable=False),
    Column("acknowledged_at", DateTime(timezone=True)),
    Column("answered_at", DateTime(timezone=True)),
    Column("expires_at", DateTime(timezone=True)),
    Column("closed_at", DateTime(timezone=True)),
    Column("rejection_reason", MaskedText),
    Column("release_note", MaskedText),
    Index("ix_freeze_requests_state_answer_due_at", "state", "answer_due_at"),
    Index("ix_freeze_requests_state_expires_at", "state", "expires_at"),
)

# Followed money: investigators' targets (from_request_id NULL) and onward transfers banks
# report, each linked to the request it opened or joined, or to the exit it took.


freeze_transfers = Table(
    "freeze_transfers",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("case_number", String(64), nullable=False, index=True),
    Column("from_request_id", ForeignKey("freeze_requests.id"), index=True),
    Column("from_bank", String(11)),
    Column("amount", Numeric(18, 2), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("hop", Integer, nullable=False),
    Column("to_account_key", MaskedString(200)),
    Column("to_account_display", MaskedString(200)),
    Column("to_bank", String(11)),
    Column("channel", String(16)),
    Column("moved_at", DateTime(timezone=True)),
    Column("bank_reference", MaskedString(128)),
    Column("origin_transfer_id", MaskedString(128)),
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
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("request_id", ForeignKey("freeze_requests.id"), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", MaskedString(100), nullable=False),
    Column("action", String(20), nullable=False),
    Column("from_state", String(20)),
    Column("to_state", String(20), nullable=False),
    Column("details", MaskedJSON, nullable=False),
    Column("idempotency_key", MaskedString(200)),
    Column("digest", String(64)),
    UniqueConstraint(
        "request_id", "idempotency_key", name="uq_freeze_events_request_id_idempotency_key"
    ),
)
