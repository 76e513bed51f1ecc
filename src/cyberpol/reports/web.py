"""Public pages of citizen reports: the report form and the reporter's private status link."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.kernel.errors import CyberPolError, InvalidInput
from cyberpol.kernel.indicators.invisible import visible
from cyberpol.kernel.labels import N_
from cyberpol.platform.http.deps import client_address, rate_limit, service
from cyberpol.platform.i18n import gettext
from cyberpol.platform.web import CSRF_FIELD, csrf_valid, page_language, pages
from cyberpol.registry.messages import VERDICT_TEXT
from cyberpol.reports.domain import (
    AppealSubmission,
    Attachment,
    ReportSubmission,
    evidence_type,
    parse_loss,
)
from cyberpol.reports.service import ReportService

router = APIRouter(include_in_schema=False)
ReportsDep = Annotated[ReportService, Depends(service(ReportService))]
TextField = Annotated[str, Form(max_length=1_000_000)]
ContactField = Annotated[str, Form(max_length=10_000)]
CsrfField = Annotated[str, Form(alias=CSRF_FIELD, max_length=100)]
FilesField = Annotated[list[UploadFile] | None, Form()]
PublicId = Annotated[str, Path(max_length=40)]
LinkKey = Annotated[str, Query(max_length=100)]
JustSent = Annotated[int, Query(ge=0, le=1)]
# Forms count against the same per-address and per-user limits as the API's reports.
LIMITED = [rate_limit(lambda limits: limits.reports, lambda limits: limits.user_reports)]


def _sayer(request: Request) -> Callable[..., str]:
    """Messages in the visitor's language, with values filled in."""
    language = page_language(request)

    def say(message: str, **values: object) -> str:
        return gettext(message, language).format(**values)

    return say


EMPTY_TEXT = N_("Please describe what happened.")
TEXT_TOO_LONG = N_("The description is too long: at most {max} characters.")
BAD_CATEGORY = N_("Choose what kind of scam it was.")
BAD_REGION = N_("Choose a region from the list.")
BAD_LOSS = N_("Enter the loss as a number of tenge, for example 150 000.")
TOO_MANY_FILES = N_("At most {max} files can be attached.")
FILE_TOO_LARGE = N_("The file {name} is larger than {size} MB.")
BAD_FILE = N_("The file {name} is not a photo, PDF or voice message.")
EXPIRED = N_("The form has expired. Please send it again.")
CONTACT_TOO_LONG = N_("The contact is too long.")


APPEAL_STATUS = {
    "pending": N_("Waiting for an analyst"),
    "upheld": N_("Upheld: the listing is removed"),
    "rejected": N_("Rejected: the listing stays"),
}
NO_VALUE = N_("Enter the number, card, account, site or handle the appeal is about.")
NO_REASON = N_("Please say why it is listed by mistake.")


def _form_page(
    request: Request,
    reports: ReportService,
    form: dict[str, str],
    errors: list[str],
    status: int = 200,
    template: str = "reports/report.html",
) -> HTMLResponse:
    limits = reports.limits
    return pages(request).render(
        request,
        template,
        {
            "form": form,
            "errors": errors,
            "max_text": limits.max_text_chars,
            "max_files": limits.max_attachments,
            "max_mb": limits.max_attachment_bytes // 1_000_000,
        },
        status=status,
    )


@router.get("/report", response_class=HTMLResponse)
def report_form(request: Request, reports: ReportsDep) -> HTMLResponse:
    """The report form: the same fields as the bot."""
    return _form_page(request, reports, {}, [])


@router.post("/report", response_class=HTMLResponse, dependencies=LIMITED)
async def submit(
    request: Request,
    reports: ReportsDep,
    text: TextField = "",
    category: Annotated[str, Form(max_length=100)] = "",
    region: Annotated[str, Form(max_length=100)] = "",
    loss_amount: Annotated[str, Form(max_length=100)] = "",
    contact: ContactField = "",
    csrf_token: CsrfField = "",
    files: FilesField = None,
) -> Response:
    """Store the report through the one report use case; answer with its status link."""
    language, say = page_language(request), _sayer(request)

    form = {
        "text": text,
        "category": category,
        "region": region,
        "loss_amount": loss_amount,
        "contact": contact,
    }
    if not csrf_valid(request, csrf_token):
        return _form_page(request, reports, form, [say(EXPIRED)], status=403)
    limits = reports.limits
    errors: list[str] = []
    if not visible(text).strip():
        errors.append(say(EMPTY_TEXT))
    elif len(text) > limits.max_text_chars:
        errors.append(say(TEXT_TOO_LONG, max=limits.max_text_chars))
    if category not in {c.value for c in ScamCategory}:
        errors.append(say(BAD_CATEGORY))
    if region and region not in {r.value for r in Region}:
        errors.append(say(BAD_REGION))
    loss: Decimal | None = None
    try:
        loss = parse_loss(loss_amount.strip() or None)
    except InvalidInput:
        errors.append(say(BAD_LOSS))
    if len(contact) > 320:
        errors.append(say(CONTACT_TOO_LONG))
    attachments, file_errors = await _attachments(files or [], reports, say)
    errors += file_errors
    if errors:
        return _form_page(request, reports, form, errors, status=400)
    submission = ReportSubmission(
        text=text,
        category=ScamCategory(category),
        channel=Channel.WEB,
        region=Region(region) if region else None,
        loss_amount=loss,
        contact=contact.strip() or None,
        language=language,
        attachments=tuple(attachments),
    )
    try:
        result = await run_in_threadpool(
            lambda: reports.submit(submission=submission, client_ref=client_address(request))
        )
    except CyberPolError as error:  # a rule the checks above do not know yet
        return _form_page(request, reports, form, [say(error.title)], status=error.status)
    report_id = result.report.id
    key = reports.status_key(report_id)
    # Post/redirect/get: reloading the confirmation does not send the report again.
    return RedirectResponse(f"/status/{report_id}?key={key}&new=1", status_code=303)


