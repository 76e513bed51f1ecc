"""Cases and what hangs on them. Names and contacts of victims and suspects are sealed."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, Numeric, String, Table, Text

from cyberpol.platform.db.masked import MaskedString, MaskedText
from cyberpol.platform.db.metadata import ID, metadata

cases = Table(
    "cases",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("erdr_number", String(15), unique=True),
    Column("title", MaskedString(300), nullable=False),
    Column("article", MaskedString(32), nullable=False),
    Column("category", String(32), nullable=False, index=True),
    Column("region", String(32), index=True),
    Column("state", String(16), nullable=False, index=True),
    Column("close_ground", String(24)),
    Column("investigator", MaskedString(100), index=True),
    Column("opened_by", MaskedString(100), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False, index=True),
    Column("state_since", DateTime(timezone=True), nullable=False),
    Column("deadline", DateTime(timezone=True), index=True),
    Column("frozen_amount", Numeric(18, 2), nullable=False),
    Column("returned_amount", Numeric(18, 2), nullable=False),
    Column("version", Integer, nullable=False),
)

case_parties = Table(
    "case_parties",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("role", String(16), nullable=False),
    Column("name", Text, nullable=False),  # sealed
    Column("contact", Text),  # sealed
    Column("loss", Numeric(18, 2), nullable=False),
    Column("pensioner", Boolean, nullable=False),
    Column("report_id", String(32)),
    Column("added_by", MaskedString(100), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

case_links = Table(
    "case_links",
    metadata,
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(24), primary_key=True),
    Column("ref", MaskedString(200), primary_key=True),
    Column("added_by", MaskedString(100), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

case_notes = Table(
    "case_notes",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("author", MaskedString(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("text", MaskedText, nullable=False),
)

case_events = Table(
    "case_events",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", MaskedString(100), nullable=False),
    Column("from_state", String(16)),
    Column("to_state", String(16), nullable=False),
    Column("ground", String(24)),
    Column("reason", MaskedText, nullable=False),
)

case_evidence = Table(
    "case_evidence",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    # The content is in ``evidence_files`` under this hash, shared with reports' files.
    Column("sha256", String(64), nullable=False, index=True),
    Column("filename", MaskedString(255), nullable=False),
    Column("content_type", MaskedString(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("description", MaskedText, nullable=False),
    Column("added_by", MaskedString(100), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

# The cases' figures by figure, month (in Kazakhstan), region ('' when none) and scheme, kept
# in step with the cases in the same transaction as each change (cases.store.figures): the
# statistics read a few thousand rows here instead of grouping every case, victim and event.
case_tallies = Table(
    "case_tallies",
    metadata,
    Column("figure", String(32), primary_key=True),
    Column("month", String(7), primary_key=True),
    Column("region", String(32), primary_key=True),
    Column("category", String(32), primary_key=True),
    Column("value", Numeric(18, 2), nullable=False),
)
