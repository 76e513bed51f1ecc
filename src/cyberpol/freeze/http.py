"""Freeze requests: admins connect banks, investigators issue, banks acknowledge and answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Response
from pydantic import BaseModel, Field

from cyberpol.freeze import presenters, schemas
from cyberpol.freeze.domain.banks import normalize_bank_code
from cyberpol.freeze.domain.requests import FreezeState
from cyberpol.freeze.domain.targets import BankAnswer, FreezeTarget, OnwardTransferReport
from cyberpol.freeze.ports import FreezeFilter
from cyberpol.freeze.schemas import BIC, CASE_NUMBER
from cyberpol.freeze.service import FreezeService
from cyberpol.money_trail.domain.attribution import TraceMethod, TraceRequest, parse_window
from cyberpol.platform.http.deps import ActorDep, service
from cyberpol.platform.http.schemas import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1", tags=["freeze requests"])
RequestId = Annotated[int, Path(ge=1, le=2**62)]
BankCodePath = Annotated[str, Path(pattern=BIC)]
CaseNumberPath = Annotated[str, Path(pattern=CASE_NUMBER)]
_ERRORS = ERROR_RESPONSES
FreezeDep = Annotated[FreezeService, Depends(service(FreezeService))]


@router.post("/banks", status_code=201, response_model=schemas.BankPublic, responses=_ERRORS)
def add_bank(body: schemas.BankCreate, freeze: FreezeDep, actor: ActorDep) -> schemas.BankPublic:
    """Connect a bank (by BIC) so freeze requests can be sent to it. Admins."""
    bank = freeze.connect_bank(actor=actor, code=body.code, name=body.name)
    return presenters.bank(bank)


@router.post(
    "/banks/{code}/tokens",
    status_code=201,
    response_model=schemas.BankTokenIssued,
    responses=_ERRORS,
)
def add_bank_token(
    code: BankCodePath, body: schemas.BankTokenCreate, freeze: FreezeDep, actor: ActorDep
) -> schemas.BankTokenIssued:
    """A token for the bank's API user, shown once. Admins."""
    issued = freeze.bank_token(actor=actor, code=code, user_name=body.user, label=body.label)
    return schemas.BankTokenIssued(
        id=issued.id,
        user=issued.user,
        bank=normalize_bank_code(code),
        prefix=issued.prefix,
        token=issued.secret,
    )


@router.post(
    "/freeze-requests",
    status_code=201,
    response_model=schemas.FreezeRequestsIssued,
    responses=_ERRORS,
)
def issue(
    body: schemas.FreezeRequestCreate, freeze: FreezeDep, actor: ActorDep
) -> schemas.FreezeRequestsIssued:
    """Send freeze requests, one per account and bank; the requests in target order.
    Investigators."""
    issued = freeze.issue(
        actor=actor,
        case_number=body.case_number,
        legal_basis=body.legal_basis,
        targets=[
            FreezeTarget(t.account, t.bank, t.amount, t.currency, t.hop, t.origin_transfer_id)
            for t in body.targets
        ],
    )
    now = freeze.clock()
    return schemas.FreezeRequestsIssued(items=[presenters.freeze_request(r, now) for r in issued])