async def _attachments(
    files: list[UploadFile], reports: ReportService, say: Callable[..., str]
) -> tuple[list[Attachment], list[str]]:
    """The uploaded files as evidence, each checked by its content; errors in words."""
    limits = reports.limits
    chosen = [f for f in files if f.filename]  # a form with no file sends one empty part
    if len(chosen) > limits.max_attachments:
        return [], [say(TOO_MANY_FILES, max=limits.max_attachments)]
    attachments, errors = [], []
    for upload in chosen:
        content = await upload.read(limits.max_attachment_bytes + 1)
        name = (upload.filename or "file")[:200]
        if len(content) > limits.max_attachment_bytes:
            errors.append(say(FILE_TOO_LARGE, name=name, size=limits.max_attachment_bytes // 10**6))
            continue
        kind = evidence_type(content)
        if kind is None:
            errors.append(say(BAD_FILE, name=name))
            continue
        attachments.append(Attachment(name, kind, content))
    return attachments, errors


@router.get("/status/{report_id}", response_class=HTMLResponse)
def status(
    request: Request,
    reports: ReportsDep,
    report_id: PublicId,
    key: LinkKey = "",
    new: JustSent = 0,
) -> HTMLResponse:
    """The report's status for whoever holds its link, and nobody else."""
    report = reports.status(report_id=report_id, key=key)
    link = str(request.url_for("status", report_id=report_id).include_query_params(key=key))
    return pages(request).render(
        request,
        "reports/status.html",
        {"report": report, "new": bool(new), "link": link, "verdict_text": VERDICT_TEXT},
    )


@router.get("/appeal", response_class=HTMLResponse)
def appeal_form(request: Request, reports: ReportsDep) -> HTMLResponse:
    """The owner of a listed value asks for it to be taken off."""
    return _form_page(request, reports, {}, [], template="reports/appeal.html")


@router.post("/appeal", response_class=HTMLResponse, dependencies=LIMITED)
async def submit_appeal(
    request: Request,
    reports: ReportsDep,
    value: Annotated[str, Form(max_length=2000)] = "",
    text: TextField = "",
    contact: ContactField = "",
    csrf_token: CsrfField = "",
    files: FilesField = None,
) -> Response:
    """Store the appeal; answer with its private status link."""
    language, say = page_language(request), _sayer(request)

    form = {"value": value, "text": text, "contact": contact}

    def again(errors: list[str], status: int) -> HTMLResponse:
        return _form_page(request, reports, form, errors, status, "reports/appeal.html")

    if not csrf_valid(request, csrf_token):
        return again([say(EXPIRED)], 403)
    errors = [say(NO_VALUE)] if not value.strip() else []
    if not text.strip():
        errors.append(say(NO_REASON))
    elif len(text) > reports.limits.max_text_chars:
        errors.append(say(TEXT_TOO_LONG, max=reports.limits.max_text_chars))
    if len(contact) > 320:
        errors.append(say(CONTACT_TOO_LONG))
    attachments, file_errors = await _attachments(files or [], reports, say)
    if errors or file_errors:
        return again(errors + file_errors, 400)
    submission = AppealSubmission(
        value=value,
        text=text,
        contact=contact.strip() or None,
        language=language,
        attachments=tuple(attachments),
    )
    try:
        appeal_id = await run_in_threadpool(lambda: reports.submit_appeal(submission=submission))
    except CyberPolError as error:
        return again([say(error.title)], error.status)
    key = reports.status_key(appeal_id)
    return RedirectResponse(f"/appeal/{appeal_id}?key={key}&new=1", status_code=303)


@router.get("/appeal/{appeal_id}", response_class=HTMLResponse)
def appeal_status(
    request: Request,
    reports: ReportsDep,
    appeal_id: PublicId,
    key: LinkKey = "",
    new: JustSent = 0,
) -> HTMLResponse:
    """The appeal's decision for whoever holds its link."""
    appeal = reports.appeal_status(appeal_id=appeal_id, key=key)
    url = request.url_for("appeal_status", appeal_id=appeal_id).include_query_params(key=key)
    return pages(request).render(
        request,
        "reports/appeal_status.html",
        {"appeal": appeal, "new": bool(new), "link": str(url), "status_text": APPEAL_STATUS},
    )
