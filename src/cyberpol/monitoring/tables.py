"""The monitoring queue's tables: resources, their history and the block requests for them."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Float, ForeignKey, Index, String, Table

from cyberpol.platform.db.masked import MaskedJSON, MaskedString, MaskedText
from cyberpol.platform.db.metadata import ID, metadata

monitored_resources = Table(
    "monitored_resources",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("value", MaskedString(2048), nullable=False),
    Column("value_key", String(64), nullable=False, unique=True),  # sha256 of kind:value
    Column("source", String(32), nullable=False),
    Column("source_ref", MaskedString(300), nullable=False),
    Column("state", String(16), nullable=False, index=True),
    Column("score", Float, nullable=False),
    Column("reasons", MaskedJSON, nullable=False),
    Column("brand", String(253), nullable=False),
    Column("tlp", String(16), nullable=False),  # how widely it may be shared in feeds
    Column("found_at", DateTime(timezone=True), nullable=False, index=True),
    Column("updated_at", DateTime(timezone=True), nullable=False, index=True),
    Column("confirmed_at", DateTime(timezone=True)),
    Column("blocked_at", DateTime(timezone=True)),
    Column("assignee", MaskedString(100)),
    Column("taken_down_on", Date),
    Column("recheck_at", DateTime(timezone=True), index=True),
    Column("note", MaskedText),
)

resource_events = Table(
    "resource_events",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column(
        "resource_id",
        ForeignKey("monitored_resources.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("state", String(16), nullable=False),
    Column("actor", MaskedString(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("details", MaskedJSON, nullable=False),
)

takedown_requests = Table(
    "takedown_requests",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column(
        "resource_id",
        ForeignKey("monitored_resources.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("party", String(16), nullable=False),
    Column("addressee", MaskedString(200), nullable=False),
    Column("state", String(16), nullable=False),
    Column("issued_by", MaskedString(100), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("note", MaskedText),
    Column("answered_at", DateTime(timezone=True)),
    Column("answer_note", MaskedText),
)
Index("ix_takedown_requests_state_due_at", takedown_requests.c.state, takedown_requests.c.due_at)
