"""Registry bodies of the HTTP API, and how domain objects become them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from cyberpol.kernel.indicators.kinds import Indicator, IndicatorKind
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.platform.i18n import gettext
from cyberpol.registry.domain import Block, Blocker, IndicatorStatus, IndicatorSummary
from cyberpol.registry.messages import ADVICE, VERDICT_TEXT
from cyberpol.registry.service.checks import CheckResult


class IndicatorRef(BaseModel):
    kind: IndicatorKind
    value: str
    attributes: dict[str, object] = {}


class BlockPublic(BaseModel):
    by: Blocker
    name: str | None
    reason: str | None = Field(None, description="Analysts only: the public check leaves it out.")
    since: datetime


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


def block(b: Block, *, public: bool = False) -> BlockPublic:
    # An analyst's reason may name a victim; the public only learns who blocked and when.
    return BlockPublic(by=b.by, name=b.name, reason=None if public else b.reason, since=b.since)


def indicator_ref(i: Indicator) -> IndicatorRef:
    return IndicatorRef(kind=i.kind, value=i.value, attributes=i.attributes)


def indicator(s: IndicatorSummary) -> IndicatorPublic:
    return IndicatorPublic(
        id=s.id,
        kind=s.kind,
        value=s.value,
        status=s.status,
        report_count=s.report_count,
        first_seen=s.first_seen,
        last_seen=s.last_seen,
        categories=list(s.categories),
        blocks=[block(b) for b in s.blocks],
        attributes=s.attributes,
    )


def check_result(c: CheckResult, language: str) -> CheckResultPublic:
    return CheckResultPublic(
        # The busiest answer skips the masking response class: the echo is masked here.
        input=redact_cards(c.input),
        kind=c.kind,
        value=c.value,
        verdict=c.verdict,
        verdict_text=gettext(VERDICT_TEXT[c.verdict], language),
        advice=gettext(ADVICE[c.verdict], language),
        report_count=c.report_count,
        first_seen=c.first_seen,
        last_seen=c.last_seen,
        categories=list(c.categories),
        blocks=[block(b, public=True) for b in c.blocks],
        matched_on=indicator_ref(c.matched_on) if c.matched_on else None,
        error=c.error,
    )
