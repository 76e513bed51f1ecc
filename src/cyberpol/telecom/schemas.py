"""What the telecom API takes and gives."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, StrictBool, StrictFloat, StrictInt, StrictStr

from cyberpol.platform.http.schemas import RejectedRow
from cyberpol.telecom.domain import CallLoadSummary, Operator, SimboxDevice, SimScore


class CallRecordIn(BaseModel):
    """One call detail record; values are checked as in a file import."""

    record_id: str = Field(max_length=128)
    start: str = Field(max_length=64, description="ISO 8601 with a zone: 2026-03-01T10:00:00+05:00")
    duration_s: StrictInt | StrictFloat | StrictStr
    record_type: Literal["voice", "sms", "data"]
    direction: Literal["originating", "terminating"]
    calling_number: str | None = Field(default=None, max_length=40)
    called_number: str | None = Field(default=None, max_length=40)
    imsi: str | None = Field(default=None, max_length=20)
    imei: str | None = Field(default=None, max_length=20)
    cell_id: str | None = Field(default=None, max_length=64)
    trunk_group: str | None = Field(default=None, max_length=64)
    trunk_kind: Literal["local", "national", "international"] | None = None
    operator: str | None = Field(default=None, max_length=32, description="Your own code")
    roaming: StrictBool | None = Field(default=None, description="The subscriber is abroad")


class CallLoadPublic(BaseModel):
    """What one load kept, found already there and rejected."""

    source: str
    operator: str | None
    loaded: int
    already_there: int
    rejected: int
    rejections: list[RejectedRow] = Field(description="The first 1,000 rejected rows")
    roaming_changed: int


def call_load_public(summary: CallLoadSummary) -> CallLoadPublic:
    return CallLoadPublic(
        source=summary.source,
        operator=summary.operator,
        loaded=summary.rows_loaded,
        already_there=summary.duplicates,
        rejected=summary.rejected,
        rejections=[RejectedRow(line=r.line, reason=r.reason) for r in summary.rejections],
        roaming_changed=summary.roaming_changed,
    )


class OperatorPublic(BaseModel):
    code: str
    name: str


def operator_public(operator: Operator) -> OperatorPublic:
    return OperatorPublic(code=operator.code, name=operator.name)


class ReasonPublic(BaseModel):
    code: str
    value: float
    weight: float


class SimScorePublic(BaseModel):
    """A SIM of the last SIM-box run."""

    imsi: str
    number: str | None
    score: float
    device: str = Field(description="The box it was grouped into; empty when not flagged")
    reasons: list[ReasonPublic]


def sim_score_public(s: SimScore) -> SimScorePublic:
    return SimScorePublic(
        imsi=s.imsi, number=s.number, score=round(s.score, 4), device=s.device,
        reasons=[ReasonPublic(code=r.code, value=r.value, weight=r.weight) for r in s.reasons],
    )  # fmt: skip


class SimboxDevicePublic(BaseModel):
    device: str
    sims: int
    top_score: float
    numbers: list[str] = Field(description="Up to five of its numbers, highest scored first")


def simbox_device_public(d: SimboxDevice) -> SimboxDevicePublic:
    return SimboxDevicePublic(
        device=d.device, sims=d.sims, top_score=round(d.top_score, 4), numbers=list(d.numbers)
    )


class ProtectIn(BaseModel):
    """Numbers to put on the do-not-originate list (or take off it, ``protect: false``)."""

    numbers: list[str] = Field(min_length=1, max_length=1000)
    label: str = Field(default="", max_length=200)
    protect: bool = True


class ProtectOut(BaseModel):
    numbers: list[str] = Field(description="As stored: E.164, or a short code as dialled")
    changed: int


class ProtectedNumberPublic(BaseModel):
    number: str
    label: str
    added_by: str
    added_at: datetime
