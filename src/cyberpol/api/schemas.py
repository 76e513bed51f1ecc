"""Request and response bodies of the HTTP API (pydantic lives here, at the edge)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

from cyberpol.domain.categories import Channel, Region, ScamCategory
from cyberpol.domain.indicators import Blocker, IndicatorKind, IndicatorStatus


def _iso_8601_only(value: object) -> object:
    # pydantic would read "0.5" or "1e-9" as a Unix timestamp; filters take ISO 8601 only.
    if isinstance(value, int | float) or (isinstance(value, str) and _is_number(value)):
        raise ValueError("expected an ISO 8601 date-time such as 2026-11-23T10:00:00+05:00")
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


Moment = Annotated[datetime, BeforeValidator(_iso_8601_only)]
AwareMoment = Annotated[AwareDatetime, BeforeValidator(_iso_8601_only)]


class AttachmentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    filename: Annotated[str, Field(min_length=1, max_length=255)]
    content_type: Annotated[
        str, Field(min_length=3, max_length=100, pattern=r"^[\w.+-]+/[\w.+-]+$")
    ]
    data_base64: Annotated[str, Field(description="File content, base64-encoded.")]


class ReportCreate(BaseModel):
    """A citizen's report; only ``text`` and ``category`` are required."""

    model_config = ConfigDict(extra="forbid")
    text: Annotated[str, Field(min_length=1, description="What happened, in any language.")]
    category: ScamCategory
    region: Region | None = None
    loss_amount: Annotated[
        Decimal | None, Field(ge=0, le=Decimal("1e12"), description="Tenge lost.")
    ] = None
    contact: Annotated[str | None, Field(max_length=320, description="Seen by analysts only.")] = (
        None
    )
    language: Annotated[str | None, Field(pattern=r"^(ru|kk|en)$")] = None
    attachments: list[AttachmentCreate] = []


class IndicatorRef(BaseModel):
    kind: IndicatorKind
    value: str
    attributes: dict[str, object] = {}


class BlockPublic(BaseModel):
    by: Blocker
    name: str | None
    reason: str | None = Field(None, description="Analysts only: the public check leaves it out.")
    since: datetime


class AttachmentPublic(BaseModel):
    id: int
    filename: str
    content_type: str
    size: int
    sha256: str


class ReportCreated(BaseModel):
    id: str
    created_at: datetime
    indicators: list[IndicatorRef]


class ReportPublic(BaseModel):
    id: str
    created_at: datetime
    channel: Channel
    category: ScamCategory
    region: Region | None
    loss_amount: Decimal | None
    currency: str
    language: str | None
    text: str
    has_contact: bool
    contact: str | None = Field(None, description="Present only for roles that may read it.")
    indicators: list[IndicatorRef]
    attachments: list[AttachmentPublic]


class IndicatorPublic(BaseModel):
    id: int
    kind: IndicatorKind
    value: str
    status: IndicatorStatus
    report_count: int
    first_seen: datetime
    last_seen: datetime
    categories: list[str]
    blocks: list[BlockPublic]
    attributes: dict[str, object]


class ReportBrief(BaseModel):
    id: str
    created_at: datetime
    category: ScamCategory
    region: Region | None
    loss_amount: Decimal | None


class IndicatorDetailPublic(IndicatorPublic):
    reports: list[ReportBrief]
    related: list[IndicatorPublic]


class CheckResultPublic(BaseModel):
    input: str
    kind: IndicatorKind | None
    value: str | None
    verdict: Annotated[
        str, Field(description="unknown, reported, confirmed, blocked, dismissed or invalid")
    ]
    verdict_text: str
    advice: str
    report_count: int
    first_seen: datetime | None
    last_seen: datetime | None
    categories: list[str]
    blocks: list[BlockPublic]
    matched_on: IndicatorRef | None = Field(
        None, description="Set when the verdict comes from the link's domain."
    )
    error: str | None = None


class BatchCheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    values: Annotated[list[Annotated[str, Field(max_length=2048)]], Field(min_length=1)]
    kind: IndicatorKind | None = None


class BatchCheckResponse(BaseModel):
    results: list[CheckResultPublic]


class StatusChangeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: IndicatorStatus
    reason: Annotated[str, Field(min_length=1, max_length=2000)]
    blocked_by: Blocker | None = None
    blocker_name: Annotated[str | None, Field(max_length=200)] = None


class IndicatorPage(BaseModel):
    items: list[IndicatorPublic]
    total: int
    limit: int
    offset: int


class ReportPage(BaseModel):
    items: list[ReportPublic]
    total: int
    limit: int
    offset: int


class ErrorBody(BaseModel):
    code: str
    title: str
    detail: str


class ErrorResponse(BaseModel):
    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorResponse} for status in (400, 401, 403, 404, 409, 413, 429)
}
