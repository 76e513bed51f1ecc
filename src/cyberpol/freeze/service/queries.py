"""Reading freeze requests: a bank sees only its own, and every read is audited.

Requests name accounts and amounts, so each list, detail and case summary read is written
to the audit log. A bank asking for another bank's request gets the same NotFound as for
an id that does not exist, and the ids of other banks' requests are blanked in what it
reads, so ids do not leak between banks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from cyberpol.freeze.domain.requests import FreezeEvent, FreezeRequest, FreezeTransfer
from cyberpol.freeze.domain.summary import CaseFreezeSummary, summarize_case
from cyberpol.freeze.domain.targets import validate_case_number
from cyberpol.freeze.ports import FreezeFilter, FreezeUnitOfWork
from cyberpol.kernel.access import Actor, Permission, Role
from cyberpol.kernel.audit import AuditAction, AuditObject
from cyberpol.kernel.errors import Forbidden, NotFound
from cyberpol.kernel.pages import Page


@dataclass(frozen=True, slots=True)
class FreezeRequestDetail:
    """A request with its history, the money its bank reported moved on, and the money
    (targets or other banks' onward transfers) that opened or joined it."""

    request: FreezeRequest
    events: list[FreezeEvent]
    onward: list[FreezeTransfer]
    incoming: list[FreezeTransfer]


def visible_request(uow: FreezeUnitOfWork, actor: Actor, request_id: int) -> FreezeRequest:
    """The request, if it exists and the actor may see it; NotFound in every other case."""
    request = uow.freeze.get(request_id)
    if request is None or (actor.role is Role.BANK and request.bank_code != actor.organisation):
        raise NotFound(f"No freeze request {request_id}.")
    return request


def as_seen_by(actor: Actor, request: FreezeRequest) -> FreezeRequest:
    """Banks do not learn the ids of the requests other banks answered."""
    return replace(request, parent_request_id=None) if actor.role is Role.BANK else request


def _transfer_as_seen_by(actor: Actor, transfer: FreezeTransfer) -> FreezeTransfer:
    if actor.role is not Role.BANK:
        return transfer
    return replace(transfer, from_request_id=None, next_request_id=None)


def list_freeze_requests(
    *, uow: FreezeUnitOfWork, actor: Actor, filters: FreezeFilter, now: datetime
) -> Page[FreezeRequest]:
    """Newest first; investigators and analysts see every bank's, a bank only its own."""
    actor.require(Permission.READ_FREEZE_REQUESTS)
    if actor.role is Role.BANK:
        if filters.bank_code not in (None, actor.organisation):
            return Page([], 0, filters.limit, filters.offset)
        filters = replace(filters, bank_code=actor.organisation or "")
    with uow:
        page = uow.freeze.search(filters)
        if page.items:
            uow.audit.record(
                actor=actor,
                action=AuditAction.FREEZE_REQUEST_LIST,
                object_type=AuditObject.FREEZE_REQUEST,
                object_id="list",
                details={"ids": [r.id for r in page.items]},
                at=now,
            )
            uow.commit()
    items = [as_seen_by(actor, r) for r in page.items]
    return Page(items, page.total, page.limit, page.offset)


def get_freeze_request(
    *, uow: FreezeUnitOfWork, actor: Actor, request_id: int, now: datetime
) -> FreezeRequestDetail:
    """One request with its events and transfers; the read is audited."""
    actor.require(Permission.READ_FREEZE_REQUESTS)
    with uow:
        detail = read_detail(uow, actor, visible_request(uow, actor, request_id))
        uow.audit.record(
            actor=actor,
            action=AuditAction.FREEZE_REQUEST_READ,
            object_type=AuditObject.FREEZE_REQUEST,
            object_id=str(request_id),
            at=now,
        )
        uow.commit()
    return detail


def read_detail(uow: FreezeUnitOfWork, actor: Actor, request: FreezeRequest) -> FreezeRequestDetail:
    """A visible request's events and transfers as ``actor`` may see them, in the open
    transaction; the caller audits the read, or not when the actor only acted on it."""
    return FreezeRequestDetail(
        as_seen_by(actor, request),
        uow.freeze.events(request.id),
        [_transfer_as_seen_by(actor, t) for t in uow.freeze.transfers(from_request_id=request.id)],
        [_transfer_as_seen_by(actor, t) for t in uow.freeze.transfers(next_request_id=request.id)],
    )


def case_freeze_summary(
    *, uow: FreezeUnitOfWork, actor: Actor, case_number: str, now: datetime
) -> CaseFreezeSummary:
    """Traced, frozen, returned and the rest for one case (defined in domain.freeze_summary)."""
    actor.require(Permission.READ_FREEZE_REQUESTS)
    if actor.role is Role.BANK:
        raise Forbidden("Banks see their own freeze requests, not case summaries.")
    case = validate_case_number(case_number)
    with uow:
        requests = uow.freeze.case_requests(case)
        if not requests:
            raise NotFound(f"No freeze requests in case {case!r}.")
        transfers = uow.freeze.transfers(case_number=case)
        uow.audit.record(
            actor=actor,
            action=AuditAction.FREEZE_REQUEST_CASE_SUMMARY,
            object_type=AuditObject.CASE,
            object_id=case,
            details={"requests": len(requests)},
            at=now,
        )
        uow.commit()
    return summarize_case(case, requests, transfers, now=now)
