"""The triage queue (/triage): new indicators with the reports that share them, and what an
analyst does about them: confirm, dismiss or block indicators, open a case from reports or
file reports into a case. Every action is the registry's or the cases' own use case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from cyberpol.cases.domain import CaseDraft, LinkKind, read_case_number
from cyberpol.cases.ports import CaseFilter
from cyberpol.cases.service import CaseService
from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.kernel.clock import KAZAKHSTAN
from cyberpol.kernel.errors import CyberPolError, Forbidden
from cyberpol.kernel.labels import N_
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
from cyberpol.registry.domain import Blocker, IndicatorStatus, StatusChange
from cyberpol.registry.service import RegistryService
from cyberpol.reports.ports import TriageFilter
from cyberpol.reports.service import ReportService

router = APIRouter(include_in_schema=False)
ReportsDep = Annotated[ReportService, Depends(service(ReportService))]
RegistryDep = Annotated[RegistryService, Depends(service(RegistryService))]
CasesDep = Annotated[CaseService, Depends(service(CaseService))]
PAGE = 20
MAX_SELECTED = 200
STATUS_NAMES = {
    "reported": N_("New"),
    "confirmed": N_("Confirmed"),
    "blocked": N_("Blocked"),
    "dismissed": N_("Dismissed"),
}
CHANNEL_NAMES = {
    "web": N_("Web form"),
    "telegram": N_("Telegram"),
    "api": N_("API"),
    "import": N_("File import"),
}
BLOCKER_NAMES = {
    "bank": N_("a bank"),
    "operator": N_("a mobile operator"),
    "registrar": N_("a domain registrar"),
    "platform": N_("a platform"),
}
CHANGES = {
    "confirm": IndicatorStatus.CONFIRMED,
    "dismiss": IndicatorStatus.DISMISSED,
    "block": IndicatorStatus.BLOCKED,
}
DONE = {
    "confirm": N_("Indicators confirmed: {count}."),
    "dismiss": N_("Indicators dismissed: {count}."),
    "block": N_("Indicators blocked: {count}."),
    "attach": N_("Reports filed into the case: {count}."),
}
NOTHING = N_("Tick the indicators or reports the action is for.")
NO_REPORTS = N_("Tick the reports the case is opened from or filed into.")
NO_REASON = N_("Give a reason: it is kept with the change.")
NO_BLOCKER = N_("Say who blocked it: a bank, an operator, a registrar or a platform.")
NO_CASE = N_("Give the case to file the reports into: its ERDR number or CASE number.")
EXPIRED = N_("The form has expired. Reload the page and try again.")


@dataclass(frozen=True, slots=True)
class Chosen:
    """The queue's filters as the page shows them, and as a query string to come back to."""

    status: str = "reported"
    category: str = ""
    region: str = ""
    channel: str = ""
    since: str = ""
    until: str = ""
    page: int = 1

    def query(self, **extra: object) -> str:
        fields = {k: getattr(self, k) for k in self.__dataclass_fields__}
        return urlencode({k: v for k, v in {**fields, **extra}.items() if v not in ("", None)})

    def filters(self) -> TriageFilter:
        return TriageFilter(
            status=self.status,
            category=self.category or None,
            region=self.region or None,
            channel=self.channel or None,
            since=_day_start(self.since),
            until=_day_start(self.until, next_day=True),
            limit=PAGE,
            offset=(self.page - 1) * PAGE,
        )


