"""Freeze domain objects to response schemas."""

from __future__ import annotations

from datetime import datetime

from cyberpol.freeze import schemas
from cyberpol.freeze.domain.banks import Bank
from cyberpol.freeze.domain.requests import FreezeEvent, FreezeRequest, FreezeTransfer
from cyberpol.freeze.domain.summary import CaseFreezeSummary
from cyberpol.freeze.service.queries import FreezeRequestDetail


def bank(b: Bank) -> schemas.BankPublic:
    return schemas.BankPublic(code=b.code, name=b.name, country=b.country, created_at=b.created_at)


def freeze_request(r: FreezeRequest, now: datetime) -> schemas.FreezeRequestPublic:
    return schemas.FreezeRequestPublic(
        id=r.id,
        case_number=r.case_number,
        bank=r.bank_code,
        account=r.account_display,
        currency=r.currency,
        requested_amount=r.requested_amount,
        frozen_amount=r.frozen_amount,
        onward_amount=r.onward_amount,
        returned_amount=r.returned_amount,
        hop=r.hop,
        state=r.state,
        overdue=r.is_overdue(now),
        legal_basis=r.legal_basis,
        issued_by=r.issued_by,
        parent_request_id=r.parent_request_id,
        sent_at=r.sent_at,
        answer_due_at=r.answer_due_at,
        acknowledged_at=r.acknowledged_at,
        answered_at=r.answered_at,
        expires_at=r.expires_at,
        closed_at=r.closed_at,
        rejection_reason=r.rejection_reason,
        release_note=r.release_note,
    )


def _event(e: FreezeEvent) -> schemas.FreezeEventPublic:
    return schemas.FreezeEventPublic(
        at=e.at,
        actor=e.actor,
        action=e.action,
        from_state=e.from_state,
        to_state=e.to_state,
        details=e.details,
    )


def _transfer(t: FreezeTransfer) -> schemas.FreezeTransferPublic:
    i = t.inflow
    return schemas.FreezeTransferPublic(
        amount=i.amount,
        currency=i.currency,
        hop=i.hop,
        account=i.account_display,
        bank=i.bank_code,
        channel=i.channel,
        moved_at=i.moved_at,
        reference=i.reference,
        origin_transfer_id=i.origin_transfer_id,
        from_bank=t.from_bank,
        from_request_id=t.from_request_id,
        next_request_id=t.next_request_id,
        exit=t.exit_kind,
    )


def freeze_detail(d: FreezeRequestDetail, now: datetime) -> schemas.FreezeRequestDetail:
    return schemas.FreezeRequestDetail(
        **freeze_request(d.request, now).model_dump(),
        events=[_event(e) for e in d.events],
        onward_transfers=[_transfer(t) for t in d.onward],
        incoming_transfers=[_transfer(t) for t in d.incoming],
    )


def case_summary(s: CaseFreezeSummary) -> schemas.CaseFreezeSummaryPublic:
    return schemas.CaseFreezeSummaryPublic(
        case_number=s.case_number,
        totals=[
            schemas.FreezeTotalsPublic(
                currency=t.currency,
                traced=t.traced,
                frozen=t.frozen,
                returned=t.returned,
                unfrozen=t.unfrozen,
                exited=t.exited,
                exited_total=t.exited_total,
                pending=t.pending,
                unaccounted=t.unaccounted,
            )
            for t in s.totals
        ],
        requests_by_state=s.requests_by_state,
        overdue=s.overdue,
    )
