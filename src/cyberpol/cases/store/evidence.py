"""Evidence filed on a case: the files themselves kept once by content, shared with reports."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from cyberpol.cases.domain import Evidence
from cyberpol.cases.ports import NewEvidence
from cyberpol.cases.tables import case_evidence
from cyberpol.platform.db.evidence import evidence_content, keep_contents
from cyberpol.platform.db.sql import AnyRow, inserted_id, utc


def add_evidence(
    db: Connection, case_id: int, evidence: NewEvidence, *, by: str, now: datetime
) -> Evidence:
    """File the evidence on the case; its content is kept once however often it is filed."""
    keep_contents(db, [(evidence.sha256, evidence.content_type, evidence.content)], now=now)
    evidence_id = inserted_id(
        db.execute(
            case_evidence.insert().values(
                case_id=case_id,
                sha256=evidence.sha256,
                filename=evidence.filename,
                content_type=evidence.content_type,
                size=len(evidence.content),
                description=evidence.description,
                added_by=by,
                added_at=now,
            )
        )
    )
    row = db.execute(select(case_evidence).where(case_evidence.c.id == evidence_id))
    return evidence_item(row.one())


def evidence_file(db: Connection, case_id: int, evidence_id: int) -> tuple[Evidence, bytes] | None:
    e = case_evidence.c
    row = db.execute(select(case_evidence).where(e.id == evidence_id, e.case_id == case_id)).first()
    if row is None:
        return None
    content = evidence_content(db, row.sha256)
    return (evidence_item(row), content) if content is not None else None


def evidence_item(row: AnyRow) -> Evidence:
    return Evidence(
        id=row.id,
        sha256=row.sha256,
        filename=row.filename,
        content_type=row.content_type,
        size=row.size,
        description=row.description,
        added_by=row.added_by,
        added_at=utc(row.added_at),
    )
