"""Bulk loads of historical reports, resumable and all-or-nothing per chunk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from cyberpol.kernel.access import Actor
from cyberpol.kernel.audit import AuditAction
from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.kernel.clock import Clock
from cyberpol.kernel.errors import InvalidInput
from cyberpol.platform.imports import (
    ImportSummary,
    NumberedRows,
    Row,
    row_enum,
    row_text,
    run_chunks,
)
from cyberpol.reports.domain import ReportLimits, ReportSubmission, parse_loss, validate_submission
from cyberpol.reports.ports import ReportsUnitOfWork
from cyberpol.reports.service.submission import record_report, submission_digest


def import_reports(
    *,
    uow: ReportsUnitOfWork,
    clock: Clock,
    actor: Actor,
    rows: NumberedRows,
    digest: str,
    source: str,
    card_secret: bytes,
    limits: ReportLimits,
    chunk_size: int = 500,
    on_progress: Callable[[int], None] = lambda _n: None,
) -> ImportSummary:
    """Load reports: ``text, category``; optional region, loss_amount, contact, language and
    ``reported_at`` (ISO 8601, for historical reports; the time of import otherwise)."""

    def write(chunk: list[tuple[int, Row]], summary: ImportSummary) -> int:
        loaded = 0
        for line, row in chunk:
            try:
                submission = _report_row(row)
                validate_submission(submission, limits)
                reported_at = _moment(row_text(row, "reported_at"), clock())
            except InvalidInput as exc:
                summary.rejected.append((line, exc.message))
                continue
            key = f"import:{digest[:24]}:{line}"
            if uow.reports.find_by_idempotency_key(key):
                continue
            record_report(
                uow=uow,
                submission=submission,
                card_secret=card_secret,
                now=reported_at,
                idempotency_key=key,
                digest=submission_digest(submission),
                source_ref=f"{source[:180]}:{line}",
            )
            loaded += 1
        return loaded

    return run_chunks(
        clock=clock,
        uow=uow,
        actor=actor,
        rows=rows,
        digest=digest,
        what="reports",
        action=AuditAction.IMPORT_REPORTS,
        source=source,
        chunk_size=chunk_size,
        write=write,
        prepare=lambda chunks: chunks,
        on_progress=on_progress,
    )


def _moment(raw: str | None, now: datetime) -> datetime:
    """A report's time: ISO 8601 with a zone, not in the future; now when absent."""
    if raw is None:
        return now
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(
            f"reported_at must be ISO 8601 such as 2026-05-01T14:30:00+05:00, got {raw!r}"
        ) from None
    if moment.tzinfo is None:
        raise InvalidInput(f"reported_at needs a time zone (+05:00 for Astana), got {raw!r}")
    if moment > now:
        raise InvalidInput(f"reported_at is in the future: {raw!r}")
    return moment.astimezone(UTC)


def _report_row(row: Row) -> ReportSubmission:
    text = row_text(row, "text")
    if text is None:
        raise InvalidInput("Missing 'text'")
    category = row_enum(ScamCategory, row_text(row, "category"), "category") or ScamCategory.OTHER
    return ReportSubmission(
        text=text,
        category=category,
        channel=Channel.IMPORT,
        region=row_enum(Region, row_text(row, "region"), "region"),
        loss_amount=parse_loss(row.get("loss_amount", row.get("loss"))),
        contact=row_text(row, "contact"),
        language=row_text(row, "language"),
    )
