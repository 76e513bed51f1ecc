"""The case page's forms: open a case, correct it, move it on, add people, links, notes and
evidence. Each posts to the case's own use case and comes back to the page; a refusal is
shown on the page in the reader's language, with nothing stored."""

from __future__ import annotations

import enum
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Annotated, TypeVar, cast

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from cyberpol.cases.domain import (
    CaseChange,
    CaseDraft,
    CaseState,
    CloseGround,
    LinkKind,
    NewParty,
    PartyRole,
    Transition,
)
from cyberpol.cases.service import MAX_EVIDENCE_BYTES, CaseService
from cyberpol.cases.web.cases import render_case
from cyberpol.freeze.service import FreezeService
from cyberpol.kernel.access import Actor
from cyberpol.kernel.categories import Region, ScamCategory
from cyberpol.kernel.errors import CyberPolError, Forbidden, InvalidInput, NotFound
from cyberpol.kernel.labels import N_
from cyberpol.platform.http.deps import service, wiring
from cyberpol.platform.web import (
    csrf_valid,
    error_text,
    form_text,
    pages,
    sign_in_first,
    signed_in,
    translated,
)

E = TypeVar("E", bound=enum.Enum)
router = APIRouter(include_in_schema=False)
CasesDep = Annotated[CaseService, Depends(service(CaseService))]
CaseId = Annotated[int, Path(ge=1, le=2**62)]
EXPIRED = N_("The form has expired. Reload the page and try again.")
BAD_AMOUNT = N_("An amount is a number of tenge, such as 150000 or 150 000,50.")
MAX_REFS = 200  # as the refusal in link() says


def _amount(form: FormData, name: str) -> Decimal | None:
    raw = form_text(form, name, 40).replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if not raw:
        return None
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise InvalidInput(BAD_AMOUNT) from None
    if not amount.is_finite():
        raise InvalidInput(BAD_AMOUNT)
    return amount


async def _posted(
    request: Request,
    cases: CaseService,
    case_id: int | None,
    act: Callable[[Actor, FormData], int],
    *,
    files: int = 0,
) -> Response:
    """Check the session and CSRF, run ``act``, and go to the case it names (or say why not)."""
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    form = await request.form(max_files=files, max_fields=MAX_REFS + 20)
    try:
        if not csrf_valid(request, form_text(form, "csrf_token", 100)):
            return _refused(request, cases, actor, case_id, translated(request, EXPIRED), 403)
        target = act(actor, form)
    except Forbidden:
        return pages(request).error_page(request, 403, "forbidden")
    except NotFound as error:
        if case_id is None:
            return _refused(request, cases, actor, None, error_text(request, error), 404)
        return pages(request).error_page(request, 404, "not_found")
    except CyberPolError as error:
        return _refused(request, cases, actor, case_id, error_text(request, error), error.status)
    finally:
        await form.close()
    return RedirectResponse(f"/cases/{target}", status_code=303)


def _refused(
    request: Request,
    cases: CaseService,
    actor: Actor,
    case_id: int | None,
    error: str,
    status: int,
) -> Response:
    if case_id is None:
        return pages(request).render(
            request,
            "cases/new.html",
            {"user": actor, "section": "cases", "error": error},
            status=status,
        )
    freeze = cast(FreezeService, wiring(request).services[FreezeService])
    return render_case(request, cases, freeze, actor, case_id, error=error, status=status)


@router.get("/cases/new", response_class=HTMLResponse)
def new_case_form(request: Request) -> Response:
    """A blank case: the category and a title are enough to open one."""
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    return pages(request).render(
        request, "cases/new.html", {"user": actor, "section": "cases", "error": None}
    )


@router.post("/cases/new", response_class=HTMLResponse)
async def open_case(request: Request, cases: CasesDep) -> Response:
    def act(actor: Actor, form: FormData) -> int:
        draft = CaseDraft(
            category=_choice(ScamCategory, form_text(form, "category")) or ScamCategory.OTHER,
            title=form_text(form, "title"),
            region=_choice(Region, form_text(form, "region")),
            erdr_number=form_text(form, "erdr_number", 20) or None,
            article=form_text(form, "article", 20) or "190",
            investigator=form_text(form, "investigator", 100) or None,
        )
        return cases.open(actor=actor, draft=draft).summary.id

    return await _posted(request, cases, None, act)


