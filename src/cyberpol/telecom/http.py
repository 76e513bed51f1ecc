"""Operators send call records; admins see which operators are connected."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, UploadFile
from pydantic import Field

from cyberpol.platform.http.deps import ActorDep, service
from cyberpol.platform.http.schemas import ERROR_RESPONSES, Day
from cyberpol.platform.http.uploads import saved_upload
from cyberpol.telecom.domain.blocks import (
    BlockState,
    BlockTarget,
    BlockTargetKind,
    OperatorAnswer,
)
from cyberpol.telecom.ports import BlockFilter
from cyberpol.telecom.schemas import (
    BlockAnsweredPublic,
    BlockAnswerIn,
    BlockDetailPublic,
    BlockEventPublic,
    BlockPagePublic,
    BlockRequestIn,
    BlockRequestPublic,
    BlockTallyPublic,
    CallBatchIn,
    CallIn,
    CallLoadPublic,
    CallRecordIn,
    OperatorPublic,
    ProtectedNumberPublic,
    ProtectIn,
    ProtectOut,
    RestoreIn,
    RoamingIn,
    RoamingOut,
    SimboxDevicePublic,
    SimScorePublic,
    SimVerdictIn,
    VerdictOut,
    VerdictsOut,
    block_public,
    call_load_public,
    operator_public,
    sim_score_public,
    simbox_device_public,
    verdict_out,
)
from cyberpol.telecom.service import MAX_CALLS_PER_REQUEST, TelecomService

router = APIRouter(prefix="/api/v1", tags=["telecom"])
# Switches ask at their call rate: the app matches this router's one route before the rest.
switch_router = APIRouter(prefix="/api/v1", tags=["telecom"])
TelecomDep = Annotated[TelecomService, Depends(service(TelecomService))]


@router.post("/calls", response_model=CallLoadPublic, responses=ERROR_RESPONSES)
def send_calls(
    body: Annotated[list[CallRecordIn], Field(min_length=1, max_length=MAX_CALLS_PER_REQUEST)],
    telecom: TelecomDep,
    actor: ActorDep,
) -> CallLoadPublic:
    """An operator's call records (its own subscribers' only). A record sent again changes
    nothing; ``line`` in rejections is the record's place in the list, from 1."""
    records = [item.model_dump(exclude_none=True) for item in body]
    return call_load_public(telecom.submit_calls(actor=actor, records=records))


@router.post("/calls/files", response_model=CallLoadPublic, responses=ERROR_RESPONSES)
def upload_calls(
    file: UploadFile,
    telecom: TelecomDep,
    actor: ActorDep,
    format: Annotated[str, Query(pattern="^(auto|cyberpol)$")] = "auto",
) -> CallLoadPublic:
    """A file of call records: CSV, JSON Lines or Parquet, known by its name's suffix or
    else by its first bytes; up to the body limit. It loads whole or not at all."""
    with saved_upload(file) as path:
        summary = telecom.import_calls(actor=actor, path=path, requested_format=format)
    return call_load_public(summary)


@router.post("/calls/verdict", response_model=VerdictOut | VerdictsOut, responses=ERROR_RESPONSES)
async def call_verdict(
    body: CallIn | CallBatchIn, telecom: TelecomDep, actor: ActorDep
) -> VerdictOut | VerdictsOut:
    """For a switch, before it connects a call: ``allow``, ``block`` or ``flag`` with the
    reason. One call, or ``{"calls": [...]}`` (up to 10,000) answered in the same order.
    Blocked calls are counted per day and reason, never with either party's number."""
    # Run on the event loop: a verdict is set lookups in memory (the lists are reread and
    # the counts written at most once a second), and a hop to the thread pool would cost
    # more than the verdict itself.
    if isinstance(body, CallIn):
        [verdict] = telecom.verdicts(actor=actor, calls=[body.attempt()])
        return verdict_out(verdict)
    verdicts = telecom.verdicts(actor=actor, calls=[c.attempt() for c in body.calls])
    return VerdictsOut(verdicts=[verdict_out(v) for v in verdicts])