@router.get("/freeze-requests", response_model=schemas.FreezeRequestPage, responses=_ERRORS)
def freeze_requests(
    freeze: FreezeDep,
    actor: ActorDep,
    state: FreezeState | None = None,
    case: Annotated[str | None, Query(pattern=CASE_NUMBER, description="Case number")] = None,
    bank: Annotated[str | None, Query(pattern=BIC, description="BIC")] = None,
    overdue: Annotated[bool, Query(description="Only unanswered past their deadline")] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> schemas.FreezeRequestPage:
    """Newest first. Investigators and analysts see all; a bank only its own."""
    now = freeze.clock()
    page = freeze.list_requests(
        actor=actor,
        filters=FreezeFilter(
            state=state,
            case_number=case,
            bank_code=bank.upper() if bank else None,
            overdue_at=now if overdue else None,
            limit=limit,
            offset=offset,
        ),
    )
    return schemas.FreezeRequestPage(
        items=[presenters.freeze_request(r, now) for r in page.items],
        total=page.total,
        limit=page.limit,
        offset=page.offset,
    )


@router.get(
    "/freeze-requests/{request_id}",
    response_model=schemas.FreezeRequestDetail,
    responses=_ERRORS,
)
def freeze_request(
    request_id: RequestId, freeze: FreezeDep, actor: ActorDep
) -> schemas.FreezeRequestDetail:
    """One request with its events and the transfers into and out of it. Audited."""
    detail = freeze.get(actor=actor, request_id=request_id)
    return presenters.freeze_detail(detail, freeze.clock())


@router.post(
    "/freeze-requests/{request_id}/acknowledge",
    response_model=schemas.FreezeRequestPublic,
    responses=_ERRORS,
)
def acknowledge(
    request_id: RequestId, freeze: FreezeDep, actor: ActorDep
) -> schemas.FreezeRequestPublic:
    """The bank has the request and is working on it. The bank it was sent to."""
    request = freeze.acknowledge(actor=actor, request_id=request_id)
    return presenters.freeze_request(request, freeze.clock())


@router.post(
    "/freeze-requests/{request_id}/answer",
    response_model=schemas.FreezeRequestDetail,
    responses=_ERRORS,
)
def answer(
    request_id: RequestId,
    body: schemas.FreezeAnswer,
    response: Response,
    freeze: FreezeDep,
    actor: ActorDep,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> schemas.FreezeRequestDetail:
    """What the bank froze and where the rest went; onward transfers open requests at the
    receiving banks. A repeated answer is replayed (header Idempotent-Replayed: true)."""
    result = freeze.answer(
        actor=actor,
        request_id=request_id,
        answer=BankAnswer(
            frozen_amount=body.frozen_amount,
            onward=tuple(
                OnwardTransferReport(
                    t.amount, t.moved_at, t.channel, t.account, t.bank, t.reference
                )
                for t in body.onward_transfers
            ),
            rejection_reason=body.rejection_reason,
        ),
        idempotency_key=idempotency_key,
    )
    if result.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return presenters.freeze_detail(result.detail, freeze.clock())


@router.post(
    "/freeze-requests/{request_id}/release",
    response_model=schemas.FreezeRequestPublic,
    responses=_ERRORS,
)
def release(
    request_id: RequestId, body: schemas.FreezeRelease, freeze: FreezeDep, actor: ActorDep
) -> schemas.FreezeRequestPublic:
    """Lift a freeze, saying how much went back to the victim. Investigators."""
    request = freeze.release(
        actor=actor, request_id=request_id, returned_amount=body.returned_amount, note=body.note
    )
    return presenters.freeze_request(request, freeze.clock())


@router.get(
    "/cases/{case_number}/freeze-summary",
    response_model=schemas.CaseFreezeSummaryPublic,
    responses=_ERRORS,
)
def freeze_summary(
    case_number: CaseNumberPath, freeze: FreezeDep, actor: ActorDep
) -> schemas.CaseFreezeSummaryPublic:
    """Traced, frozen, returned, exited, pending and unaccounted money of one case.
    Investigators and analysts."""
    summary = freeze.case_summary(actor=actor, case_number=case_number)
    return presenters.case_summary(summary)


class FreezeFromTrace(BaseModel):
    """Freeze what a trace finds still in accounts; one request per account and bank."""

    case_number: schemas.CaseNumber
    legal_basis: schemas.Text
    window: str = Field("72h", max_length=16)
    method: TraceMethod = TraceMethod.FIFO


@router.post(
    "/transfers/{transfer_id}/freeze-requests",
    status_code=201,
    response_model=schemas.FreezeRequestsIssued,
    responses=_ERRORS,
)
def freeze_traced_money(
    body: FreezeFromTrace,
    freeze: FreezeDep,
    actor: ActorDep,
    transfer_id: Annotated[str, Path(min_length=1, max_length=128)],
) -> schemas.FreezeRequestsIssued:
    """Trace this transfer and send freeze requests for the money still in accounts.

    Investigators. Running it again for the same case issues nothing twice.
    """
    issued = freeze.freeze_traced(
        actor=actor,
        request=TraceRequest(
            transfer_id=transfer_id, window=parse_window(body.window), method=body.method
        ),
        case_number=body.case_number,
        legal_basis=body.legal_basis,
    )
    now = freeze.clock()
    return schemas.FreezeRequestsIssued(items=[presenters.freeze_request(r, now) for r in issued])
