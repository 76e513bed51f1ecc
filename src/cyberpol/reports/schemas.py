"""Report bodies of the HTTP API, and how domain objects become them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.platform.http.schemas import AmountOrZero
from cyberpol.registry.schemas import IndicatorPublic, IndicatorRef, indicator, indicator_ref
from cyberpol.reports.domain import Appeal, AppealStatus, AttachmentInfo, Report
from cyberpol.reports.service.indicators import IndicatorDetail


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
    loss_amount: AmountOrZero | None = Field(None, description="Tenge lost.")
    contact: Annotated[str | None, Field(max_length=320, description="Seen by analysts only.")] = (
        None
    )
    language: Annotated[str | None, Field(pattern=r"^(ru|kk|en)$")] = None
    attachments: list[AttachmentCreate] = []


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


class ReportBrief(BaseModel):
    id: str
    created_at: datetime
    category: ScamCategory
    region: Region | None
    loss_amount: Decimal | None


class IndicatorDetailPublic(IndicatorPublic):
    reports: list[ReportBrief]
    related: list[IndicatorPublic]


class ReportPage(BaseModel):
    items: list[ReportPublic]
    total: int
    limit: int
    offset: int


def indicator_detail(d: IndicatorDetail) -> IndicatorDetailPublic:
    return IndicatorDetailPublic(
        **indicator(d.indicator).model_dump(),
        reports=[
            ReportBrief(
                id=r.id,
                created_at=r.created_at,
                category=r.category,
                region=r.region,
                loss_amount=r.loss_amount,
            )
            for r in d.reports
        ],
        related=[indicator(r) for r in d.related],
    )


def report(r: Report) -> ReportPublic:
    return ReportPublic(
        id=r.id,
        created_at=r.created_at,
        channel=r.channel,
        category=r.category,
        region=r.region,
        loss_amount=r.loss_amount,
        currency=r.currency,
        language=r.language,
        text=r.text,
        has_contact=r.has_contact,
        contact=r.contact,
        indicators=[indicator_ref(i) for i in r.indicators],
        attachments=[attachment(a) for a in r.attachments],
    )


def attachment(a: AttachmentInfo) -> AttachmentPublic:
    return AttachmentPublic(
        id=a.id, filename=a.filename, content_type=a.content_type, size=a.size, sha256=a.sha256
    )


class AppealPublic(BaseModel):
    id: str
    created_at: datetime
    indicator_id: int
    indicator: IndicatorRef
    text: str
    has_contact: bool
    language: str | None
    status: AppealStatus
    decided_at: datetime | None
    decided_by: str | None
    decision_reason: str | None
    attachments: list[AttachmentPublic]


class AppealPage(BaseModel):
    items: list[AppealPublic]
    total: int
    limit: int
    offset: int


class AppealDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decision: Literal["upheld", "rejected"]
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


def appeal(a: Appeal) -> AppealPublic:
    return AppealPublic(
        id=a.id,
        created_at=a.created_at,
        indicator_id=a.indicator_id,
        indicator=indicator_ref(a.indicator),
        text=a.text,
        has_contact=a.has_contact,
        language=a.language,
        status=a.status,
        decided_at=a.decided_at,
        decided_by=a.decided_by,
        decision_reason=a.decision_reason,
        attachments=[
            AttachmentPublic.model_validate(f, from_attributes=True) for f in a.attachments
        ],
    )
