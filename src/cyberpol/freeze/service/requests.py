"""Freeze requests: issue, acknowledge, answer (and cascade), release, expire.

A bank's answer that names onward transfers opens requests at the receiving banks in the
same transaction, the next hop of the cascade. Money that left by an exit channel (cash
out, crypto, abroad) or went to a bank CyberPol cannot reach is recorded as an exit.

Merge rule: money that reaches an account which already has an unanswered request (sent
or acknowledged) in the same case and currency is added to that request: its requested
amount grows by the new amount, its hop becomes the smaller of the two, its answer
deadline stays, and a ``merged`` event records the addition. Money from two drops that
converges on one account must all be frozen, and the bank gets one request per account.
Once the bank has answered, new money opens a new request: the answer covered the old amount.

Repeated calls are safe: a bank that sends the same answer again (same Idempotency-Key or
the same body) gets the stored result and no new requests; a target with an
``origin_transfer_id`` already issued in the case is not issued again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from cyberpol.freeze.domain.requests import (
    HOLDING_STATES,
    OPEN_STATES,
    FreezeAction,
    FreezePolicy,
    FreezeRequest,
    FreezeState,
    require_transition,
)
from cyberpol.freeze.domain.targets import (
    BankAnswer,
    CheckedAnswer,
    FreezeTarget,
    check_answer,
    checked_target,
    validate_amount,
    validate_case_number,
    validate_text,
)
from cyberpol.freeze.ports import FreezeUnitOfWork
from cyberpol.freeze.service.cascade import (
    cascade,
    open_or_join_request,
    record_event,
    save_request,
)
from cyberpol.freeze.service.queries import (
    FreezeRequestDetail,
    as_seen_by,
    read_detail,
    visible_request,
)
from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.errors import Conflict, InvalidInput, InvalidTransition, TooLarge

MAX_TARGETS = 100
EXPIRY_JOB = "expiry-job"
S = FreezeState


@dataclass(frozen=True, slots=True)
class Answered:
    """The request as the answer left it, read in the answer's own transaction, so that
    presenting it is not a second, audited read."""

    detail: FreezeRequestDetail
    replayed: bool

    @property
    def request(self) -> FreezeRequest:
        return self.detail.request


def issue_freeze_requests(
    *,
    uow: FreezeUnitOfWork,
    actor: Actor,
    case_number: str,
    legal_basis: str,
    targets: Sequence[FreezeTarget],
    now: datetime,
    card_secret: bytes,
    policy: FreezePolicy = FreezePolicy(),
) -> list[FreezeRequest]:
    """Send one request per target to its bank, in one transaction; the requests in target
    order (a target that joined an open request, or whose ``origin_transfer_id`` was issued
    before in this case, gives that request)."""
    actor.require(Permission.ISSUE_FREEZE_REQUESTS)
    case = validate_case_number(case_number)
    basis = validate_text(legal_basis, "legal basis", required=True)
    assert basis is not None
    if not targets:
        raise InvalidInput("Name at least one account to freeze.")
    if len(targets) > MAX_TARGETS:
        raise TooLarge(f"At most {MAX_TARGETS} targets per call, got {len(targets)}.")
    inflows = [checked_target(t, card_secret=card_secret) for t in targets]
    with uow:
        connected = uow.banks.connected(i.bank_code for i in inflows if i.bank_code)
        for inflow in inflows:
            if inflow.bank_code not in connected:
                raise InvalidInput(
                    f"Bank {inflow.bank_code!r} is not connected to CyberPol; an admin can "
                    f"connect it, or send that request on paper."
                )
        ids = []
        for inflow in inflows:
            origin = inflow.origin_transfer_id
            earlier = uow.freeze.transfer_by_origin(case, origin) if origin else None
            if earlier is not None and earlier.next_request_id is not None:
                ids.append(earlier.next_request_id)
                continue
            request = open_or_join_request(
                uow, case, basis, inflow, issued_by=actor.name, parent=None, now=now, policy=policy
            )
            uow.freeze.add_transfer(
                case_number=case,
                inflow=inflow,
                from_request_id=None,
                from_bank=None,
                next_request_id=request.id,
                exit_kind=None,
                recorded_at=now,
            )
            ids.append(request.id)
        issued = [uow.freeze.get(i) for i in ids]
        uow.commit()
    return [r for r in issued if r is not None]


def acknowledge_freeze_request(
    *, uow: FreezeUnitOfWork, actor: Actor, request_id: int, now: datetime
) -> FreezeRequest:
    """The bank has the request and is working on it; acknowledging twice changes nothing."""
    actor.require(Permission.ANSWER_FREEZE_REQUESTS)
    with uow:
        request = visible_request(uow, actor, request_id)
        if request.state is S.ACKNOWLEDGED:
            return as_seen_by(actor, request)
        require_transition(request.id, request.state, S.ACKNOWLEDGED)
        updated = replace(request, state=S.ACKNOWLEDGED, acknowledged_at=now)
        save_request(uow, updated)
        record_event(uow, request, updated, actor.name, FreezeAction.ACKNOWLEDGED, now)
        uow.commit()
    return as_seen_by(actor, replace(updated, version=updated.version + 1))


def answer_freeze_request(
    *,
    uow: FreezeUnitOfWork,
    actor: Actor,
    request_id: int,
    answer: BankAnswer,
    now: datetime,
    card_secret: bytes,
    policy: FreezePolicy = FreezePolicy(),
    idempotency_key: str | None = None,
) -> Answered:
    """Record the bank's answer, move the request to the state it decides and open the next
    hop's requests for money that moved on; a repeated answer is replayed, not applied."""
    actor.require(Permission.ANSWER_FREEZE_REQUESTS)
    if idempotency_key is not None and not 1 <= len(idempotency_key) <= 200:
        raise InvalidInput("Idempotency-Key must be 1 to 200 characters.")
    with uow:
        request = visible_request(uow, actor, request_id)
        checked = _check_or_none(answer, request, card_secret)
        if _is_replay(uow, request, checked, idempotency_key):
            return Answered(read_detail(uow, actor, request), replayed=True)
        if request.state not in OPEN_STATES:
            raise InvalidTransition(
                f"Freeze request {request.id} is {request.state.value!r}: it has been answered "
                f"already and cannot be answered again.",
                state=request.state.value,
            )
        assert checked is not None  # _check_or_none raises for open requests
        require_transition(request.id, request.state, checked.state)
        holds = checked.state in HOLDING_STATES
        updated = replace(
            request,
            state=checked.state,
            frozen_amount=checked.frozen_amount,
            onward_amount=checked.onward_total,
            answered_at=now,
            expires_at=policy.expires(now) if holds else None,
            rejection_reason=checked.rejection_reason,
        )
        save_request(uow, updated)
        details = {
            "frozen_amount": str(checked.frozen_amount),
            "onward_transfers": len(checked.onward),
            "onward_amount": str(checked.onward_total),
            "rejection_reason": checked.rejection_reason,
        }
        record_event(
            uow,
            request,
            updated,
            actor.name,
            FreezeAction.ANSWERED,
            now,
            details,
            idempotency_key=idempotency_key,
            digest=checked.digest(),
        )
        cascade(uow, updated, checked, now=now, policy=policy)
        stored = uow.freeze.get(request.id)
        assert stored is not None
        detail = read_detail(uow, actor, stored)
        uow.commit()
    return Answered(detail, replayed=False)


