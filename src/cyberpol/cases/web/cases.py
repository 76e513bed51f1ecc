"""The case list and the case page."""

from __future__ import annotations

import contextlib
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from cyberpol.cases.domain import DECISIONS, CaseState, next_states
from cyberpol.cases.ports import CaseFilter
from cyberpol.cases.service import CaseService
from cyberpol.freeze.service import FreezeService
from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.categories import Region
from cyberpol.kernel.errors import NotFound
from cyberpol.kernel.labels import N_
from cyberpol.platform.http.deps import service
from cyberpol.platform.web import pages, sign_in_first, signed_in

router = APIRouter(include_in_schema=False)
CasesDep = Annotated[CaseService, Depends(service(CaseService))]
FreezeDep = Annotated[FreezeService, Depends(service(FreezeService))]
PAGE = 50
STATE_NAMES = {
    "registered": N_("Registered"),
    "investigating": N_("Investigating"),
    "sent_to_court": N_("Sent to court"),
    "closed": N_("Closed"),
    "suspended": N_("Suspended"),
}
MOVE_NAMES = {
    "investigating": N_("Take up the investigation"),
    "sent_to_court": N_("Send to court"),
    "closed": N_("Close the case"),
    "suspended": N_("Suspend"),
}
GROUNDS = {
    "rehabilitating": N_("rehabilitating grounds"),
    "non_rehabilitating": N_("non-rehabilitating grounds"),
}
LINK_NAMES = {
    "report": N_("Report"),
    "indicator": N_("Indicator"),
    "transfer": N_("Transfer"),
    "trace": N_("Trace"),
    "freeze_request": N_("Freeze request"),
    "drop_account": N_("Drop account"),
}


@router.get("/cases", response_class=HTMLResponse)
def case_list(
    request: Request,
    cases: CasesDep,
    state: Annotated[str, Query(max_length=20)] = "",
    region: Annotated[str, Query(max_length=40)] = "",
    q: Annotated[str, Query(max_length=300)] = "",
    overdue: Annotated[str, Query(max_length=5)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """Cases, newest first, with filters that work without JavaScript."""
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    now = cases.clock()
    filters = CaseFilter(
        state=CaseState(state) if state in STATE_NAMES else None,
        region=Region(region) if region in {r.value for r in Region} else None,
        query=q.strip() or None,
        overdue_at=now if overdue else None,
        limit=PAGE,
        offset=(page - 1) * PAGE,
    )
    found = cases.search(actor=actor, filters=filters)
    return pages(request).render(
        request,
        "cases/list.html",
        {
            "user": actor,
            "section": "cases",
            "found": found,
            "now": now,
            "states": STATE_NAMES,
            "chosen": {"state": state, "region": region, "q": q, "overdue": bool(overdue)},
            "page": page,
            "pages": max(1, (found.total + PAGE - 1) // PAGE),
        },
    )


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(
    request: Request,
    cases: CasesDep,
    freeze: FreezeDep,
    case_id: Annotated[int, Path(ge=1, le=2**62)],
) -> Response:
    """One case: its fields, people, links, state changes, notes and evidence, and the forms
    that change them."""
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    return render_case(request, cases, freeze, actor, case_id)


def render_case(
    request: Request,
    cases: CaseService,
    freeze: FreezeService,
    actor: Actor,
    case_id: int,
    *,
    error: str | None = None,
    status: int = 200,
) -> Response:
    """The case page, with ``error`` above the forms when one was refused."""
    case = cases.get(actor=actor, case_id=case_id)
    money = None
    if actor.may(Permission.READ_FREEZE_REQUESTS):
        with contextlib.suppress(NotFound):  # no freeze requests in the case yet
            money = freeze.case_summary(actor=actor, case_number=case.number)
    return pages(request).render(
        request,
        "cases/case.html",
        {
            "user": actor,
            "section": "cases",
            "case": case,
            "now": cases.clock(),
            "states": STATE_NAMES,
            "moves": {s.value: MOVE_NAMES[s.value] for s in next_states(case.summary.state)},
            "grounds": GROUNDS,
            "link_names": LINK_NAMES,
            "may_manage": actor.may(Permission.MANAGE_CASES),
            "may_decide": actor.may(Permission.DECIDE_CASES),
            "decisions": {s.value for s in DECISIONS},
            "money": money,
            "error": error,
        },
        status=status,
    )


@router.get("/cases/{case_id}/evidence/{evidence_id}")
def evidence_file(
    request: Request,
    cases: CasesDep,
    case_id: Annotated[int, Path(ge=1, le=2**62)],
    evidence_id: Annotated[int, Path(ge=1, le=2**62)],
) -> Response:
    """A file on the case as it was added, to the signed-in reader; every read is audited."""
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    evidence, content = cases.read_evidence(actor=actor, case_id=case_id, evidence_id=evidence_id)
    return Response(
        content,
        media_type=evidence.content_type,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(evidence.filename)}",
            "X-Evidence-SHA256": evidence.sha256,
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )
