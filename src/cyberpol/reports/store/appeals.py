"""Appeals and their evidence on SQLite or PostgreSQL; the appellant's contact sealed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, func, select, update

from cyberpol.kernel.indicators.kinds import Indicator, IndicatorKind
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.kernel.pages import Page
from cyberpol.platform.db.sql import AnyRow, utc
from cyberpol.platform.sealing import Sealer
from cyberpol.registry.tables import indicators
from cyberpol.reports.domain import Appeal, AppealStatus, AppealSubmission, AttachmentInfo
from cyberpol.reports.store import keep_evidence
from cyberpol.reports.tables import appeal_files, appeals

_CONTACT = "appeals.contact"
_COLUMNS = (
    appeals,
    indicators.c.kind,
    indicators.c.value,
    indicators.c.key,
)


class SqlAppealRepository:
    def __init__(self, connection: Connection, sealer: Sealer) -> None:
        self._db = connection
        self._sealer = sealer

    def add(
        self, appeal_id: str, submission: AppealSubmission, indicator_id: int, *, now: datetime
    ) -> None:
        contact = None
        if submission.contact:
            sealed = redact_cards(submission.contact)
            contact = self._sealer.seal(sealed, context=f"{_CONTACT}:{appeal_id}")
        self._db.execute(
            appeals.insert().values(
                id=appeal_id,
                created_at=now,
                indicator_id=indicator_id,
                text=redact_cards(submission.text),
                contact=contact,
                language=submission.language,
                status=AppealStatus.PENDING.value,
            )
        )
        keep_evidence(
            self._db, appeal_files, "appeal_id", appeal_id, submission.attachments, now=now
        )

    def _query(self) -> Select[Any]:
        return select(*_COLUMNS).join(indicators, indicators.c.id == appeals.c.indicator_id)

    def get(self, appeal_id: str) -> Appeal | None:
        row = self._db.execute(self._query().where(appeals.c.id == appeal_id)).first()
        if row is None:
            return None
        contact = None
        if row.contact is not None:
            contact = self._sealer.open(row.contact, context=f"{_CONTACT}:{appeal_id}")
        return _appeal(row, contact, self._files(appeal_id))

    def search(self, status: AppealStatus | None, limit: int, offset: int) -> Page[Appeal]:
        query = self._query()
        count = select(func.count()).select_from(appeals)
        if status is not None:
            query = query.where(appeals.c.status == status.value)
            count = count.where(appeals.c.status == status.value)
        rows = self._db.execute(
            query.order_by(appeals.c.created_at, appeals.c.id).limit(limit).offset(offset)
        ).all()
        total = int(self._db.execute(count).scalar_one())
        items = [_appeal(row, None, self._files(row.id)) for row in rows]
        return Page(items=items, total=total, limit=limit, offset=offset)

    def decide(
        self, appeal_id: str, status: AppealStatus, reason: str, *, by: str, now: datetime
    ) -> bool:
        result = self._db.execute(
            update(appeals)
            .where(appeals.c.id == appeal_id, appeals.c.status == AppealStatus.PENDING.value)
            .values(status=status.value, decided_at=now, decided_by=by, decision_reason=reason)
        )
        return result.rowcount == 1

    def _files(self, appeal_id: str) -> tuple[AttachmentInfo, ...]:
        c = appeal_files.c
        rows = self._db.execute(
            select(c.id, c.filename, c.content_type, c.size, c.sha256)
            .where(c.appeal_id == appeal_id)
            .order_by(c.id)
        )
        return tuple(
            AttachmentInfo(r.id, r.filename, r.content_type, r.size, r.sha256) for r in rows
        )


def _appeal(row: AnyRow, contact: str | None, files: tuple[AttachmentInfo, ...]) -> Appeal:
    return Appeal(
        id=row.id,
        created_at=utc(row.created_at),
        indicator_id=row.indicator_id,
        indicator=Indicator(IndicatorKind(row.kind), row.value, row.key),
        text=row.text,
        contact=contact,
        has_contact=row.contact is not None,
        language=row.language,
        status=AppealStatus(row.status),
        decided_at=utc(row.decided_at) if row.decided_at else None,
        decided_by=row.decided_by,
        decision_reason=row.decision_reason,
        attachments=files,
    )