@router.get("/calls/blocked", response_model=list[BlockTallyPublic], responses=ERROR_RESPONSES)
def blocked_calls(
    telecom: TelecomDep,
    actor: ActorDep,
    since: Day | None = None,
    until: Day | None = None,
) -> list[BlockTallyPublic]:
    """Calls the verdicts blocked, per day in Kazakhstan (``since`` included, ``until`` not),
    operator and reason. An operator sees its own."""
    return [
        BlockTallyPublic(day=t.day, operator=t.operator, reason=t.reason.value,
                         attempts=t.attempts)
        for t in telecom.blocked_calls(actor=actor, since=since, until=until)
    ]  # fmt: skip


@router.post("/roaming", response_model=RoamingOut, responses=ERROR_RESPONSES)
def roaming(body: RoamingIn, telecom: TelecomDep, actor: ActorDep) -> RoamingOut:
    """An operator says which of its subscribers are abroad now (``roaming: true``) or home
    again: a Kazakh number arriving on an international trunk is allowed only while its
    subscriber is abroad. A number another operator last spoke for refuses the whole list."""
    changed = telecom.set_roaming(actor=actor, numbers=body.numbers, roaming=body.roaming)
    return RoamingOut(changed=changed)


@router.get("/operators", response_model=list[OperatorPublic], responses=ERROR_RESPONSES)
def list_operators(telecom: TelecomDep, actor: ActorDep) -> list[OperatorPublic]:
    """The mobile operators connected (admins)."""
    return [operator_public(o) for o in telecom.operators(actor=actor)]


@router.get("/simbox/sims", response_model=list[SimScorePublic], responses=ERROR_RESPONSES)
def simbox_sims(
    telecom: TelecomDep,
    actor: ActorDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    flagged: bool = True,
) -> list[SimScorePublic]:
    """SIMs of the last SIM-box run (`cyberpol simbox score`), highest scores first, each with
    the rules that fired and the box it was grouped into. Audited."""
    found = telecom.sim_scores(actor=actor, limit=limit, flagged_only=flagged)
    return [sim_score_public(s) for s in found]


@router.post("/simbox/sims/{imsi}/verdict", status_code=204, responses=ERROR_RESPONSES)
def simbox_verdict(
    imsi: Annotated[str, Path(max_length=20)], body: SimVerdictIn, telecom: TelecomDep,
    actor: ActorDep,
) -> None:  # fmt: skip
    """An analyst's verdict on a SIM (``is_simbox``): kept for retraining; a box SIM's modules
    become known, so new SIMs put into them are flagged on the next run. Audited."""
    telecom.label_sim(actor=actor, imsi=imsi, is_simbox=body.is_simbox)


@router.get("/simbox/devices", response_model=list[SimboxDevicePublic], responses=ERROR_RESPONSES)
def simbox_devices(telecom: TelecomDep, actor: ActorDep) -> list[SimboxDevicePublic]:
    """The boxes of the last run: flagged SIMs that shared modules and a place. Audited."""
    return [simbox_device_public(d) for d in telecom.simbox_devices(actor=actor)]


@router.post("/protected-numbers", response_model=ProtectOut, responses=ERROR_RESPONSES)
def protect_numbers(body: ProtectIn, telecom: TelecomDep, actor: ActorDep) -> ProtectOut:
    """Put numbers that never place calls (bank hotlines, 102, 112, short codes) on the
    do-not-originate list, or take them off. Admins; audited."""
    stored, changed = telecom.protect(
        actor=actor, numbers=body.numbers, label=body.label, protect=body.protect
    )
    return ProtectOut(numbers=stored, changed=changed)


@router.get(
    "/protected-numbers", response_model=list[ProtectedNumberPublic], responses=ERROR_RESPONSES
)
def protected_numbers(telecom: TelecomDep, actor: ActorDep) -> list[ProtectedNumberPublic]:
    """The do-not-originate list. Admins."""
    return [
        ProtectedNumberPublic(number=p.number, label=p.label, added_by=p.added_by,
                              added_at=p.added_at)
        for p in telecom.protected_numbers(actor=actor)
    ]  # fmt: skip


@router.post("/block-requests", response_model=list[BlockRequestPublic],
             responses=ERROR_RESPONSES)  # fmt: skip
