"""The monitoring desk (/monitoring): the queue of suspicious sites, links, ads and channels
with their reasons in words, one resource's history and block requests, and the month's
figures. Server-rendered; plain forms, no script needed."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.detection import RuleResult
from cyberpol.kernel.errors import CyberPolError
from cyberpol.kernel.labels import N_
from cyberpol.monitoring.domain.resources import (
    ResourceKind,
    ResourceSource,
    ResourceState,
    allowed_steps,
)
from cyberpol.monitoring.domain.takedowns import Party, TakedownState
from cyberpol.monitoring.domain.values import readable
from cyberpol.monitoring.ports import ResourceFilter
from cyberpol.monitoring.service import MonitoringService, NewResource
from cyberpol.monitoring.web.ads import router as ads_router
from cyberpol.monitoring.web.forms import expired, posted_form
from cyberpol.monitoring.web.texts import router as texts_router
from cyberpol.platform.http.deps import service
from cyberpol.platform.web import (
    error_text,
    form_text,
    pages,
    sign_in_first,
    signed_in,
    translated,
)

router = APIRouter(include_in_schema=False)
# Before /monitoring/{resource_id}, which would take "ads" for a resource's number.
router.include_router(ads_router)
router.include_router(texts_router)
MonitoringDep = Annotated[MonitoringService, Depends(service(MonitoringService))]
ResourceId = Annotated[int, Path(ge=1, le=2**62)]
SHOWN = 100
REASONS = {
    "homoglyph": N_("Letters that only look like the brand's"),
    "homoglyph_mixed_script": N_("Letters of another alphabet that look like the brand's"),
    "mixed_script": N_("Letters of two alphabets in one name"),
    "edit_distance": N_("One or two letters off the brand's name"),
    "combosquat": N_("The brand's name with bait words"),
    "brand_word": N_("The brand's name among other words"),
    "brand_on_other_tld": N_("The brand's name on another domain zone"),
    "brand_domain_in_host": N_("The brand's real address inside a foreign one"),
    "brand_in_subdomain": N_("The brand's name as a subdomain of a foreign site"),
    "cheap_tld": N_("A cheap domain zone favoured by fraudsters"),
    "punycode": N_("An international (punycode) name"),
    "login_path": N_("The link opens a login page"),
    "payment_path": N_("The link opens a card or payment form"),
}
TYPO = N_("A typo of the brand's name")
STATES = {
    ResourceState.NEW: N_("New on the queue"),
    ResourceState.REVIEWING: N_("Under review"),
    ResourceState.CONFIRMED: N_("Fraud confirmed"),
    ResourceState.BLOCK_REQUESTED: N_("Block requested"),
    ResourceState.BLOCKED: N_("Resource blocked"),
    ResourceState.REFUSED: N_("Block refused"),
    ResourceState.TAKEN_DOWN: N_("Taken down"),
    ResourceState.DISMISSED: N_("Not fraud"),
}
# The buttons an analyst presses: blocked and refused come from the parties' answers.
STEPS = {
    ResourceState.REVIEWING: N_("Take for review"),
    ResourceState.CONFIRMED: N_("Confirm: it is fraud"),
    ResourceState.DISMISSED: N_("Dismiss: not fraud"),
    ResourceState.TAKEN_DOWN: N_("Mark taken down"),
}
KINDS = {
    ResourceKind.DOMAIN: N_("Domain"),
    ResourceKind.URL: N_("Link"),
    ResourceKind.AD: N_("Ad"),
    ResourceKind.TELEGRAM: N_("Telegram"),
    ResourceKind.SOCIAL: N_("Social network page"),
}
SOURCES = {
    ResourceSource.CITIZEN_REPORT: N_("Citizen's report"),
    ResourceSource.REGISTRY: N_("Registry"),
    ResourceSource.LOOKALIKE_SCAN: N_("Lookalike scan"),
    ResourceSource.DOMAIN_FEED: N_("New-domain feed"),
    ResourceSource.PARTNER_FEED: N_("Partner's feed"),
    ResourceSource.AD_IMPORT: N_("Marketplace ads"),
    ResourceSource.ANALYST: N_("Analyst"),
}
PARTIES = {
    Party.REGISTRAR: N_("Registrar"),
    Party.HOSTING: N_("Hosting provider"),
    Party.CERT: N_("National CERT"),
    Party.ISP: N_("Internet provider"),
    Party.PLATFORM: N_("Platform"),
}
ANSWERS = {
    TakedownState.SENT: N_("Waiting for the answer"),
    TakedownState.DONE: N_("Block done"),
    TakedownState.REFUSED: N_("Refused"),
}
SAVED = N_("Saved.")


EVENT_WORDS = {
    "source": N_("Came from"),
    "seen_again": N_("Seen again, from"),
    "source_ref": N_("Where"),
    "note": N_("Note"),
    "taken_down_on": N_("Taken down on"),
    "block_request": N_("Block request"),
    "party": N_("To"),
    "addressee": N_("Addressee"),
    "answer": N_("Answer"),
    "recheck": N_("Re-checked"),
    "resolves": N_("Resolves"),
}
YES, NO, UNSURE = N_("yes"), N_("no"), N_("no answer")


def _event(request: Request, details: dict[str, object]) -> list[tuple[str, str]]:
    """An event's details in words: known fields named in the reader's language, their
    coded values too (a source, a party, an answer); anything else as stored."""
    said: list[tuple[str, str]] = []
    for key, value in details.items():
        label = translated(request, EVENT_WORDS[key]) if key in EVENT_WORDS else key
        words: str | None = None
        if key in ("source", "seen_again") and value in set(ResourceSource):
            words = SOURCES[ResourceSource(str(value))]
        elif key == "party" and value in set(Party):
            words = PARTIES[Party(str(value))]
        elif key == "answer" and value in set(TakedownState):
            words = ANSWERS[TakedownState(str(value))]
        elif key == "resolves":
            words = YES if value is True else NO if value is False else UNSURE
        if value is None or value == "":
            continue
        said.append((label, translated(request, words) if words else str(value)))
    return said


def _reason(request: Request, reason: RuleResult) -> str:
    if reason.code.startswith("typo_"):
        return translated(request, TYPO)
    name = REASONS.get(reason.code)
    return translated(request, name) if name else reason.code


def _may_read(actor: Actor | None) -> bool:
    return actor is not None and actor.may(Permission.READ_MONITORING)


@router.get("/monitoring", response_class=HTMLResponse)
def queue_page(
    request: Request,
    monitoring: MonitoringDep,
    state: Annotated[str, Query(max_length=20)] = "",
    kind: Annotated[str, Query(max_length=20)] = "",
    q: Annotated[str, Query(max_length=200)] = "",
    refused: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    """The queue, highest score first, with filters; the form to add a resource; figures."""
    return _queue(request, monitoring, state, kind, q, expired(request, refused))


def _queue(request: Request, monitoring: MonitoringService, state: str, kind: str, q: str,
           problem: str, status: int = 200) -> Response:  # fmt: skip
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    if not _may_read(actor):
        return pages(request).error_page(request, 403, "forbidden")
    chosen_state = ResourceState(state) if state in set(ResourceState) else None
    chosen_kind = ResourceKind(kind) if kind in set(ResourceKind) else None
    filters = ResourceFilter(
        states=(chosen_state,) if chosen_state else (ResourceState.NEW, ResourceState.REVIEWING),
        kind=chosen_kind, search=q.strip() or None,
    )  # fmt: skip
    page = monitoring.resources(actor=actor, filters=filters, limit=SHOWN)
    overdue = monitoring.block_requests(actor=actor, overdue=True, limit=1).total
    return pages(request).render(request, "monitoring/queue.html", {
        "user": actor, "section": "monitoring", "items": page.items, "total": page.total,
        "reasons": {r.id: [_reason(request, x) for x in r.reasons] for r in page.items},
        "readable": {r.id: readable(r.value) for r in page.items},
        "state": chosen_state.value if chosen_state else "", "kind": kind, "q": q,
        "states": STATES, "kinds": KINDS, "sources": SOURCES, "overdue": overdue,
        "counts": monitoring.month_counts(actor=actor)[-12:],
        "may_manage": actor.may(Permission.MANAGE_MONITORING), "refused": problem,
    }, status=status)  # fmt: skip


@router.get("/monitoring/{resource_id}", response_class=HTMLResponse)
def resource_page(
    request: Request,
    monitoring: MonitoringDep,
    resource_id: ResourceId,
    saved: Annotated[str, Query(max_length=1)] = "",
    refused: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    """One resource: why it was flagged, its history, its block requests and the steps."""
    notice = translated(request, SAVED) if saved else ""
    return _resource(request, monitoring, resource_id, notice, expired(request, refused))


def _resource(request: Request, monitoring: MonitoringService, resource_id: int, notice: str,
              problem: str, status: int = 200) -> Response:  # fmt: skip
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    if not _may_read(actor):
        return pages(request).error_page(request, 403, "forbidden")
    try:
        detail = monitoring.resource(actor=actor, resource_id=resource_id)
    except CyberPolError as error:
        return pages(request).error_page(request, error.status, error.code)
    resource = detail.resource
    steps = [s for s in STEPS if s in allowed_steps(resource.state)]
    return pages(request).render(request, "monitoring/resource.html", {
        "user": actor, "section": "monitoring", "r": resource, "events": detail.events,
        "event_words": [_event(request, e.details) for e in detail.events],
        "readable": readable(resource.value),
        "requests": detail.takedowns, "now": monitoring.clock(),
        "reasons": [(_reason(request, x), x.weight) for x in resource.reasons],
        "steps": steps, "step_names": STEPS, "states": STATES, "kinds": KINDS,
        "sources": SOURCES, "parties": PARTIES, "answers": ANSWERS,
        "may_manage": actor.may(Permission.MANAGE_MONITORING),
        "may_request": resource.state in (ResourceState.CONFIRMED, ResourceState.BLOCK_REQUESTED,
                                          ResourceState.REFUSED, ResourceState.BLOCKED),
        "today": monitoring.clock().date().isoformat(),
        "notice": notice, "refused": problem,
    }, status=status)  # fmt: skip


def _done(resource_id: int) -> RedirectResponse:
    return RedirectResponse(f"/monitoring/{resource_id}?saved=1", status_code=303)


def _refused(request: Request, monitoring: MonitoringService, resource_id: int,
             error: CyberPolError) -> Response:  # fmt: skip
    """The resource's page again, saying why the step was refused (no redirect: a message
    never travels in an address)."""
    problem = error_text(request, error)
    return _resource(request, monitoring, resource_id, "", problem, status=error.status)


@router.post("/monitoring", response_class=HTMLResponse)
async def add_from_page(request: Request, monitoring: MonitoringDep) -> Response:
    """Put a site, link, ad or channel on the queue; to its page when added."""
    posted = await posted_form(request, "/monitoring")
    if isinstance(posted, Response):
        return posted
    actor, form = posted
    kind = form_text(form, "kind", 20)
    if kind not in set(ResourceKind):
        return pages(request).error_page(request, 400, "invalid_input")
    value, note = form_text(form, "value", 2048), form_text(form, "note", 2000)
    item = NewResource(ResourceKind(kind), value, ResourceSource.ANALYST, actor.name, note=note)
    try:
        [added] = monitoring.add(actor=actor, items=[item])
    except CyberPolError as error:
        problem = error_text(request, error)
        return _queue(request, monitoring, "", "", "", problem, status=error.status)
    return RedirectResponse(f"/monitoring/{added.resource.id}?saved=1", status_code=303)


@router.post("/monitoring/{resource_id}/state", response_class=HTMLResponse)
async def step_from_page(request: Request, monitoring: MonitoringDep,
                         resource_id: ResourceId) -> Response:  # fmt: skip
    posted = await posted_form(request, f"/monitoring/{resource_id}")
    if isinstance(posted, Response):
        return posted
    actor, form = posted
    state = form_text(form, "state", 20)
    if state not in {s.value for s in STEPS}:
        return pages(request).error_page(request, 400, "invalid_input")
    down = form_text(form, "taken_down_on", 10)
    try:
        day = date.fromisoformat(down) if down and state == "taken_down" else None
        monitoring.move(actor=actor, resource_id=resource_id, state=ResourceState(state),
                        note=form_text(form, "note", 2000) or None, taken_down_on=day)  # fmt: skip
    except ValueError:
        return pages(request).error_page(request, 400, "invalid_input")
    except CyberPolError as error:
        return _refused(request, monitoring, resource_id, error)
    return _done(resource_id)


@router.post("/monitoring/{resource_id}/block-requests", response_class=HTMLResponse)
async def request_from_page(request: Request, monitoring: MonitoringDep,
                            resource_id: ResourceId) -> Response:  # fmt: skip
    posted = await posted_form(request, f"/monitoring/{resource_id}")
    if isinstance(posted, Response):
        return posted
    actor, form = posted
    party = form_text(form, "party", 20)
    if party not in set(Party):
        return pages(request).error_page(request, 400, "invalid_input")
    try:
        monitoring.request_block(actor=actor, resource_id=resource_id, party=Party(party),
                                 addressee=form_text(form, "addressee", 200),
                                 note=form_text(form, "note", 2000) or None)  # fmt: skip
    except CyberPolError as error:
        return _refused(request, monitoring, resource_id, error)
    return _done(resource_id)


@router.post("/monitoring/{resource_id}/block-requests/{request_id}/answer",
             response_class=HTMLResponse)  # fmt: skip
async def answer_from_page(request: Request, monitoring: MonitoringDep, resource_id: ResourceId,
                           request_id: ResourceId) -> Response:  # fmt: skip
    posted = await posted_form(request, f"/monitoring/{resource_id}")
    if isinstance(posted, Response):
        return posted
    actor, form = posted
    outcome = form_text(form, "outcome", 10)
    if outcome not in ("done", "refused"):
        return pages(request).error_page(request, 400, "invalid_input")
    try:
        monitoring.answer_block(actor=actor, request_id=request_id, done=outcome == "done",
                                note=form_text(form, "note", 2000) or None)  # fmt: skip
    except CyberPolError as error:
        return _refused(request, monitoring, resource_id, error)
    return _done(resource_id)
