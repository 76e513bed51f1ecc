"""Banks send transfers; investigators follow a victim's money through them."""

from __future__ import annotations

import tempfile
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, UploadFile
from pydantic import BaseModel, Field

from cyberpol.money_trail.domain.attribution import TraceMethod, TraceRequest, parse_window
from cyberpol.money_trail.domain.transfers import TransferLoadSummary
from cyberpol.money_trail.service import (
    import_transfer_file,
    submit_transfers,
    trace_money,
)
from cyberpol.platform.http.deps import ActorDep, RuntimeDep
from cyberpol.platform.http.schemas import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1/transfers", tags=["money trail"])
_ERRORS = ERROR_RESPONSES
_MAX_RECORDS = 10_000


class TransferIn(BaseModel):
    """One transfer in the exchange format; values are checked as in a file import."""

    transfer_id: str = Field(max_length=128)
    ts: str = Field(description="ISO 8601 with a zone: 2026-03-01T10:00:00+05:00")
    amount: str | float
    currency: str = "KZT"
    from_account: str = Field(max_length=128, description="IBAN, card number or bank's id")
    from_bank: str = Field(max_length=32)
    to_account: str = Field(max_length=128)
    to_bank: str = Field(max_length=32)
    channel: Literal["transfer", "card_to_card", "payment", "cash_out", "crypto", "foreign"]


class RejectedRow(BaseModel):
    line: int
    reason: str


class TransferLoadPublic(BaseModel):
    source: str
    format: str
    loaded: int
    unchanged: int
    skipped: int
    rejected: list[RejectedRow]


def _load_public(summary: TransferLoadSummary) -> TransferLoadPublic:
    return TransferLoadPublic(
        source=summary.source,
        format=summary.layout,
        loaded=summary.loaded,
        unchanged=summary.unchanged,
        skipped=summary.skipped,
        rejected=[RejectedRow(line=line, reason=reason) for line, reason in summary.rejected],
    )


@router.post("", response_model=TransferLoadPublic, responses=_ERRORS)
def send_transfers(
    body: Annotated[list[TransferIn], Field(max_length=_MAX_RECORDS)],
    runtime: RuntimeDep,
    actor: ActorDep,
) -> TransferLoadPublic:
    """A bank's transfers as they happen (a bank may send only its own customers' transfers).

    Sending the same transfer_id again changes nothing; ``line`` in rejections is the
    item's position in the list, from 1.
    """
    summary = submit_transfers(
        exchange=runtime.exchange(),
        uow=runtime.uow(),
        actor=actor,
        records=[item.model_dump() for item in body],
        max_records=_MAX_RECORDS,
    )
    return _load_public(summary)


@router.post("/files", response_model=TransferLoadPublic, responses=_ERRORS)
def upload_transfers(
    file: UploadFile,
    runtime: RuntimeDep,
    actor: ActorDep,
    format: Annotated[str, Query(pattern="^(auto|cyberpol|ibm-aml|amlsim)$")] = "auto",
) -> TransferLoadPublic:
    """A file of transfers (CSV, JSON Lines or Parquet, by its name), up to the body limit."""
    name = FilePath(file.filename or "upload.csv").name
    with tempfile.TemporaryDirectory() as folder:
        path = FilePath(folder) / name
        with path.open("wb") as handle:
            while chunk := file.file.read(1 << 20):
                handle.write(chunk)
        summary = import_transfer_file(
            exchange=runtime.exchange(), uow=runtime.uow(), actor=actor, path=path, layout=format
        )
    return _load_public(summary)


@router.get("/{transfer_id}/trace", responses=_ERRORS)
def trace(
    runtime: RuntimeDep,
    actor: ActorDep,
    transfer_id: Annotated[str, Path(min_length=1, max_length=128)],
    window: Annotated[str, Query(max_length=16, description="Per hop: 72h, 3d, 90m")] = "72h",
    method: TraceMethod = TraceMethod.FIFO,
    threshold: Annotated[float | None, Query(ge=0)] = None,
) -> dict[str, Any]:
    """Where this transfer's money went: accounts by hop with amounts, exits and a graph."""
    request = TraceRequest(
        transfer_id=transfer_id, window=parse_window(window), method=method, threshold=threshold
    )
    return trace_money(exchange=runtime.exchange(), uow=runtime.uow(), actor=actor, request=request)
