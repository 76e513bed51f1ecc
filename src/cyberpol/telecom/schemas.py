"""What the telecom API takes and gives."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
)

from cyberpol.platform.http.schemas import RejectedRow
from cyberpol.telecom.domain.blocks import BlockRequest
from cyberpol.telecom.domain.records import (
    CallLoadSummary,
    Operator,
    SimboxDevice,
    SimScore,
    TrunkKind,
)
from cyberpol.telecom.domain.verdicts import CallAttempt, CallVerdict
from cyberpol.telecom.service.verdicts import MAX_ROAMING_PER_REQUEST, MAX_VERDICTS_PER_REQUEST


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


class CallIn(BaseModel):
    """One call as the switch sees it, before connecting it."""

    model_config = ConfigDict(extra="forbid")

    calling_number: str = Field(max_length=64, description="The caller ID as presented")
    called_number: str = Field(max_length=32)
    trunk_kind: Literal["local", "national", "international"]
    trunk_group: str = Field(default="", max_length=64)
    origin_country: str = Field(
        default="", max_length=2, description="ISO 3166 code of the carrier that handed it over"
    )
    ts: AwareDatetime | None = Field(default=None, description="When the call arrived")

    def attempt(self) -> CallAttempt:
        return CallAttempt(self.calling_number, self.called_number, TrunkKind(self.trunk_kind),
                           self.trunk_group, self.origin_country.upper(), self.ts)  # fmt: skip


class CallBatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    calls: list[CallIn] = Field(min_length=1, max_length=MAX_VERDICTS_PER_REQUEST)


class VerdictOut(BaseModel):
    verdict: Literal["allow", "block", "flag"]
    reason: str | None = Field(description="The deciding rule; null when allowed")
    reasons: list[str] = Field(description="Every rule that fired, the deciding one first")
    calling_number: str | None = Field(description="The caller as CyberPol reads it")


class VerdictsOut(BaseModel):
    verdicts: list[VerdictOut]


def verdict_out(verdict: CallVerdict) -> VerdictOut:
    return VerdictOut(
        verdict=verdict.verdict.value,
        reason=verdict.reason.value if verdict.reason else None,
        reasons=[r.value for r in verdict.reasons],
        calling_number=verdict.calling_number,
    )


class SimVerdictIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    is_simbox: StrictBool


class RoamingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    numbers: list[Annotated[str, Field(max_length=40)]] = Field(
        min_length=1, max_length=MAX_ROAMING_PER_REQUEST
    )
    roaming: StrictBool = Field(description="true: abroad now; false: home again")


class RoamingOut(BaseModel):
    changed: int


class BlockTallyPublic(BaseModel):
    day: date
    operator: str
    reason: str
    attempts: int


class BlockTargetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["number", "sim", "device"] = Field(
        default="number", description="number; sim: an IMSI; device: an IMEI"
    )
    value: str = Field(max_length=40)
    operator: str | None = Field(
        default=None, max_length=32,
        description="The operator's code; for a number, the operator it belongs to if left out",
    )  # fmt: skip


class BlockRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    case_number: str = Field(max_length=64, description="The ERDR number")
    legal_basis: str = Field(max_length=2000)
    targets: list[BlockTargetIn] = Field(min_length=1, max_length=100)


class BlockAnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Literal["suspended", "rejected"]
    note: str | None = Field(
        default=None, max_length=2000, description="Why rejected (required then), or how suspended"
    )
    holder_id: str | None = Field(
        default=None, max_length=128,
        description="The holder's identifier (kept only as a keyed hash)",
    )  # fmt: skip
    other_numbers: list[Annotated[str, Field(max_length=40)]] = Field(
        default_factory=list, max_length=100,
        description="The holder's other numbers with you: each gets a follow-up request",
    )  # fmt: skip


class RestoreIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(max_length=2000)


class BlockRequestPublic(BaseModel):
    id: int
    case_number: str
    legal_basis: str
    kind: str
    value: str
    operator: str
    state: str
    issued_by: str
    sent_at: datetime
    due_at: datetime
    overdue: bool
    parent_id: int | None
    acknowledged_at: datetime | None
    answered_at: datetime | None
    restored_at: datetime | None
    answer_note: str | None
    holder_known: bool = Field(description="The operator named the holder (kept hashed)")
    holder_numbers: int | None = Field(description="Numbers the holder is known to hold")
    over_sim_limit: bool = Field(description="The holder holds more than ten numbers")


class BlockEventPublic(BaseModel):
    action: str
    state: str
    actor: str
    at: datetime
    details: dict[str, Any]


class BlockDetailPublic(BlockRequestPublic):
    events: list[BlockEventPublic]


class BlockAnsweredPublic(BaseModel):
    request: BlockRequestPublic
    follow_ups: list[BlockRequestPublic]
    replayed: bool


class BlockPagePublic(BaseModel):
    items: list[BlockRequestPublic]
    total: int
    limit: int
    offset: int


def block_public(r: BlockRequest, now: datetime) -> BlockRequestPublic:
    return BlockRequestPublic(
        id=r.id, case_number=r.case_number, legal_basis=r.legal_basis, kind=r.kind.value,
        value=r.value, operator=r.operator, state=r.state.value, issued_by=r.issued_by,
        sent_at=r.sent_at, due_at=r.due_at, overdue=r.overdue(now), parent_id=r.parent_id,
        acknowledged_at=r.acknowledged_at, answered_at=r.answered_at,
        restored_at=r.restored_at, answer_note=r.answer_note,
        holder_known=r.holder_ref is not None, holder_numbers=r.holder_numbers,
        over_sim_limit=r.over_sim_limit,
    )  # fmt: skip
