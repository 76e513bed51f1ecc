"""Citizen reports and their attachments (the indicators they name are the registry's sightings)."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Table,
    Text,
)

from cyberpol.platform.db.masked import MaskedJSON, MaskedString, MaskedText
from cyberpol.platform.db.metadata import ID, metadata

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
    Column("text", MaskedText, nullable=False),
    # Personal data, sealed (AES-GCM, CYBERPOL_CONTACT_KEY) by the store: opened for
    # analysts and investigators only, every such read audited. SQLite keeps its declared
    # VARCHAR(320) (it enforces no length; see migration 0005).
    Column("contact", Text().with_variant(String(320), "sqlite")),
    Column("reporter_fingerprint", String(64), nullable=False, index=True),
    Column("idempotency_key", String(200), unique=True),
    Column("request_digest", String(64)),
    Column("source_ref", MaskedString(200)),
)


attachments = Table(
    "attachments",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("report_id", ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("filename", MaskedString(255), nullable=False),
    Column("content_type", MaskedString(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    # Kept in ``evidence_files`` since migration 0008; older rows are moved there.
    Column("content", LargeBinary),
    Column("received_at", DateTime(timezone=True)),
)


# Owners' requests to take an indicator off the registry, with their evidence.
appeals = Table(
    "appeals",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    Column("indicator_id", ForeignKey("indicators.id", ondelete="CASCADE"), nullable=False),
    Column("text", MaskedText, nullable=False),
    Column("contact", Text),  # sealed, as a report's contact
    Column("language", String(2)),
    Column("status", String(16), nullable=False, index=True),
    Column("decided_at", DateTime(timezone=True)),
    Column("decided_by", MaskedString(100)),
    Column("decision_reason", MaskedText),
)

appeal_files = Table(
    "appeal_files",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("appeal_id", ForeignKey("appeals.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("filename", MaskedString(255), nullable=False),
    Column("content_type", MaskedString(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("content", LargeBinary),  # in ``evidence_files``, as a report's
    Column("received_at", DateTime(timezone=True)),
)


# Reporters who asked to hear how their report moves on, and where (a Telegram chat).
report_subscriptions = Table(
    "report_subscriptions",
    metadata,
    Column("report_id", ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("channel", String(16), primary_key=True),
    Column("recipient", String(64), primary_key=True),
    Column("language", String(2), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Messages to deliver, kept until delivered: retried with back-off, so none is lost while
# Telegram is unreachable; ``key`` makes each event one message however often it is found.
outbox = Table(
    "outbox",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("channel", String(16), nullable=False),
    Column("recipient", String(64), nullable=False),
    Column("language", String(2), nullable=False),
    Column("payload", MaskedJSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False, index=True),
    Column("delivered_at", DateTime(timezone=True), index=True),
    Column("last_error", MaskedText),
)


# Reports counted by month (in Kazakhstan), region ('' when none was given) and scheme, kept
# in step with ``reports`` in the same transaction: the statistics read a few thousand rows
# here instead of grouping a million reports on every visit.
report_tallies = Table(
    "report_tallies",
    metadata,
    Column("month", String(7), primary_key=True),
    Column("region", String(32), primary_key=True),
    Column("category", String(32), primary_key=True),
    Column("reports", Integer, nullable=False),
)
