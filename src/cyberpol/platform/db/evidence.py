"""Evidence as received, once per content: files are kept under their SHA-256, and reports,
appeals and cases name them by it. A file sent twice is stored once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Column, Connection, DateTime, Integer, LargeBinary, String, Table, select

from cyberpol.platform.db.masked import MaskedString
from cyberpol.platform.db.metadata import metadata
from cyberpol.platform.db.sql import chunked

evidence_files = Table(
    "evidence_files",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("content_type", MaskedString(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)


def keep_contents(
    db: Connection, files: Iterable[tuple[str, str, bytes]], *, now: datetime
) -> None:
    """Keep each (sha256, content type, content) not kept before, unchanged."""
    wanted = {digest: (kind, content) for digest, kind, content in files}
    c = evidence_files.c
    stored: set[str] = set()
    for chunk in chunked(list(wanted)):
        stored |= set(db.scalars(select(c.sha256).where(c.sha256.in_(chunk))))
    fresh = [
        {"sha256": d, "content_type": k, "size": len(b), "content": b, "received_at": now}
        for d, (k, b) in wanted.items()
        if d not in stored
    ]
    if fresh:
        db.execute(evidence_files.insert(), fresh)


def evidence_content(db: Connection, sha256: str) -> bytes | None:
    """The stored bytes of one piece of evidence."""
    found = db.execute(
        select(evidence_files.c.content).where(evidence_files.c.sha256 == sha256)
    ).first()
    return bytes(found.content) if found else None
