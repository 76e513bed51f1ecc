"""Database rows to domain types, in one place."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Row

from cyberpol.domain.banks import Bank
from cyberpol.domain.categories import Channel, Region, ScamCategory
from cyberpol.domain.freeze import (
    ExitKind,
    FreezeAction,
    FreezeEvent,
    FreezeRequest,
    FreezeState,
    FreezeTransfer,
    Inflow,
)
from cyberpol.domain.indicators import (
    Block,
    Blocker,
    Indicator,
    IndicatorKind,
    IndicatorStatus,
    IndicatorSummary,
)
from cyberpol.domain.reports import AttachmentInfo, Report
from cyberpol.domain.transfers import TransferChannel


def utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything CyberPol stores is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def block_from_row(row: Row) -> Block:
    return Block(Blocker(row.blocked_by), row.blocker_name, row.reason, utc(row.created_at))


def indicator_from_row(row: Row, blocks: tuple[Block, ...] = ()) -> IndicatorSummary:
    return IndicatorSummary(
        id=row.id,
        kind=IndicatorKind(row.kind),
        value=row.value,
        status=IndicatorStatus(row.status),
        report_count=row.report_count,
        first_seen=utc(row.first_seen),
        last_seen=utc(row.last_seen),
        categories=tuple(row.categories or ()),
        blocks=blocks,
        attributes=dict(row.attributes or {}),
    )


def report_from_row(
    row: Row, indicators: tuple[Indicator, ...], attachments: tuple[AttachmentInfo, ...]
) -> Report:
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
        contact=row.contact,
        has_contact=row.contact is not None,
        indicators=indicators,
        attachments=attachments,
    )


def short_indicator_from_row(row: Row) -> Indicator:
    return Indicator(IndicatorKind(row.kind), row.value, row.key, dict(row.attributes or {}))


def _maybe_utc(moment: datetime | None) -> datetime | None:
    return utc(moment) if moment is not None else None


def _money(value: object) -> Decimal:
    # SQLite hands back floats for NUMERIC; through str they come back to the cent.
    return Decimal(str(value)).quantize(Decimal("0.01"))


def bank_from_row(row: Row) -> Bank:
    return Bank(row.code, row.name, utc(row.created_at))


def freeze_request_from_row(row: Row) -> FreezeRequest:
    return FreezeRequest(
        id=row.id,
        case_number=row.case_number,
        bank_code=row.bank_code,
        account_key=row.account_key,
        account_display=row.account_display,
        currency=row.currency,
        requested_amount=_money(row.requested_amount),
        hop=row.hop,
        legal_basis=row.legal_basis,
        state=FreezeState(row.state),
        version=row.version,
        issued_by=row.issued_by,
        sent_at=utc(row.sent_at),
        answer_due_at=utc(row.answer_due_at),
        parent_request_id=row.parent_request_id,
        frozen_amount=_money(row.frozen_amount),
        onward_amount=_money(row.onward_amount),
        returned_amount=_money(row.returned_amount),
        acknowledged_at=_maybe_utc(row.acknowledged_at),
        answered_at=_maybe_utc(row.answered_at),
        expires_at=_maybe_utc(row.expires_at),
        closed_at=_maybe_utc(row.closed_at),
        rejection_reason=row.rejection_reason,
        release_note=row.release_note,
    )


def freeze_event_from_row(row: Row) -> FreezeEvent:
    return FreezeEvent(
        request_id=row.request_id,
        at=utc(row.at),
        actor=row.actor,
        action=FreezeAction(row.action),
        from_state=FreezeState(row.from_state) if row.from_state else None,
        to_state=FreezeState(row.to_state),
        details=dict(row.details or {}),
        idempotency_key=row.idempotency_key,
        digest=row.digest,
    )


def freeze_transfer_from_row(row: Row) -> FreezeTransfer:
    inflow = Inflow(
        amount=_money(row.amount),
        currency=row.currency,
        hop=row.hop,
        account_key=row.to_account_key,
        account_display=row.to_account_display,
        bank_code=row.to_bank,
        channel=TransferChannel(row.channel) if row.channel else None,
        moved_at=_maybe_utc(row.moved_at),
        reference=row.bank_reference,
        origin_transfer_id=row.origin_transfer_id,
    )
    return FreezeTransfer(
        id=row.id,
        case_number=row.case_number,
        inflow=inflow,
        from_request_id=row.from_request_id,
        from_bank=row.from_bank,
        next_request_id=row.next_request_id,
        exit_kind=ExitKind(row.exit_kind) if row.exit_kind else None,
        recorded_at=utc(row.recorded_at),
    )