@router.post("/cases/{case_id}/edit", response_class=HTMLResponse)
async def edit(request: Request, cases: CasesDep, case_id: CaseId) -> Response:
    def act(actor: Actor, form: FormData) -> int:
        change = CaseChange(
            title=form_text(form, "title") or None,
            region=_choice(Region, form_text(form, "region")),
            erdr_number=form_text(form, "erdr_number", 20) or None,
            article=form_text(form, "article", 20) or None,
            investigator=form_text(form, "investigator", 100) or None,
            returned_amount=_amount(form, "returned_amount"),
        )
        cases.change(actor=actor, case_id=case_id, change=change)
        return case_id

    return await _posted(request, cases, case_id, act)


@router.post("/cases/{case_id}/move", response_class=HTMLResponse)
async def move(request: Request, cases: CasesDep, case_id: CaseId) -> Response:
    def act(actor: Actor, form: FormData) -> int:
        to = _choice(CaseState, form_text(form, "to"))
        if to is None:
            raise InvalidInput(N_("Choose the state to move the case to."))
        transition = Transition(
            to, form_text(form, "reason", 2000), _choice(CloseGround, form_text(form, "ground"))
        )
        cases.move(actor=actor, case_id=case_id, transition=transition)
        return case_id

    return await _posted(request, cases, case_id, act)


@router.post("/cases/{case_id}/parties", response_class=HTMLResponse)
async def add_party(request: Request, cases: CasesDep, case_id: CaseId) -> Response:
    def act(actor: Actor, form: FormData) -> int:
        party = NewParty(
            role=_choice(PartyRole, form_text(form, "role")) or PartyRole.VICTIM,
            name=form_text(form, "name", 200),
            contact=form_text(form, "contact", 320) or None,
            loss=_amount(form, "loss") or Decimal(0),
            pensioner=form_text(form, "pensioner") == "1",
            report_id=form_text(form, "report_id", 40) or None,
        )
        cases.add_party(actor=actor, case_id=case_id, party=party)
        return case_id

    return await _posted(request, cases, case_id, act)


@router.post("/cases/{case_id}/links", response_class=HTMLResponse)
async def link(request: Request, cases: CasesDep, case_id: CaseId) -> Response:
    def act(actor: Actor, form: FormData) -> int:
        kind = _choice(LinkKind, form_text(form, "kind"))
        refs = [r.strip() for r in form_text(form, "refs", 20_000).splitlines() if r.strip()]
        if kind is None or not refs or len(refs) > MAX_REFS:
            raise InvalidInput(N_("Choose what to link and give 1 to 200 references, one a line."))
        cases.link(actor=actor, case_id=case_id, kind=kind, refs=refs)
        return case_id

    return await _posted(request, cases, case_id, act)


@router.post("/cases/{case_id}/notes", response_class=HTMLResponse)
async def add_note(request: Request, cases: CasesDep, case_id: CaseId) -> Response:
    def act(actor: Actor, form: FormData) -> int:
        cases.add_note(actor=actor, case_id=case_id, text=form_text(form, "text", 20_001))
        return case_id

    return await _posted(request, cases, case_id, act)


@router.post("/cases/{case_id}/evidence", response_class=HTMLResponse)
async def add_evidence(request: Request, cases: CasesDep, case_id: CaseId) -> Response:
    form = await request.form(max_files=1, max_fields=10)
    upload = form.get("file")
    content = b""
    name = ""
    if isinstance(upload, UploadFile):
        content = await upload.read(MAX_EVIDENCE_BYTES + 1)
        name = upload.filename or ""

    def act(actor: Actor, form: FormData) -> int:
        cases.add_evidence(
            actor=actor, case_id=case_id, filename=name, content=content,
            description=form_text(form, "description", 1000),
        )  # fmt: skip
        return case_id

    return await _posted(request, cases, case_id, act, files=1)


def _choice(kind: type[E], value: str) -> E | None:
    """The member of an enum named by a form's value; None for an empty or unknown one."""
    return next((member for member in kind if member.value == value), None) if value else None
