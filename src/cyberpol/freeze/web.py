"""The money trail on screen (/trace/{transfer_id}): a victim's transfer followed through the
accounts it reached, drawn as a graph (cytoscape.js, when scripts run) over a table that
works without them; the investigator ticks accounts and sends freeze requests from here,
and the requests' states show on both and refresh as banks answer."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from cyberpol.freeze.domain.requests import OPEN_STATES, FreezeRequest, FreezeState
from cyberpol.freeze.ports import FreezeFilter
from cyberpol.freeze.presenters import diamond, trace_graph, trace_svg
from cyberpol.freeze.service import FreezeService
from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.errors import CyberPolError, Forbidden, NotFound
from cyberpol.kernel.labels import N_
from cyberpol.money_trail.domain.attribution import Ending, TraceMethod, TraceRequest
from cyberpol.money_trail.service import MoneyTrailService
from cyberpol.platform.http.deps import service
from cyberpol.platform.web import (
    csrf_valid,
    error_text,
    form_text,
    pages,
    sign_in_first,
    signed_in,
    translated,
)

router = APIRouter(include_in_schema=False)
TrailDep = Annotated[MoneyTrailService, Depends(service(MoneyTrailService))]
FreezeDep = Annotated[FreezeService, Depends(service(FreezeService))]
TransferId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:\-]+$")]
CaseNumber = Annotated[str, Query(max_length=40)]
WINDOWS = (6, 24, 72, 168, 720)
TABLE_ROWS = 300  # hours an investigator picks from: money moves in hours
ENDINGS = {
    "still_there": N_("Still in the account"),
    "cash_out": N_("Cashed out"),
    "crypto": N_("To crypto"),
    "foreign": N_("Abroad"),
    "unnamed": N_("To an unnamed account"),
    "below_threshold": N_("Spread below the threshold"),
}
# What the graph and the table say of an account's freeze request; "overdue" is a sent
# request the bank has not answered by its due time.
MARKS = {
    "sent": N_("Request sent"),
    "frozen": N_("Frozen"),
    "moved_on": N_("Moved on"),
    "overdue": N_("Answer overdue"),
    "rejected": N_("Rejected"),
    "closed": N_("Released or expired"),
}
NO_CASE = N_("Give the case the requests are issued in: its ERDR number or CASE number.")
NO_BASIS = N_("Give the legal basis of the requests, for example the investigator's ruling.")
NO_ACCOUNTS = N_("Tick the accounts that still hold the money.")
NOTHING_TO_FREEZE = N_("None of the ticked accounts still holds traced money at a known bank.")
EXPIRED = N_("The form has expired. Reload the page and try again.")


def mark(request: FreezeRequest, now: datetime) -> str:
    """The word the graph uses for a request's state at ``now``."""
    if request.state in OPEN_STATES:
        return "overdue" if request.answer_due_at < now else "sent"
    if request.state in (FreezeState.FROZEN, FreezeState.PARTIALLY_FROZEN):
        return "frozen"
    if request.state is FreezeState.MOVED_ON:
        return "moved_on"
    if request.state is FreezeState.REJECTED:
        return "rejected"
    return "closed"


def account_marks(
    freeze: FreezeService, actor: Actor, case_number: str
) -> dict[str, tuple[str, int]]:
    """Per account key, the newest request of the case: its mark and id."""
    if not case_number or not actor.may(Permission.READ_FREEZE_REQUESTS):
        return {}
    found: list[FreezeRequest] = []
    offset = 0
    while True:  # a case has tens of requests, rarely hundreds
        page = freeze.list_requests(
            actor=actor,
            filters=FreezeFilter(case_number=case_number, limit=200, offset=offset),
        )
        found += page.items
        offset += page.limit
        if offset >= page.total or not page.items:
            break
    now = freeze.clock()
    newest: dict[str, tuple[str, int]] = {}
    for r in sorted(found, key=lambda r: r.id):
        newest[r.account_key] = (mark(r, now), r.id)
    return newest


def _request(transfer_id: str, method: str, window: int, smallest: int = 0) -> TraceRequest:
    """The trace the page shows; ``smallest`` tenge is how little it still follows (by
    default 1 % of the victim's transfer: a wide fan-out needs less to be seen whole)."""
    return TraceRequest(
        transfer_id=transfer_id,
        window=(window if window in WINDOWS else 72) * 3600,
        method=TraceMethod.HAIRCUT if method == "haircut" else TraceMethod.FIFO,
        threshold=float(smallest) if smallest > 0 else None,
    )


