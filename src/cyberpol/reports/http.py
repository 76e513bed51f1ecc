"""Citizen reports: submit (public), list and read (analysts)."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response

from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.kernel.errors import InvalidInput
from cyberpol.platform.http.deps import ActorDep, client_address, rate_limit, service
from cyberpol.platform.http.schemas import ERROR_RESPONSES, Moment
from cyberpol.registry.schemas import indicator_ref
from cyberpol.reports import schemas
from cyberpol.reports.domain import AppealStatus, Attachment, ReportSubmission, evidence_type
from cyberpol.reports.ports import ReportFilter
from cyberpol.reports.service import ReportService

router = APIRouter(prefix="/api/v1/reports", tags=["reports"])
# The indicator as analysts open it lists its reports, so it is served from here.
indicator_router = APIRouter(prefix="/api/v1/indicators", tags=["indicators"])
IndicatorId = Annotated[int, Path(ge=1, le=2**62)]
ReportsDep = Annotated[ReportService, Depends(service(ReportService))]


def _decode(attachment: schemas.AttachmentCreate) -> Attachment:
    try:
        content = base64.b64decode(attachment.data_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidInput(f"Attachment {attachment.filename!r} is not valid base64.") from exc
    # The type is told by the content, as on every door: a sender's word is not evidence.
    kind = evidence_type(content) or "application/octet-stream"
    return Attachment(attachment.filename, kind, content)


@router.post(
    "",
    status_code=201,
    response_model=schemas.ReportCreated,
    dependencies=[rate_limit(lambda limits: limits.reports, lambda limits: limits.user_reports)],
    responses=ERROR_RESPONSES,
)
def create_report(
    body: schemas.ReportCreate,
    request: Request,
    response: Response,
    reports: ReportsDep,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> schemas.ReportCreated:
    """Submit a report; the indicators found in its text come back. Public, rate-limited."""
    submission = ReportSubmission(
        text=body.text,
        category=body.category,
        channel=Channel.API,
        region=body.region,
        loss_amount=body.loss_amount,
        contact=body.contact,
        language=body.language,
        attachments=tuple(_decode(a) for a in body.attachments),
    )
    result = reports.submit(
        submission=submission,
        client_ref=client_address(request),
        idempotency_key=idempotency_key,
    )
    if result.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    r = result.report
    return schemas.ReportCreated(
        id=r.id,
        created_at=r.created_at,
        indicators=[indicator_ref(i) for i in r.indicators],
    )


@router.get("", response_model=schemas.ReportPage, responses=ERROR_RESPONSES)
def report_list(
    reports: ReportsDep,
    actor: ActorDep,
    category: ScamCategory | None = None,
    region: Region | None = None,
    channel: Channel | None = None,
    indicator_id: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    since: Moment | None = None,
    until: Moment | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> schemas.ReportPage:
    """Reports newest first, filtered; no reporter contacts. Analysts and investigators."""
    page = reports.list_reports(
        actor=actor,
        filters=ReportFilter(
            category=category,
            region=region,
            channel=channel,
            indicator_id=indicator_id,
            created_since=since,
            created_until=until,
            limit=limit,
            offset=offset,
        ),
    )
    return schemas.ReportPage(
        items=[schemas.report(r) for r in page.items],
        total=page.total,
        limit=page.limit,
        offset=page.offset,
    )


@router.get(
    "/{report_id}",
    response_model=schemas.ReportPublic,
    responses=ERROR_RESPONSES,
)
def report(
    report_id: Annotated[str, Path(max_length=40)], reports: ReportsDep, actor: ActorDep
) -> schemas.ReportPublic:
    """One report; the contact is included for analysts and every such read is audited."""
    return schemas.report(reports.get(actor=actor, report_id=report_id))


@router.get(
    "/{report_id}/attachments/{attachment_id}",
    response_class=Response,
    responses={**ERROR_RESPONSES, 200: {"content": {"application/octet-stream": {}}}},
)
def report_attachment(
    report_id: Annotated[str, Path(max_length=40)],
    attachment_id: Annotated[int, Path(ge=1, le=2**62)],
    reports: ReportsDep,
    actor: ActorDep,
) -> Response:
    """One of a report's files, byte for byte as received. Analysts and investigators; audited."""
    info, content = reports.attachment(
        actor=actor, report_id=report_id, attachment_id=attachment_id
    )
    return Response(
        content,
        media_type=info.content_type,
        headers={
            # Evidence is downloaded, never shown inline: a file is not a page of ours.
            "Content-Disposition": f"attachment; filename=evidence-{info.id}",
            "X-Content-Type-Options": "nosniff",
            "X-Evidence-SHA256": info.sha256,
        },
    )


@indicator_router.get(
    "/{indicator_id}", response_model=schemas.IndicatorDetailPublic, responses=ERROR_RESPONSES
)
def indicator(
    indicator_id: IndicatorId, reports: ReportsDep, actor: ActorDep
) -> schemas.IndicatorDetailPublic:
    """One indicator with the reports that name it and the indicators named beside it."""
    return schemas.indicator_detail(
        reports.indicator_detail(actor=actor, indicator_id=indicator_id)
    )


appeal_router = APIRouter(prefix="/api/v1/appeals", tags=["appeals"])
AppealId = Annotated[str, Path(max_length=40)]


@appeal_router.get("", response_model=schemas.AppealPage, responses=ERROR_RESPONSES)
def appeal_list(
    reports: ReportsDep,
    actor: ActorDep,
    status: AppealStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> schemas.AppealPage:
    """Owners' appeals against listings, oldest first; no contacts. Analysts and admins."""
    page = reports.appeals(actor=actor, status=status, limit=limit, offset=offset)
    return schemas.AppealPage(
        items=[schemas.appeal(a) for a in page.items],
        total=page.total,
        limit=page.limit,
        offset=page.offset,
    )


@appeal_router.post(
    "/{appeal_id}/decision", response_model=schemas.AppealPublic, responses=ERROR_RESPONSES
)
def appeal_decision(
    appeal_id: AppealId, body: schemas.AppealDecision, reports: ReportsDep, actor: ActorDep
) -> schemas.AppealPublic:
    """Uphold (the indicator is dismissed, audited) or reject; the appellant sees the outcome."""
    decided = reports.decide_appeal(
        actor=actor, appeal_id=appeal_id, upheld=body.decision == "upheld", reason=body.reason
    )
    return schemas.appeal(decided)
