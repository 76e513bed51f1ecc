"""Partners subscribed to the feeds."""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, String, Table

from cyberpol.platform.db.masked import MaskedString
from cyberpol.platform.db.metadata import metadata

feed_subscriptions = Table(
    "feed_subscriptions",
    metadata,
    Column("organisation", String(64), primary_key=True),
    Column("tlp", String(16), nullable=False),
    Column("formats", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", MaskedString(100), nullable=False),
)
