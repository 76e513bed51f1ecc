"""Mobile operators connected to CyberPol, in the transactional database."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, String, Table

from cyberpol.platform.db.masked import MaskedString
from cyberpol.platform.db.metadata import metadata

operators = Table(
    "operators",
    metadata,
    Column("code", String(32), primary_key=True),  # KCELL, BEELINE, TELE2
    Column("name", MaskedString(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
