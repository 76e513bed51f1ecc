"""Domain objects to response schemas."""

from __future__ import annotations

from cyberpol.api import schemas
from cyberpol.domain.indicators import Block, Indicator, IndicatorSummary
from cyberpol.domain.reports import Report
from cyberpol.services.checks import CheckResult
from cyberpol.services.indicators import IndicatorDetail
from cyberpol.web.i18n import gettext
from cyberpol.web.messages import ADVICE, VERDICT_TEXT


def block(b: Block, *, public: bool = False) -> schemas.BlockPublic:
    # An analyst's reason may name a victim; the public only learns who blocked and when.
    return schemas.BlockPublic(
        by=b.by, name=b.name, reason=None if public else b.reason, since=b.since
    )


def indicator_ref(i: Indicator) -> schemas.IndicatorRef:
    return schemas.IndicatorRef(kind=i.kind, value=i.value, attributes=i.attributes)


def indicator(s: IndicatorSummary) -> schemas.IndicatorPublic:
    return schemas.IndicatorPublic(
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


def indicator_detail(d: IndicatorDetail) -> schemas.IndicatorDetailPublic:
    return schemas.IndicatorDetailPublic(
        **indicator(d.indicator).model_dump(),
        reports=[
            schemas.ReportBrief(
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


def report(r: Report) -> schemas.ReportPublic:
    return schemas.ReportPublic(
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
        attachments=[
            schemas.AttachmentPublic(
                id=a.id,
                filename=a.filename,
                content_type=a.content_type,
                size=a.size,
                sha256=a.sha256,
            )
            for a in r.attachments
        ],
    )


def check_result(c: CheckResult, language: str) -> schemas.CheckResultPublic:
    return schemas.CheckResultPublic(
        input=c.input,
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