@router.get("/trace/{transfer_id}", response_class=HTMLResponse)
def trace_page(
    request: Request,
    trail: TrailDep,
    freeze: FreezeDep,
    transfer_id: TransferId,
    method: Annotated[str, Query(max_length=10)] = "fifo",
    window: Annotated[int, Query(ge=1, le=720)] = 72,
    case: CaseNumber = "",
    smallest: Annotated[int, Query(ge=0, le=10**12)] = 0,
    all: Annotated[int, Query(ge=0, le=1)] = 0,
    issued: Annotated[int, Query(ge=0, le=10_000)] = -1,
    asked: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> Response:
    """The trace, its totals by ending, and the accounts that can still be frozen."""
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    message = None
    if issued >= 0:
        message = translated(request, N_("Freeze requests sent: {count}.")).format(count=issued)
        if asked:
            earlier = translated(request, N_("Already asked in this case: {count}."))
            message += " " + earlier.format(count=asked)
    return render_trace(
        request, trail, freeze, actor, transfer_id, method, window, case.strip(),
        message=message, smallest=smallest, everything=bool(all),
    )  # fmt: skip


def render_trace(
    request: Request,
    trail: MoneyTrailService,
    freeze: FreezeService,
    actor: Actor,
    transfer_id: str,
    method: str,
    window: int,
    case: str,
    *,
    message: str | None = None,
    error: str | None = None,
    status: int = 200,
    smallest: int = 0,
    everything: bool = False,
) -> Response:
    trace = trail.trace(actor=actor, request=_request(transfer_id, method, window, smallest))
    marks = account_marks(freeze, actor, case)
    # Freezable accounts first, then by the money that reached them; a fan-out of thousands
    # is drawn whole, but a table of thousands helps no one (and costs the browser seconds).
    ordered = sorted(
        trace.accounts,
        key=lambda a: (a.ended is not Ending.STILL_THERE or a.bank is None, -a.amount),
    )
    listed = ordered if everything else ordered[:TABLE_ROWS]
    graph = trace_graph(trace, {k: m for k, (m, _) in marks.items()})
    query = request.url.query
    return pages(request).render(
        request,
        "freeze/trace.html",
        {
            "user": actor,
            "section": "cases",
            "trace": trace,
            "graph": graph,
            "svg": None if graph["boxed"] else trace_svg(graph),
            "diamond": diamond,
            "marks": marks,
            "mark_names": MARKS,
            "endings": ENDINGS,
            "mark_names_translated": {k: translated(request, v) for k, v in MARKS.items()},
            "ending_names_translated": {k: translated(request, v) for k, v in ENDINGS.items()},
            "chosen": {
                "method": method,
                "window": window if window in WINDOWS else 72,
                "case": case,
                "smallest": smallest or "",
            },
            "windows": WINDOWS,
            "may_freeze": actor.may(Permission.ISSUE_FREEZE_REQUESTS),
            "listed": listed,
            "unlisted": len(ordered) - len(listed),
            "all_link": f"{request.url.path}?{query + '&' if query else ''}all=1",
            "reachable": sum(
                1 for a in trace.accounts if a.ended is Ending.STILL_THERE and a.bank is not None
            ),
            "message": message,
            "error": error,
        },
        status=status,
    )


@router.get("/trace/{transfer_id}/marks.json")
def trace_marks(
    request: Request, freeze: FreezeDep, transfer_id: TransferId, case: CaseNumber = ""
) -> Response:
    """The freeze marks of the case's accounts, for the graph to refresh as banks answer."""
    actor = signed_in(request)
    if actor is None:
        return JSONResponse({"error": "sign in"}, status_code=401)
    marks = account_marks(freeze, actor, case.strip())
    return JSONResponse(
        {"transfer": transfer_id, "marks": {k: m for k, (m, _) in marks.items()}},
        headers={"Cache-Control": "no-store"},
    )


@router.post("/trace/{transfer_id}/freeze", response_class=HTMLResponse)
async def freeze_from_page(
    request: Request, trail: TrailDep, freeze: FreezeDep, transfer_id: TransferId
) -> Response:
    """Freeze requests for the ticked accounts, from a fresh trace (the page's figures are
    not trusted: amounts and banks are the server's own)."""
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    form = await request.form(max_files=0, max_fields=2100)

    method, case = form_text(form, "method", 10), form_text(form, "case", 40)
    hours, least = form_text(form, "window", 4), form_text(form, "smallest", 13)
    window = int(hours) if hours.isdigit() else 72
    smallest = int(least) if least.isdigit() else 0
    accounts = _strings(form.getlist("account"))
    every = form_text(form, "all_reachable") == "1"

    def again(text: str, status: int = 400) -> Response:
        return render_trace(
            request, trail, freeze, actor, transfer_id, method, window, case,
            error=translated(request, text), status=status, smallest=smallest,
        )  # fmt: skip

    if not csrf_valid(request, form_text(form, "csrf_token", 100)):
        return again(EXPIRED, 403)
    if not case:
        return again(NO_CASE)
    if not form_text(form, "legal_basis"):
        return again(NO_BASIS)
    if not accounts and not every:
        return again(NO_ACCOUNTS)
    try:
        trace = trail.trace(actor=actor, request=_request(transfer_id, method, window, smallest))
        reachable = {a.account_key for a in trace.still_there() if a.bank is not None}
        if every:
            accounts = list(reachable)
        if not reachable.intersection(accounts):
            return again(NOTHING_TO_FREEZE)
        earlier = {rid for _, rid in account_marks(freeze, actor, case).values()}
        sent = freeze.freeze_traced(
            actor=actor,
            request=_request(transfer_id, method, window, smallest),
            case_number=case,
            legal_basis=form_text(form, "legal_basis", 1000),
            accounts=reachable.intersection(accounts),
        )
    except Forbidden:
        return pages(request).error_page(request, 403, "forbidden")
    except NotFound:
        return pages(request).error_page(request, 404, "not_found")
    except CyberPolError as refused:
        return render_trace(
            request, trail, freeze, actor, transfer_id, method, window, case,
            error=error_text(request, refused), status=refused.status, smallest=smallest,
        )  # fmt: skip
    new = sum(1 for r in sent if r.id not in earlier)  # the rest were asked before
    query = urlencode(
        {"method": method or "fifo", "window": window, "case": case, "issued": new,
         "asked": len(sent) - new, **({"smallest": smallest} if smallest else {})}
    )  # fmt: skip
    return RedirectResponse(f"/trace/{transfer_id}?{query}", status_code=303)


def _strings(values: Iterable[object]) -> list[str]:
    return [v for v in values if isinstance(v, str) and 0 < len(v) <= 200][:2000]
