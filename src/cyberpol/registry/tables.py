"""The registry's tables: indicators and the blocks in force on them."""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Integer, String, Table

from cyberpol.platform.db.masked import MaskedJSON, MaskedString, MaskedText
from cyberpol.platform.db.metadata import ID, metadata

indicators = Table(
    "indicators",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("value", MaskedString(2100), nullable=False),
    # What equal indicators share: "kind:value", or "card:<keyed hash>" so no PAN is stored.
    Column("key", MaskedString(2200), nullable=False, unique=True),
    Column("status", String(16), nullable=False),
    Column("status_reason", MaskedText),
    Column("attributes", MaskedJSON, nullable=False),
    Column("categories", JSON, nullable=False),
    Column("report_count", Integer, nullable=False, default=0),
    Column("source", MaskedString(200), nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_indicators_kind_status", "kind", "status"),
    Index("ix_indicators_last_seen", "last_seen"),
    Index("ix_indicators_status_last_seen", "status", "last_seen"),
    Index("ix_indicators_status_updated_at", "status", "updated_at"),
)


indicator_blocks = Table(
    "indicator_blocks",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column(
        "indicator_id", ForeignKey("indicators.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("blocked_by", String(16), nullable=False),
    Column("blocker_name", MaskedString(200)),
    Column("reason", MaskedText, nullable=False),
    Column("created_by", MaskedString(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("lifted_at", DateTime(timezone=True)),
)


# Where and by whom each indicator was reported: one row per indicator named in a report.
# The report's reporter, category, region and time are copied here when it is recorded, so
# the registry counts independent reports and filters by region without reading reports.
sightings = Table(
    "report_indicators",
    metadata,
    Column("report_id", ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("indicator_id", ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True),
    Column("reporter_fingerprint", String(64), nullable=False),
    Column("category", String(32), nullable=False),
    Column("region", String(32)),
    Column("reported_at", DateTime(timezone=True), nullable=False),
    Index("ix_report_indicators_indicator_id", "indicator_id"),
    Index("ix_report_indicators_region", "region"),
)


# Who has reported each indicator, once per reporter. A report whose reporter is new here adds
# one to indicators.report_count in its own transaction: the primary key decides, under
# concurrency, which of two reports by one reporter counts, so no report recounts the others.
indicator_reporters = Table(
    "indicator_reporters",
    metadata,
    Column("indicator_id", ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True),
    Column("reporter_fingerprint", String(64), primary_key=True),
)
