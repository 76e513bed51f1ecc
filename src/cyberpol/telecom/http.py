"""Operators send call records; admins see which operators are connected."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, UploadFile
from pydantic import Field

from cyberpol.platform.http.deps import ActorDep, service
from cyberpol.platform.http.schemas import ERROR_RESPONSES
from cyberpol.platform.http.uploads import saved_upload
from cyberpol.telecom.schemas import (
    CallLoadPublic,
    CallRecordIn,
    OperatorPublic,
    ProtectedNumberPublic,
    ProtectIn,
    ProtectOut,
    SimboxDevicePublic,
    SimScorePublic,
    call_load_public,
    operator_public,
    sim_score_public,
    simbox_device_public,
)
from cyberpol.telecom.service import MAX_CALLS_PER_REQUEST, TelecomService

router = APIRouter(prefix="/api/v1", tags=["telecom"])
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
