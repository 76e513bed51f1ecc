"""Banks send transfers; investigators follow a victim's money through them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, UploadFile
from pydantic import Field

from cyberpol.money_trail.domain.attribution import TraceMethod, TraceRequest, parse_window
from cyberpol.money_trail.schemas import (
    TracePublic,
    TransferIn,
    TransferLoadPublic,
    trace_public,
    transfer_load_public,
)
from cyberpol.money_trail.service import MAX_TRANSFERS_PER_REQUEST, MoneyTrailService
from cyberpol.platform.http.deps import ActorDep, service
from cyberpol.platform.http.schemas import ERROR_RESPONSES
from cyberpol.platform.http.uploads import saved_upload

router = APIRouter(prefix="/api/v1/transfers", tags=["money trail"])
_ERRORS = ERROR_RESPONSES
_MAX_RECORDS = MAX_TRANSFERS_PER_REQUEST
TrailDep = Annotated[MoneyTrailService, Depends(service(MoneyTrailService))]


@router.post("", response_model=TransferLoadPublic, responses=_ERRORS)
def send_transfers(
    body: Annotated[list[TransferIn], Field(max_length=_MAX_RECORDS)],
    trail: TrailDep,
    actor: ActorDep,
) -> TransferLoadPublic:
    """A bank's transfers as they happen (a bank may send only its own customers' transfers).

    Sending the same transfer_id again changes nothing; ``line`` in rejections is the
    item's position in the list, from 1.
    """
    summary = trail.submit(actor=actor, records=[item.model_dump() for item in body])
    return transfer_load_public(summary)


@router.post("/files", response_model=TransferLoadPublic, responses=_ERRORS)
def upload_transfers(
    file: UploadFile,
    trail: TrailDep,
    actor: ActorDep,
    format: Annotated[str, Query(pattern="^(auto|cyberpol|ibm-aml|amlsim)$")] = "auto",
) -> TransferLoadPublic:
    """A file of transfers or account attributes: CSV, JSON Lines or Parquet, known by its
    name's suffix or else by its first bytes; up to the body limit."""
    with saved_upload(file) as path:
        summary = trail.import_file(actor=actor, path=path, layout=format)
    return transfer_load_public(summary)


@router.get("/{transfer_id}/trace", response_model=TracePublic, responses=_ERRORS)
def trace(
    trail: TrailDep,
    actor: ActorDep,
    transfer_id: Annotated[str, Path(min_length=1, max_length=128)],
    window: Annotated[str, Query(max_length=16, description="Per hop: 72h, 3d, 90m")] = "72h",
    method: TraceMethod = TraceMethod.FIFO,
    threshold: Annotated[float | None, Query(ge=0)] = None,
) -> TracePublic:
    """Where this transfer's money went: accounts by hop with amounts, exits and a graph."""
    request = TraceRequest(
        transfer_id=transfer_id, window=parse_window(window), method=method, threshold=threshold
    )
    return trace_public(trail.trace(actor=actor, request=request))
