"""Fake-ad rings on the monitoring desk (/monitoring/ads): the rings found among the
platforms' ads, why each is one, and a button that puts their ads on the queue."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cyberpol.kernel.access import Permission
from cyberpol.kernel.detection import RuleResult
from cyberpol.kernel.errors import CyberPolError
from cyberpol.kernel.labels import N_
from cyberpol.monitoring.service import MonitoringService
from cyberpol.monitoring.web.forms import expired, posted_form
from cyberpol.platform.http.deps import service
from cyberpol.platform.web import (
    error_text,
    pages,
    sign_in_first,
    signed_in,
    translated,
)

router = APIRouter(include_in_schema=False)
MonitoringDep = Annotated[MonitoringService, Depends(service(MonitoringService))]
SHOWN = 200
SIGNS = {
    "same_text": N_("Near-identical texts from different sellers"),
    "same_photo": N_("The same photos from different sellers"),
    "same_phone": N_("One phone behind different sellers"),
    "same_device": N_("One device behind different sellers"),
    "same_link": N_("One link in different sellers' ads"),
    "same_ip": N_("One address (IP) behind different sellers"),
    "price_far_below": N_("Prices far below the item's usual price"),
    "foreign_phone": N_("Sellers with foreign phone numbers"),
    "known_bad": N_("Phones or links the registry holds as fraud"),
}
QUEUED = N_("The rings' ads are on the queue.")


def _sign(request: Request, reason: RuleResult) -> str:
    name = SIGNS.get(reason.code)
    return translated(request, name) if name else reason.code


@router.get("/monitoring/ads", response_class=HTMLResponse)
def rings_page(
    request: Request,
    monitoring: MonitoringDep,
    done: Annotated[str, Query(max_length=1)] = "",
    refused: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    """The rings among the ads kept, strongest first, each with its signs and ads."""
    notice = translated(request, QUEUED) if done else ""
    return _rings(request, monitoring, notice, expired(request, refused))


def _rings(request: Request, monitoring: MonitoringService, notice: str, problem: str,
           status: int = 200) -> Response:  # fmt: skip
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    if not actor.may(Permission.READ_MONITORING):
        return pages(request).error_page(request, 403, "forbidden")
    try:
        rings, rows = monitoring.ad_rings(actor=actor)
    except CyberPolError as error:
        return pages(request).error_page(request, error.status, error.code)
    shown = rings[:SHOWN]
    return pages(request).render(request, "monitoring/rings.html", {
        "user": actor, "section": "monitoring", "rings": shown, "total": len(rings),
        "ads_total": len(rows), "searched_at": monitoring.ad_rings_searched_at(),
        "signs": {r.ring: [(_sign(request, x), x) for x in r.reasons] for r in shown},
        "may_manage": actor.may(Permission.MANAGE_MONITORING),
        "notice": notice, "refused": problem,
    }, status=status)  # fmt: skip


@router.post("/monitoring/ads/queue", response_class=HTMLResponse)
async def queue_rings(request: Request, monitoring: MonitoringDep) -> Response:
    """Put every ring's ads on the monitoring queue (those already there stay as they are)."""
    done = await posted_form(request, "/monitoring/ads")
    if isinstance(done, Response):
        return done
    actor, _form = done
    try:
        actor.require(Permission.MANAGE_MONITORING)
        monitoring.ad_rings(actor=actor, queue=True)
    except CyberPolError as error:
        return _rings(request, monitoring, "", error_text(request, error), status=error.status)
    return RedirectResponse("/monitoring/ads?done=1", status_code=303)
