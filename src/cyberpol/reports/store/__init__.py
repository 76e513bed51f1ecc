"""Citizen reports, their attachments and links to indicators, on SQLite or PostgreSQL."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, Table, func, select
from sqlalchemy.exc import IntegrityError

from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.kernel.errors import DuplicateSubmission
from cyberpol.kernel.figures import FigureFilter, Tally
from cyberpol.kernel.indicators.kinds import Indicator, IndicatorKind
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.kernel.pages import Page
from cyberpol.platform.db.evidence import evidence_content, keep_contents
from cyberpol.platform.db.sql import AnyRow, chunked, utc
from cyberpol.platform.sealing import Sealer
from cyberpol.registry.tables import indicators, sightings
from cyberpol.reports.domain import Attachment, AttachmentInfo, Report
from cyberpol.reports.ports import QueuedIndicator, ReportFilter, StoredReport, TriageFilter
from cyberpol.reports.store.figures import count_report, report_figures
from cyberpol.reports.store.triage import triage_queue
from cyberpol.reports.tables import attachments, reports

_CONTACT = "reports.contact"


class SqlReportRepository:
    """Reports with their attachments; the reporter's contact is sealed (encrypted) at rest."""

    def __init__(self, connection: Connection, sealer: Sealer) -> None:
        self._db = connection
        self._sealer = sealer

    def add(self, report: StoredReport) -> None:
        s = report.submission
        statement = reports.insert().values(
            id=report.id,
            created_at=report.created_at,
            channel=s.channel.value,
            category=s.category.value,
            region=s.region.value if s.region else None,
            loss_amount=s.loss_amount,
            currency="KZT",
            language=s.language,
            text=report.text,
            contact=self._seal_contact(s.contact, report.id),
            reporter_fingerprint=report.reporter_fingerprint,
            idempotency_key=report.idempotency_key,
            request_digest=report.request_digest,
            source_ref=report.source_ref,
        )
        try:
            with self._db.begin_nested():
                self._db.execute(statement)
        except IntegrityError as exc:
            if report.idempotency_key is None:
                raise
            raise DuplicateSubmission(
                "A report with this Idempotency-Key is being stored."
            ) from exc
        count_report(self._db, report.created_at, s.region, s.category)
        keep_evidence(
            self._db, attachments, "report_id", report.id, report.attachments,
            now=report.created_at,
        )  # fmt: skip

    def get(self, report_id: str) -> Report | None:
        row = self._db.execute(select(reports).where(reports.c.id == report_id)).first()
        if row is None:
            return None
        found = self._indicators_of([report_id])
        files = self._attachments_of([report_id])
        contact = None
        if row.contact is not None:
            contact = self._sealer.open(row.contact, context=f"{_CONTACT}:{report_id}")
        return report_from_row(
            row, tuple(found[report_id]), tuple(files[report_id]), contact=contact
        )

    def known(self, report_ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunked(list(report_ids)):
            found |= set(self._db.scalars(select(reports.c.id).where(reports.c.id.in_(chunk))))
        return found

    def attachment(self, report_id: str, attachment_id: int) -> tuple[AttachmentInfo, bytes] | None:
        """One attachment of a report with its bytes; None if the report has no such file."""
        c = attachments.c
        row = self._db.execute(
            select(c.id, c.filename, c.content_type, c.size, c.sha256, c.content).where(
                c.report_id == report_id, c.id == attachment_id
            )
        ).first()
        if row is None:
            return None
        content = row.content if row.content is not None else evidence_content(self._db, row.sha256)
        if content is None:
            return None
        info = AttachmentInfo(row.id, row.filename, row.content_type, row.size, row.sha256)
        return info, bytes(content)

    def _seal_contact(self, contact: str | None, report_id: str) -> str | None:
        if contact is None:
            return None
        # Masked first, like every free-text field: a card number is no way to call back.
        return self._sealer.seal(redact_cards(contact), context=f"{_CONTACT}:{report_id}")

    def find_by_idempotency_key(self, key: str) -> tuple[str, str | None] | None:
        row = self._db.execute(
            select(reports.c.id, reports.c.request_digest).where(reports.c.idempotency_key == key)
        ).first()
        return (row.id, row.request_digest) if row else None

    def search(self, filters: ReportFilter) -> Page[Report]:
        c = reports.c
        conditions = []
        if filters.category:
            conditions.append(c.category == filters.category)
        if filters.region:
            conditions.append(c.region == filters.region)
        if filters.channel:
            conditions.append(c.channel == filters.channel)
        if filters.created_since:
            conditions.append(c.created_at >= utc(filters.created_since))
        if filters.created_until:
            conditions.append(c.created_at <= utc(filters.created_until))
        if filters.indicator_id is not None:
            conditions.append(
                c.id.in_(
                    select(sightings.c.report_id).where(
                        sightings.c.indicator_id == filters.indicator_id
                    )
                )
            )
        total = self._db.execute(
            select(func.count()).select_from(reports).where(*conditions)
        ).scalar_one()
        rows = self._db.execute(
            select(reports)
            .where(*conditions)
            .order_by(c.created_at.desc(), c.id.desc())
            .limit(filters.limit)
            .offset(filters.offset)
        ).all()
        ids = [r.id for r in rows]
        found, files = self._indicators_of(ids), self._attachments_of(ids)
        items = [report_from_row(r, tuple(found[r.id]), tuple(files[r.id])) for r in rows]
        return Page(items, total, filters.limit, filters.offset)

    def figures(self, filters: FigureFilter) -> list[Tally]:
        return report_figures(self._db, filters)

    def triage(self, filters: TriageFilter) -> tuple[list[QueuedIndicator], bool]:
        return triage_queue(self._db, filters, to_reports=self._without_contacts)

    def _without_contacts(self, report_ids: Sequence[str]) -> list[Report]:
        rows: list[AnyRow] = []
        for chunk in chunked(list(report_ids)):
            rows += self._db.execute(select(reports).where(reports.c.id.in_(chunk))).all()
        ids = [r.id for r in rows]
        found, files = self._indicators_of(ids), self._attachments_of(ids)
        return [report_from_row(r, tuple(found[r.id]), tuple(files[r.id])) for r in rows]

    def _indicators_of(self, report_ids: Sequence[str]) -> dict[str, list[Indicator]]:
        found: dict[str, list[Indicator]] = defaultdict(list)
        for chunk in chunked(list(report_ids)):
            query = (
                select(
                    sightings.c.report_id,
                    indicators.c.kind,
                    indicators.c.value,
                    indicators.c.key,
                    indicators.c.attributes,
                )
                .join(indicators, indicators.c.id == sightings.c.indicator_id)
                .where(sightings.c.report_id.in_(chunk))
                .order_by(indicators.c.id)
            )
            for row in self._db.execute(query):
                found[row.report_id].append(_indicator_from_row(row))
        return found

    def _attachments_of(self, report_ids: Sequence[str]) -> dict[str, list[AttachmentInfo]]:
        found: dict[str, list[AttachmentInfo]] = defaultdict(list)
        c = attachments.c
        for chunk in chunked(list(report_ids)):
            query = (
                select(c.report_id, c.id, c.filename, c.content_type, c.size, c.sha256)
                .where(c.report_id.in_(chunk))
                .order_by(c.id)
            )
            for row in self._db.execute(query):
                found[row.report_id].append(
                    AttachmentInfo(row.id, row.filename, row.content_type, row.size, row.sha256)
                )
        return found


def keep_evidence(
    db: Connection,
    owner: Table,
    key: str,
    owner_id: str,
    files: Sequence[Attachment],
    *,
    now: datetime,
) -> None:
    """Link ``files`` to their owner and keep each content once, by its SHA-256, as sent."""
    if not files:
        return
    hashes = [hashlib.sha256(a.content).hexdigest() for a in files]
    db.execute(
        owner.insert(),
        [
            {
                key: owner_id,
                "filename": a.filename,
                "content_type": a.content_type,
                "size": len(a.content),
                "sha256": digest,
                "content": None,
                "received_at": now,
            }
            for a, digest in zip(files, hashes, strict=True)
        ],
    )
    keep_contents(
        db,
        [(d, a.content_type, a.content) for a, d in zip(files, hashes, strict=True)],
        now=now,
    )


def report_from_row(
    row: AnyRow,
    indicators: tuple[Indicator, ...],
    attachments: tuple[AttachmentInfo, ...],
    *,
    contact: str | None = None,
) -> Report:
    """The report of a row; ``contact`` is the opened contact, given only where it is read."""
    return Report(
        id=row.id,
        created_at=utc(row.created_at),
        channel=Channel(row.channel),
        category=ScamCategory(row.category),
        region=Region(row.region) if row.region else None,
        loss_amount=Decimal(row.loss_amount) if row.loss_amount is not None else None,
        currency=row.currency,
        language=row.language,
        text=row.text,
        contact=contact,
        has_contact=row.contact is not None,
        indicators=indicators,
        attachments=attachments,
    )


def _indicator_from_row(row: AnyRow) -> Indicator:
    return Indicator(IndicatorKind(row.kind), row.value, row.key, dict(row.attributes or {}))