def release_freeze_request(
    *,
    uow: FreezeUnitOfWork,
    actor: Actor,
    request_id: int,
    returned_amount: Decimal,
    now: datetime,
    note: str | None = None,
) -> FreezeRequest:
    """Lift a freeze, recording how much of the frozen money went back to the victim; the
    rest goes back to the account holder. Releasing again with the same values changes nothing."""
    actor.require(Permission.ISSUE_FREEZE_REQUESTS)
    returned = validate_amount(returned_amount, "Returned amount", allow_zero=True)
    text = validate_text(note, "release note", required=False)
    digest = hashlib.sha256(f"{returned}\x1f{text}".encode()).hexdigest()
    with uow:
        request = visible_request(uow, actor, request_id)
        if request.state is S.RELEASED:
            earlier = uow.freeze.find_event(request.id, action=FreezeAction.RELEASED)
            if earlier is not None and earlier.digest == digest:
                return request
        require_transition(request.id, request.state, S.RELEASED)
        if returned > request.frozen_amount:
            raise InvalidInput(
                f"Returned amount {returned} exceeds the {request.frozen_amount} frozen "
                f"under request {request.id}."
            )
        updated = replace(
            request, state=S.RELEASED, returned_amount=returned, release_note=text, closed_at=now
        )
        save_request(uow, updated)
        details = {"returned_amount": str(returned), "note": text}
        record_event(
            uow, request, updated, actor.name, FreezeAction.RELEASED, now, details, digest=digest
        )
        uow.commit()
    return replace(updated, version=updated.version + 1)


def expire_due(*, uow: FreezeUnitOfWork, now: datetime) -> list[int]:
    """The expiry job: holds past their deadline (``expires_at``) become expired; their ids."""
    expired = []
    with uow:
        for request in uow.freeze.due_for_expiry(now):
            updated = replace(request, state=S.EXPIRED, closed_at=now)
            if not uow.freeze.update(updated):
                continue  # released at this very moment: the release wins
            assert request.expires_at is not None
            details = {"expires_at": request.expires_at.isoformat()}
            record_event(uow, request, updated, EXPIRY_JOB, FreezeAction.EXPIRED, now, details)
            expired.append(request.id)
        uow.commit()
    return expired


def _check_or_none(
    answer: BankAnswer, request: FreezeRequest, card_secret: bytes
) -> CheckedAnswer | None:
    """The checked answer; None for an invalid one to a request that is answered already
    (it cannot be a replay, and the state, not the body, is what the bank must hear about)."""
    try:
        return check_answer(answer, request=request, card_secret=card_secret)
    except InvalidInput:
        if request.state in OPEN_STATES:
            raise
        return None


def _is_replay(
    uow: FreezeUnitOfWork, request: FreezeRequest, checked: CheckedAnswer | None, key: str | None
) -> bool:
    digest = checked.digest() if checked else None
    if key is not None:
        earlier = uow.freeze.find_event(
            request.id, action=FreezeAction.ANSWERED, idempotency_key=key
        )
        if earlier is not None:
            if earlier.digest != digest:
                raise Conflict(
                    f"This Idempotency-Key was already used for a different answer to "
                    f"freeze request {request.id}."
                )
            return True
    if request.state in OPEN_STATES or digest is None:
        return False
    earlier = uow.freeze.find_event(request.id, action=FreezeAction.ANSWERED)
    return earlier is not None and earlier.digest == digest
