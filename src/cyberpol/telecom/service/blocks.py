"""Block requests to operators: issue, acknowledge, answer (with follow-ups), restore, read.

One live request per target and operator: asking again for a number already asked about
(or already suspended) gives the request there is. An answer naming the holder's other
numbers opens follow-up requests for them in the same transaction, and counts the holder's
numbers against the ten-SIM limit over every operator's answers.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from cyberpol.freeze.domain.targets import validate_case_number, validate_text
from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.audit import AuditAction, AuditObject
from cyberpol.kernel.business_days import add_business_days
from cyberpol.kernel.errors import InvalidInput, NotFound, TooLarge
from cyberpol.kernel.pages import Page
from cyberpol.telecom.domain.blocks import (
    ANSWER_WORKING_DAYS,
    BlockAction,
    BlockEvent,
    BlockRequest,
    BlockState,
    BlockTarget,
    BlockTargetKind,
    OperatorAnswer,
    check_answer,
    normalize_target,
    require_transition,
)
from cyberpol.telecom.domain.records import normalize_operator_code, operator_of
from cyberpol.telecom.ports import BlockFilter, CallRecords, TelecomUnitOfWork

MAX_TARGETS = 100
S = BlockState


@dataclass(frozen=True, slots=True)
class BlockDetail:
    request: BlockRequest
    events: list[BlockEvent]


@dataclass(frozen=True, slots=True)
class BlockAnswered:
    request: BlockRequest
    follow_ups: list[BlockRequest]
    replayed: bool


def _audit(unit: TelecomUnitOfWork, actor: Actor, action: AuditAction, request_id: int,
           details: dict[str, object], now: datetime) -> None:  # fmt: skip
    unit.audit.record(actor=actor, action=action, object_type=AuditObject.BLOCK_REQUEST,
                      object_id=str(request_id), details=details, at=now)  # fmt: skip


def _operator_of(calls: CallRecords, target: BlockTarget, value: str) -> str:
    if target.operator:
        return normalize_operator_code(target.operator)
    if target.kind is BlockTargetKind.NUMBER:
        owner = calls.number_owners([value]).get(value)
        if owner:
            return owner
    raise InvalidInput(
        f"Name the operator for {value}: CyberPol does not know whose subscriber it is."
    )


def _open(unit: TelecomUnitOfWork, *, case: str, basis: str, kind: BlockTargetKind, value: str,
          operator: str, issued_by: str, parent: int | None, now: datetime,
          actor: Actor) -> tuple[BlockRequest, bool]:  # fmt: skip
    """The live request for the target at the operator, opened when there is none."""
    live = unit.blocks.live(kind, value, operator)
    if live is not None:
        return live, False
    request = unit.blocks.add(BlockRequest(
        id=0, case_number=case, legal_basis=basis, kind=kind, value=value, operator=operator,
        state=S.SENT, issued_by=issued_by, sent_at=now,
        due_at=add_business_days(now, ANSWER_WORKING_DAYS), parent_id=parent,
    ))  # fmt: skip
    unit.blocks.add_event(request.id, BlockAction.SENT, S.SENT, issued_by, now,
                          {"parent": parent})  # fmt: skip
    _audit(
        unit,
        actor,
        AuditAction.BLOCK_REQUEST,
        request.id,
        {"case": case, "operator": operator, "kind": kind.value, "parent": parent},
        now,
    )
    return request, True


def request_blocks(
    *,
    uow: TelecomUnitOfWork,
    calls: CallRecords,
    actor: Actor,
    case_number: str,
    legal_basis: str,
    targets: Sequence[BlockTarget],
    now: datetime,
) -> list[BlockRequest]:
    """One request per target, to its operator, in one transaction; in target order."""
    actor.require(Permission.REQUEST_NUMBER_BLOCKS)
    case = validate_case_number(case_number)
    basis = validate_text(legal_basis, "legal basis", required=True)
    assert basis is not None
    if not targets:
        raise InvalidInput("Name at least one number, SIM or device to block.")
    if len(targets) > MAX_TARGETS:
        raise TooLarge(f"At most {MAX_TARGETS} targets at a time, got {len(targets)}.")
    checked = []
    for target in targets:
        value = normalize_target(target.kind, target.value)
        checked.append((target.kind, value, _operator_of(calls, target, value)))
    out = []
    with uow:
        for _, value, operator in checked:
            if uow.operators.get(operator) is None:
                raise InvalidInput(f"Operator {operator!r} is not connected to CyberPol "
                                   f"(for {value}); send that request on paper.")  # fmt: skip
        for kind, value, operator in checked:
            request, _ = _open(uow, case=case, basis=basis, kind=kind, value=value,
                               operator=operator, issued_by=actor.name, parent=None, now=now,
                               actor=actor)  # fmt: skip
            out.append(request)
        uow.commit()
    return out


def _visible(unit: TelecomUnitOfWork, actor: Actor, request_id: int) -> BlockRequest:
    """The request as this actor may see it: an operator its own only (others: not found)."""
    request = unit.blocks.get(request_id)
    own = operator_of(actor)
    if request is None or (own is not None and request.operator != own):
        raise NotFound(f"No block request {request_id}.")
    return request


def acknowledge_block(
    *, uow: TelecomUnitOfWork, actor: Actor, request_id: int, now: datetime
) -> BlockRequest:
    """The operator has the request and is checking it; twice changes nothing."""
    actor.require(Permission.ANSWER_NUMBER_BLOCKS)
    with uow:
        request = _visible(uow, actor, request_id)
        if request.state is S.ACKNOWLEDGED:
            return request
        require_transition(request.id, request.state, S.ACKNOWLEDGED)
        updated = replace(request, state=S.ACKNOWLEDGED, acknowledged_at=now)
        uow.blocks.save(updated)
        uow.blocks.add_event(request.id, BlockAction.ACKNOWLEDGED, updated.state, actor.name,
                             now, {})  # fmt: skip
        uow.commit()
    return updated


def holder_ref(secret: bytes, holder_id: str) -> str:
    """The holder's id as kept: a keyed hash, the same for the same id from any operator."""
    return hmac.new(secret, b"holder:" + holder_id.strip().encode(), hashlib.sha256).hexdigest()


