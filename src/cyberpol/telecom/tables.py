"""Mobile operators connected to CyberPol, in the transactional database."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Date, DateTime, ForeignKey, Integer, String, Table

from cyberpol.platform.db.masked import MaskedJSON, MaskedString, MaskedText
from cyberpol.platform.db.metadata import ID, metadata

operators = Table(
    "operators",
    metadata,
    Column("code", String(32), primary_key=True),  # KCELL, BEELINE, TELE2
    Column("name", MaskedString(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Numbers that never place calls (bank hotlines, police and emergency numbers, short codes):
# a call showing one of them as its caller is spoofed.
protected_numbers = Table(
    "protected_numbers",
    metadata,
    Column("number", String(32), primary_key=True),  # E.164, or a short code as dialled
    Column("label", MaskedString(200), nullable=False),
    Column("added_by", MaskedString(100), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

# Calls the verdicts blocked, counted per day (in Kazakhstan), operator and reason as they
# are blocked: the statistics never hold the called person's number, nor the caller's.
call_blocks = Table(
    "call_blocks",
    metadata,
    Column("day", Date, primary_key=True),
    Column("operator", String(32), primary_key=True),
    Column("reason", String(32), primary_key=True),
    Column("attempts", BigInteger, nullable=False),
)

# Block requests to operators: one per number, SIM or handset, answered by its operator.
block_requests = Table(
    "block_requests",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("case_number", String(64), nullable=False, index=True),
    Column("legal_basis", MaskedText, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("value", String(32), nullable=False),  # E.164 or a short code, an IMSI, an IMEI
    Column("operator", String(32), nullable=False, index=True),
    Column("state", String(16), nullable=False),
    Column("issued_by", MaskedString(100), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("parent_id", ForeignKey("block_requests.id")),
    Column("acknowledged_at", DateTime(timezone=True)),
    Column("answered_at", DateTime(timezone=True)),
    Column("restored_at", DateTime(timezone=True)),
    Column("answer_note", MaskedText),
    Column("holder_ref", String(64), index=True),  # keyed hash: never the holder's own id
    Column("holder_numbers", Integer),
    # "<kind>:<value>:<operator>" while the request is open or the target suspended, NULL
    # after: one live request per target and operator, however often it is asked for.
    Column("live_key", String(100), unique=True),
)

block_events = Table(
    "block_events",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column(
        "request_id",
        ForeignKey("block_requests.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("action", String(16), nullable=False),
    Column("state", String(16), nullable=False),
    Column("actor", MaskedString(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("details", MaskedJSON, nullable=False),
)

# The numbers each (pseudonymised) holder is known to hold, from operators' answers: the
# ten-SIM limit is counted over every operator's answers.
holder_numbers = Table(
    "holder_numbers",
    metadata,
    Column("holder_ref", String(64), primary_key=True),
    Column("number", String(32), primary_key=True),
    Column("operator", String(32), nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
)
