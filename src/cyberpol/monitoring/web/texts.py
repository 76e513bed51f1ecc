"""Scam texts on the monitoring desk (/monitoring/texts): an analyst pastes an SMS, an ad or
a message a citizen forwarded and reads whether it is a scam, which scheme, and the words
behind the verdict. A plain form: no script needed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from cyberpol.kernel.access import Permission
from cyberpol.kernel.errors import CyberPolError
from cyberpol.kernel.labels import CATEGORY_NAMES, N_
from cyberpol.monitoring.domain.texts import HAM, MAX_TEXT_LENGTH, TextVerdict
from cyberpol.monitoring.service import MonitoringService
from cyberpol.monitoring.web.forms import expired, posted_form
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
MonitoringDep = Annotated[MonitoringService, Depends(service(MonitoringService))]
NOT_SCAM = N_("Not a scam")
LANGUAGES = {"kk": N_("Kazakh"), "ru": N_("Russian"), "en": N_("English")}
EMPTY = N_("Paste a text to check.")


def _scheme(request: Request, scheme: str) -> str:
    name = NOT_SCAM if scheme == HAM else CATEGORY_NAMES.get(scheme)
    return translated(request, name) if name else scheme


@router.get("/monitoring/texts", response_class=HTMLResponse)
def texts_page(request: Request, refused: Annotated[str, Query(max_length=20)] = "") -> Response:
    """The form: a text to check."""
    return _page(request, "", None, expired(request, refused))


def _page(request: Request, text: str, verdict: TextVerdict | None, problem: str,
          status: int = 200) -> Response:  # fmt: skip
    actor = signed_in(request)
    if actor is None:
        return sign_in_first(request)
    if not actor.may(Permission.READ_MONITORING):
        return pages(request).error_page(request, 403, "forbidden")
    shown = None
    if verdict is not None:
        ranked = sorted(verdict.scores, key=lambda s: -s[1])[:3]
        shown = {
            "scheme": _scheme(request, verdict.scheme), "is_scam": verdict.is_scam,
            "probability": verdict.probability,
            "language": translated(request, LANGUAGES[verdict.language])
            if verdict.language in LANGUAGES else verdict.language,
            "words": [w for w, _weight in verdict.top_words],
            "ranked": [(_scheme(request, s), p) for s, p in ranked],
        }  # fmt: skip
    return pages(request).render(request, "monitoring/texts.html", {
        "user": actor, "section": "monitoring", "text": text, "verdict": shown,
        "refused": problem, "limit": MAX_TEXT_LENGTH,
    }, status=status)  # fmt: skip


@router.post("/monitoring/texts", response_class=HTMLResponse)
async def check_text(request: Request, monitoring: MonitoringDep) -> Response:
    """The verdict on the posted text, under the form that keeps it."""
    done = await posted_form(request, "/monitoring/texts")
    if isinstance(done, Response):
        return done
    actor, form = done
    text = form_text(form, "text", MAX_TEXT_LENGTH + 1).strip()
    if not text:
        return _page(request, "", None, translated(request, EMPTY), status=400)
    try:
        [verdict] = monitoring.classify_texts(actor=actor, texts=[text])
    except CyberPolError as error:
        return _page(request, text, None, error_text(request, error), status=error.status)
    return _page(request, text, verdict, "")