def _day_start(value: str, *, next_day: bool = False) -> datetime | None:
    """A date from the form as the start of that day (or of the next) in Kazakhstan."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    moment = datetime.combine(day, time(), KAZAKHSTAN)
    return moment + timedelta(days=1, microseconds=-1) if next_day else moment


def _chosen(
    status: str, category: str, region: str, channel: str, since: str, until: str, page: int
) -> Chosen:
    """Only values the page offers: anything else reads as "any"."""
    return Chosen(
        status=status if status in STATUS_NAMES else "reported",
        category=category if category in {c.value for c in ScamCategory} else "",
        region=region if region in {r.value for r in Region} else "",
        channel=channel if channel in {c.value for c in Channel} else "",
        since=since if _day_start(since) else "",
        until=until if _day_start(until) else "",
        page=page,
    )


def _page(
    request: Request,
    reports: ReportService,
    actor: Actor,
    chosen: Chosen,
    *,
    message: str | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    queue = reports.triage(actor=actor, filters=chosen.filters())
    return pages(request).render(
        request,
        "cases/triage.html",
        {
            "user": actor,
            "section": "triage",
            "queue": queue,
            "chosen": chosen,
            "statuses": STATUS_NAMES,
            "channels": CHANNEL_NAMES,
            "blockers": BLOCKER_NAMES,
            "message": message,
            "error": error,
            "may_change": actor.may(Permission.CHANGE_INDICATOR_STATUS),
            "may_manage": actor.may(Permission.MANAGE_CASES),
        },
        status=status,
    )


Text = Annotated[str, Query(max_length=40)]


@router.get("/triage", response_class=HTMLResponse)
def triage(
    request: Request,
    reports: ReportsDep,
    status: Text = "reported",
    category: Text = "",
    region: Text = "",
    channel: Text = "",
    since: Text = "",
    until: Text = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    done: Text = "",
    count: Annotated[int, Query(ge=0, le=10_000)] = 0,
    refused: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> Response:
    """The queue, the latest reported first, with filters that work without JavaScript."""
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    chosen = _chosen(status, category, region, channel, since, until, page)
    message = None
    if done in DONE:
        message = translated(request, DONE[done]).format(count=count)
        if refused:
            refusal = translated(request, N_("Refused: {count}."))
            message += " " + refusal.format(count=refused)
    return _page(request, reports, actor, chosen, message=message)


def _ids(form: FormData, name: str) -> list[str]:
    return [v for v in form.getlist(name) if isinstance(v, str) and 0 < len(v) <= 40]


@router.post("/triage", response_class=HTMLResponse)
async def act(
    request: Request, reports: ReportsDep, registry: RegistryDep, cases: CasesDep
) -> Response:
    """One action on the ticked indicators or reports, then back to the same queue."""
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    form = await request.form(max_files=0, max_fields=2 * MAX_SELECTED + 20)

    status, category, region, channel, since, until = (
        form_text(form, name) for name in ("status", "category", "region", "channel",
                                           "since", "until")
    )  # fmt: skip
    chosen = _chosen(status, category, region, channel, since, until, 1)
    action = form_text(form, "action")
    indicator_ids = [int(v) for v in _ids(form, "indicator") if v.isdigit()][:MAX_SELECTED]
    report_ids = _ids(form, "report")[:MAX_SELECTED]

    def again(error: str, status: int = 400) -> Response:
        text = translated(request, error)
        return _page(request, reports, actor, chosen, error=text, status=status)

    if not csrf_valid(request, form_text(form, "csrf_token", 100)):
        return again(EXPIRED, 403)
    reason = form_text(form, "reason", 2000)
    try:
        if action in CHANGES:
            if not indicator_ids:
                return again(NOTHING)
            if not reason:
                return again(NO_REASON)
            blocker = form_text(form, "blocked_by")
            if action == "block" and blocker not in BLOCKER_NAMES:
                return again(NO_BLOCKER)
            change = StatusChange(
                CHANGES[action],
                reason,
                blocked_by=Blocker(blocker) if action == "block" else None,
                blocker_name=form_text(form, "blocker_name", 200) or None
                if action == "block"
                else None,
            )
            refused = 0
            for indicator_id in indicator_ids:
                try:
                    registry.change_status(actor=actor, indicator_id=indicator_id, change=change)
                except Forbidden:
                    raise
                except CyberPolError:
                    refused += 1  # already in that state, or changed meanwhile: said below
            done = chosen.query(done=action, count=len(indicator_ids) - refused, refused=refused)
            return RedirectResponse(f"/triage?{done}", status_code=303)
        if action == "open_case":
            if not report_ids:
                return again(NO_REPORTS)
            case = _open_case(
                cases, reports, actor, report_ids, indicator_ids, form_text(form, "title")
            )
            return RedirectResponse(f"/cases/{case}", status_code=303)
        if action == "attach":
            if not report_ids:
                return again(NO_REPORTS)
            case_id = _case_id(cases, actor, form_text(form, "case", 40))
            if case_id is None:
                return again(NO_CASE)
            cases.link(actor=actor, case_id=case_id, kind=LinkKind.REPORT, refs=report_ids)
            if indicator_ids:
                refs = [str(i) for i in indicator_ids]
                cases.link(actor=actor, case_id=case_id, kind=LinkKind.INDICATOR, refs=refs)
            done = chosen.query(done="attach", count=len(report_ids))
            return RedirectResponse(f"/triage?{done}", status_code=303)
    except Forbidden:
        return pages(request).error_page(request, 403, "forbidden")
    except CyberPolError as error:
        return _page(
            request, reports, actor, chosen, error=error_text(request, error), status=error.status
        )
    return again(NOTHING)


def _open_case(
    cases: CaseService,
    reports: ReportService,
    actor: Actor,
    report_ids: list[str],
    indicator_ids: list[int],
    title: str,
) -> int:
    """A case from the ticked reports, in the first one's category and region."""
    first = reports.get(actor=actor, report_id=report_ids[0])
    draft = CaseDraft(
        category=first.category,
        title=title or " ".join(first.text.split())[:120] or first.id,
        region=first.region,
        report_ids=tuple(report_ids),
    )
    case = cases.open(actor=actor, draft=draft)
    if indicator_ids:
        refs = [str(i) for i in indicator_ids]
        cases.link(actor=actor, case_id=case.summary.id, kind=LinkKind.INDICATOR, refs=refs)
    return case.summary.id


def _case_id(cases: CaseService, actor: Actor, number: str) -> int | None:
    """The case an analyst names as they know it: ERDR number, CASE-12, or 12."""
    read = read_case_number(number)
    if isinstance(read, str):
        found = cases.search(actor=actor, filters=CaseFilter(query=read, limit=2))
        matches = [c.id for c in found.items if c.erdr_number == read]
        return matches[0] if matches else None
    return read