def answer_block(
    *,
    uow: TelecomUnitOfWork,
    actor: Actor,
    request_id: int,
    answer: OperatorAnswer,
    now: datetime,
    secret: bytes,
) -> BlockAnswered:
    """Record the operator's answer; the holder's other numbers open follow-up requests."""
    actor.require(Permission.ANSWER_NUMBER_BLOCKS)
    note, others = check_answer(answer)
    outcome = S.SUSPENDED if answer.suspended else S.REJECTED
    with uow:
        request = _visible(uow, actor, request_id)
        if request.state is outcome and request.answered_at is not None:
            return BlockAnswered(request, [], replayed=True)  # the same answer sent again
        require_transition(request.id, request.state, outcome)
        holder = holder_ref(secret, answer.holder_id) if answer.holder_id else None
        count = None
        if holder is not None:
            own = [request.value] if request.kind is BlockTargetKind.NUMBER else []
            count = uow.blocks.note_holder_numbers(holder, [*own, *others], request.operator,
                                                   now)  # fmt: skip
        updated = replace(request, state=outcome, answered_at=now, answer_note=note,
                          holder_ref=holder, holder_numbers=count)  # fmt: skip
        uow.blocks.save(updated)
        follow_ups = []
        for number in others:
            if number == request.value:
                continue
            opened, fresh = _open(
                uow, case=request.case_number, basis=request.legal_basis,
                kind=BlockTargetKind.NUMBER, value=number, operator=request.operator,
                issued_by=request.issued_by, parent=request.id, now=now, actor=actor,
            )  # fmt: skip
            if fresh:
                follow_ups.append(opened)
        uow.blocks.add_event(request.id, BlockAction.ANSWERED, outcome, actor.name, now, {
            "note": note, "other_numbers": len(others), "follow_ups": [f.id for f in follow_ups],
            "holder_numbers": count, "over_sim_limit": updated.over_sim_limit,
        })  # fmt: skip
        uow.commit()
    return BlockAnswered(updated, follow_ups, replayed=False)


def restore_block(
    *, uow: TelecomUnitOfWork, actor: Actor, request_id: int, reason: str, now: datetime
) -> BlockRequest:
    """The investigator lifts the block (a mistake, a closed case): the operator restores."""
    actor.require(Permission.REQUEST_NUMBER_BLOCKS)
    why = validate_text(reason, "reason", required=True)
    with uow:
        request = _visible(uow, actor, request_id)
        require_transition(request.id, request.state, S.RESTORED)
        updated = replace(request, state=S.RESTORED, restored_at=now)
        uow.blocks.save(updated)
        uow.blocks.add_event(request.id, BlockAction.RESTORED, S.RESTORED, actor.name, now,
                             {"reason": why})  # fmt: skip
        _audit(uow, actor, AuditAction.BLOCK_REQUEST, request.id, {"restored": why}, now)
        uow.commit()
    return updated


def list_blocks(
    *, uow: TelecomUnitOfWork, actor: Actor, filters: BlockFilter
) -> Page[BlockRequest]:
    """Block requests, newest first: an operator sees its own, the unit all."""
    actor.require(Permission.READ_NUMBER_BLOCKS)
    own = operator_of(actor)
    if own is not None:
        filters = replace(filters, operator=own)
    with uow:
        return uow.blocks.search(filters)


def block_detail(
    *, uow: TelecomUnitOfWork, actor: Actor, request_id: int, now: datetime
) -> BlockDetail:
    """One request and its history; audited (it says whose number is being cut off)."""
    actor.require(Permission.READ_NUMBER_BLOCKS)
    with uow:
        request = _visible(uow, actor, request_id)
        events = uow.blocks.events(request.id)
        _audit(uow, actor, AuditAction.BLOCK_REQUEST_READ, request.id, {}, now)
        uow.commit()
    return BlockDetail(request, events)
