"""The telecom desk (/telecom): the SIM-boxes the last scoring run found, their SIMs with the
reasons in words and the analyst's verdict buttons, and the block requests sent to operators
with their deadlines. Server-rendered; plain forms, no script needed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cyberpol.kernel.access import Permission
from cyberpol.kernel.detection import RuleResult
from cyberpol.kernel.errors import CyberPolError
from cyberpol.kernel.labels import N_
from cyberpol.platform.http.deps import service
from cyberpol.platform.web import (
    csrf_valid,
    form_text,
    pages,
    sign_in_first,
    signed_in,
    translated,
)
from cyberpol.telecom.domain.blocks import BlockState
from cyberpol.telecom.ports import BlockFilter
from cyberpol.telecom.service import TelecomService

router = APIRouter(include_in_schema=False)
TelecomDep = Annotated[TelecomService, Depends(service(TelecomService))]
Imsi = Annotated[str, Path(min_length=5, max_length=20, pattern=r"^[0-9]+$")]
SIMS_SHOWN = 30  # the top of the list; a box's own SIMs are a click on the box away
BOX_SIMS_SHOWN = 500
REQUESTS_SHOWN = 100
# What each rule and model input means, as the page says it.
REASONS = {
    "many_sims_on_device": N_("Many SIMs passed through its device"),
    "calls_new_numbers": N_("Calls numbers it never called before"),
    "outgoing_only": N_("Calls out, hardly ever called"),
    "no_sms_or_data": N_("No SMS, no mobile data"),
    "never_moves": N_("Never leaves one cell"),
    "short_or_unanswered": N_("Short or unanswered calls"),
    "new_sim": N_("A new SIM"),
    "in_known_box": N_("Sat in a module of a known box"),
    "feature:out_share": N_("Share of its calls it made"),
    "feature:called_once_share": N_("Share of numbers called once"),
    "feature:mean_duration_out": N_("Mean length of its calls"),
    "feature:unanswered_share": N_("Share of unanswered calls"),
    "feature:short_share": N_("Share of short calls"),
    "feature:night_share": N_("Share of calls at night"),
    "feature:sms_per_day": N_("SMS a day"),
    "feature:data_per_day": N_("Data sessions a day"),
    "feature:cells": N_("Cells it used"),
    "feature:imeis": N_("Devices it sat in"),
    "feature:sims_on_device": N_("Many SIMs passed through its device"),
    "feature:burstiness": N_("Bursts of calls"),
    "feature:intl_in_share": N_("Share of calls received from abroad"),
    "feature:seen_days": N_("Days since first seen"),
    "feature:busy_sims_in_cell": N_("Busy SIMs in its cell"),
}
STATES = {
    BlockState.SENT: N_("Sent"),
    BlockState.ACKNOWLEDGED: N_("Acknowledged"),
    BlockState.SUSPENDED: N_("Suspended"),
    BlockState.REJECTED: N_("Rejected"),
    BlockState.RESTORED: N_("Restored"),
}
TARGETS = {"number": N_("Number"), "sim": N_("SIM (IMSI)"), "device": N_("Device (IMEI)")}
EXPIRED = N_("The form has expired. Reload the page and try again.")
SAVED = N_("Verdict saved: the next scoring run uses it.")


def _reason(request: Request, reason: RuleResult) -> str:
    name = REASONS.get(reason.code)
    said = translated(request, name) if name else reason.code
    return f"{said}: {reason.value:g}"


@router.get("/telecom", response_class=HTMLResponse)
def telecom_page(
    request: Request,
    telecom: TelecomDep,
    overdue: Annotated[str, Query(max_length=1)] = "",
    box: Annotated[str, Query(max_length=40)] = "",
    saved: Annotated[str, Query(max_length=20)] = "",
    refused: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    """SIM-boxes and block requests, for the analysts and investigators who act on them."""
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    if not (actor.may(Permission.READ_SIMBOX) or actor.may(Permission.READ_NUMBER_BLOCKS)):
        return pages(request).error_page(request, 403, "forbidden")
    boxes, sims, blocks, total = [], [], [], 0
    now = telecom.clock()
    if actor.may(Permission.READ_SIMBOX):
        boxes = telecom.simbox_devices(actor=actor)
        sims = telecom.sim_scores(actor=actor, limit=BOX_SIMS_SHOWN if box else SIMS_SHOWN,
                                  flagged_only=True, device=box or None)  # fmt: skip
    if actor.may(Permission.READ_NUMBER_BLOCKS):
        found = telecom.block_requests(
            actor=actor,
            filters=BlockFilter(overdue_at=now if overdue else None, limit=REQUESTS_SHOWN),
        )
        blocks, total = found.items, found.total
    notice = translated(request, SAVED) if saved else ""
    return pages(request).render(
        request,
        "telecom/telecom.html",
        {
            "user": actor,
            "section": "telecom",
            "boxes": boxes,
            "sims": sims,
            "reasons": {s.imsi: [_reason(request, r) for r in s.reasons] for s in sims},
            "may_read_sims": actor.may(Permission.READ_SIMBOX),
            "may_label": actor.may(Permission.LABEL_SIMBOX),
            "may_read_blocks": actor.may(Permission.READ_NUMBER_BLOCKS),
            "blocks": blocks,
            "blocks_total": total,
            "overdue": bool(overdue),
            "box": box if any(b.device == box for b in boxes) else "",
            "flagged_total": sum(b.sims for b in boxes),
            "now": now,
            "states": STATES,
            "targets": TARGETS,
            "notice": notice,
            "refused": translated(request, EXPIRED) if refused == "expired" else "",
        },
    )


@router.post("/telecom/sims/{imsi}/verdict", response_class=HTMLResponse)
async def sim_verdict_from_page(request: Request, telecom: TelecomDep, imsi: Imsi) -> Response:
    """An analyst's verdict on a flagged SIM, from its row; back to the page (no resubmit)."""
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    form = await request.form(max_files=0, max_fields=5)
    if not csrf_valid(request, form_text(form, "csrf_token", 100)):
        return RedirectResponse("/telecom?refused=expired#sims", status_code=303)
    verdict = form_text(form, "is_simbox", 1)
    if verdict not in ("0", "1"):
        return pages(request).error_page(request, 400, "invalid_input")
    try:
        telecom.label_sim(actor=actor, imsi=imsi, is_simbox=verdict == "1")
    except CyberPolError as error:
        return pages(request).error_page(request, error.status, error.code)
    return RedirectResponse(f"/telecom?saved={imsi}#sims", status_code=303)
