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
