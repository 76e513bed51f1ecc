"""Where followed money goes next: a request at the receiving bank (opened or joined) or an exit.

The merge rule lives in ``open_or_join_request``; see ``services.freeze`` for the whole story.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from cyberpol.freeze.domain.requests import (
    FreezeAction,
    FreezeEvent,
    FreezePolicy,
    FreezeRequest,
    FreezeState,
    Inflow,
)
from cyberpol.freeze.domain.targets import CheckedAnswer
from cyberpol.freeze.ports import FreezeUnitOfWork
from cyberpol.kernel.errors import Conflict

CASCADE = "cascade"  # the actor of requests opened from a bank's answer


def cascade(
    uow: FreezeUnitOfWork,
    request: FreezeRequest,
    answer: CheckedAnswer,
    *,
    now: datetime,
    policy: FreezePolicy,
) -> None:
    """Open (or join) a next-hop request for each onward transfer a bank can freeze; record
    the others as exits."""
    connected = uow.banks.connected(i.bank_code for i in answer.onward if i.bank_code)
    for inflow in answer.onward:
        exit_kind = inflow.exit_kind(connected)
        next_id = None
        if exit_kind is None:
            next_id = open_or_join_request(
                uow,
                request.case_number,
                request.legal_basis,
                inflow,
                issued_by=request.issued_by,
                parent=request,
                now=now,
                policy=policy,
            ).id
        uow.freeze.add_transfer(
            case_number=request.case_number,
            inflow=inflow,
            from_request_id=request.id,
            from_bank=request.bank_code,
            next_request_id=next_id,
            exit_kind=exit_kind,
            recorded_at=now,
        )


def open_or_join_request(
    uow: FreezeUnitOfWork,
    case_number: str,
    legal_basis: str,
    inflow: Inflow,
    *,
    issued_by: str,
    parent: FreezeRequest | None,
    now: datetime,
    policy: FreezePolicy,
) -> FreezeRequest:
    """Open a request for ``inflow`` at its bank, or add it to the account's open request."""
    assert inflow.bank_code is not None
    assert inflow.account_key is not None
    actor_name = CASCADE if parent else issued_by
    existing = uow.freeze.find_open(
        case_number=case_number,
        bank_code=inflow.bank_code,
        account_key=inflow.account_key,
        currency=inflow.currency,
    )
    if existing is not None:
        merged = replace(
            existing,
            requested_amount=existing.requested_amount + inflow.amount,
            hop=min(existing.hop, inflow.hop),
        )
        save_request(uow, merged)
        details: dict[str, object] = {
            "added": str(inflow.amount),
            "requested": str(merged.requested_amount),
        }
        record_event(uow, existing, merged, actor_name, FreezeAction.MERGED, now, details)
        return merged
    request = FreezeRequest(
        id=0,
        case_number=case_number,
        bank_code=inflow.bank_code,
        account_key=inflow.account_key,
        account_display=inflow.account_display or inflow.account_key,
        currency=inflow.currency,
        requested_amount=inflow.amount,
        hop=inflow.hop,
        legal_basis=legal_basis,
        state=FreezeState.SENT,
        version=1,
        issued_by=issued_by,
        sent_at=now,
        answer_due_at=policy.answer_due(now),
        parent_request_id=parent.id if parent else None,
    )
    request = replace(request, id=uow.freeze.add(request))
    details = {"amount": str(inflow.amount), "hop": inflow.hop}
    uow.freeze.add_event(
        FreezeEvent(
            request.id, now, actor_name, FreezeAction.ISSUED, None, FreezeState.SENT, details
        )
    )
    return request


def save_request(uow: FreezeUnitOfWork, request: FreezeRequest) -> None:
    if not uow.freeze.update(request):
        raise Conflict(
            f"Freeze request {request.id} was changed by someone else at the same moment; "
            f"reload it and send this again."
        )


def record_event(
    uow: FreezeUnitOfWork,
    before: FreezeRequest,
    after: FreezeRequest,
    actor_name: str,
    action: FreezeAction,
    now: datetime,
    details: Mapping[str, object] | None = None,
    *,
    idempotency_key: str | None = None,
    digest: str | None = None,
) -> None:
    uow.freeze.add_event(
        FreezeEvent(
            request_id=before.id,
            at=now,
            actor=actor_name,
            action=action,
            from_state=before.state,
            to_state=after.state,
            details=dict(details or {}),
            idempotency_key=idempotency_key,
            digest=digest,
        )
    )
