"""The case list and the case page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from cyberpol.cases.domain import CaseState
from cyberpol.cases.ports import CaseFilter
from cyberpol.cases.service import CaseService
from cyberpol.kernel.categories import Region
from cyberpol.kernel.errors import Forbidden, NotFound
from cyberpol.kernel.labels import N_
from cyberpol.platform.http.deps import service
from cyberpol.platform.web import pages, sign_in_first, signed_in

router = APIRouter(include_in_schema=False)
CasesDep = Annotated[CaseService, Depends(service(CaseService))]
PAGE = 50
STATE_NAMES = {
    "registered": N_("Registered"),
    "investigating": N_("Investigating"),
    "sent_to_court": N_("Sent to court"),
    "closed": N_("Closed"),
    "suspended": N_("Suspended"),
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
    try:
        found = cases.search(actor=actor, filters=filters)
    except Forbidden:
        return pages(request).error_page(request, 403, "forbidden")
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
    request: Request, cases: CasesDep, case_id: Annotated[int, Path(ge=1, le=2**62)]
) -> Response:
    """One case: its fields, people, links, state changes, notes and evidence."""
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    try:
        case = cases.get(actor=actor, case_id=case_id)
    except Forbidden:
        return pages(request).error_page(request, 403, "forbidden")
    except NotFound:
        return pages(request).error_page(request, 404, "not_found")
    return pages(request).render(
        request,
        "cases/case.html",
        {
            "user": actor,
            "section": "cases",
            "case": case,
            "now": cases.clock(),
            "states": STATE_NAMES,
            "grounds": GROUNDS,
            "link_names": LINK_NAMES,
        },
    )
