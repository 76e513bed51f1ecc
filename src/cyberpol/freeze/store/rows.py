"""Freeze rows to domain types."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from cyberpol.freeze.domain.banks import Bank
from cyberpol.freeze.domain.requests import (
    ExitKind,
    FreezeAction,
    FreezeEvent,
    FreezeRequest,
    FreezeState,
    FreezeTransfer,
    Inflow,
)
from cyberpol.money_trail.domain.transfers import TransferChannel
from cyberpol.platform.db.sql import AnyRow, utc


def _maybe_utc(moment: datetime | None) -> datetime | None:
    return utc(moment) if moment is not None else None


def _money(value: object) -> Decimal:
    # SQLite hands back floats for NUMERIC; through str they come back to the cent.
    return Decimal(str(value)).quantize(Decimal("0.01"))


def bank_from_row(row: AnyRow) -> Bank:
    return Bank(row.code, row.name, utc(row.created_at))


def freeze_request_from_row(row: AnyRow) -> FreezeRequest:
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


def freeze_event_from_row(row: AnyRow) -> FreezeEvent:
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


def freeze_transfer_from_row(row: AnyRow) -> FreezeTransfer:
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