def send_block_requests(
    body: BlockRequestIn, telecom: TelecomDep, actor: ActorDep
) -> list[BlockRequestPublic]:
    """Ask operators to suspend numbers, SIMs (IMSI) or devices (IMEI): one request per
    target, to its operator, due in two working days. A target already asked about (or
    suspended) at that operator gives the request there is. Investigators."""
    sent = telecom.request_blocks(
        actor=actor, case_number=body.case_number, legal_basis=body.legal_basis,
        targets=[BlockTarget(BlockTargetKind(t.kind), t.value, t.operator) for t in body.targets],
    )  # fmt: skip
    now = telecom.clock()
    return [block_public(r, now) for r in sent]


@router.get("/block-requests", response_model=BlockPagePublic, responses=ERROR_RESPONSES)
def block_requests(
    telecom: TelecomDep,
    actor: ActorDep,
    state: Literal["sent", "acknowledged", "suspended", "rejected", "restored"] | None = None,
    case_number: Annotated[str | None, Query(max_length=64)] = None,
    overdue: bool = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> BlockPagePublic:
    """Block requests, newest first; an operator sees its own. ``overdue``: only those
    unanswered past their two working days."""
    now = telecom.clock()
    page = telecom.block_requests(actor=actor, filters=BlockFilter(
        state=BlockState(state) if state else None, case_number=case_number,
        overdue_at=now if overdue else None, limit=limit, offset=offset,
    ))  # fmt: skip
    return BlockPagePublic(items=[block_public(r, now) for r in page.items], total=page.total,
                           limit=page.limit, offset=page.offset)  # fmt: skip


@router.get("/block-requests/{request_id}", response_model=BlockDetailPublic,
            responses=ERROR_RESPONSES)  # fmt: skip
def block_request(
    request_id: Annotated[int, Path(ge=1, le=2**62)], telecom: TelecomDep, actor: ActorDep
) -> BlockDetailPublic:
    """One request and its history. Audited."""
    detail = telecom.block_request(actor=actor, request_id=request_id)
    shown = block_public(detail.request, telecom.clock())
    return BlockDetailPublic(**shown.model_dump(), events=[
        BlockEventPublic(action=e.action.value, state=e.state.value, actor=e.actor, at=e.at,
                         details=e.details) for e in detail.events
    ])  # fmt: skip


@router.post("/block-requests/{request_id}/acknowledge", response_model=BlockRequestPublic,
             responses=ERROR_RESPONSES)  # fmt: skip
def acknowledge_block_request(
    request_id: Annotated[int, Path(ge=1, le=2**62)], telecom: TelecomDep, actor: ActorDep
) -> BlockRequestPublic:
    """The operator has the request and is checking it (its own requests only)."""
    request = telecom.acknowledge_block(actor=actor, request_id=request_id)
    return block_public(request, telecom.clock())


@router.post("/block-requests/{request_id}/answer", response_model=BlockAnsweredPublic,
             responses=ERROR_RESPONSES)  # fmt: skip
def answer_block_request(
    request_id: Annotated[int, Path(ge=1, le=2**62)], body: BlockAnswerIn, telecom: TelecomDep,
    actor: ActorDep,
) -> BlockAnsweredPublic:  # fmt: skip
    """The operator's answer: ``suspended`` (may name the holder and the holder's other
    numbers, which get follow-up requests) or ``rejected`` with the reason. The same answer
    sent again changes nothing. A suspended number becomes a blocked indicator."""
    answered = telecom.answer_block(actor=actor, request_id=request_id, answer=OperatorAnswer(
        suspended=body.outcome == "suspended", note=body.note, holder_id=body.holder_id,
        other_numbers=tuple(body.other_numbers),
    ))  # fmt: skip
    now = telecom.clock()
    return BlockAnsweredPublic(request=block_public(answered.request, now),
                               follow_ups=[block_public(f, now) for f in answered.follow_ups],
                               replayed=answered.replayed)  # fmt: skip


@router.post("/block-requests/{request_id}/restore", response_model=BlockRequestPublic,
             responses=ERROR_RESPONSES)  # fmt: skip
def restore_block_request(
    request_id: Annotated[int, Path(ge=1, le=2**62)], body: RestoreIn, telecom: TelecomDep,
    actor: ActorDep,
) -> BlockRequestPublic:  # fmt: skip
    """Lift a suspension (a mistake, a closed case): the operator restores the number.
    Investigators."""
    request = telecom.restore_block(actor=actor, request_id=request_id, reason=body.reason)
    return block_public(request, telecom.clock())
