"""Public pages of the registry: the start page and "check before you pay"."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from cyberpol.kernel.errors import InvalidIndicator
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.kernel.labels import N_
from cyberpol.platform.http.deps import rate_limit, service
from cyberpol.platform.web import pages
from cyberpol.registry.messages import ADVICE, SCHEMES, VERDICT_TEXT
from cyberpol.registry.service import RegistryService

router = APIRouter(include_in_schema=False)
RegistryDep = Annotated[RegistryService, Depends(service(RegistryService))]
ENTER_A_VALUE = N_("Enter a value to check.")


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """Check before you pay, and report a scam."""
    return pages(request).render(request, "registry/home.html", {"schemes": SCHEMES})


@router.get(
    "/check",
    response_class=HTMLResponse,
    dependencies=[rate_limit(lambda limits: limits.checks, lambda limits: limits.user_checks)],
)
async def check(
    request: Request,
    registry: RegistryDep,
    value: Annotated[str, Query(max_length=2048)] = "",
) -> HTMLResponse:
    """The verdict and advice for one value, in the visitor's language."""
    if not value.strip():
        return pages(request).render(
            request, "registry/home.html", {"error": ENTER_A_VALUE, "schemes": SCHEMES}, status=400
        )
    try:
        result = await run_in_threadpool(lambda: registry.check(value=value))
        verdict, kind, shown = result.verdict, result.kind, result.value
        report_count, categories = result.report_count, result.categories
    except InvalidIndicator:
        verdict, kind, shown, report_count, categories = "invalid", None, None, 0, ()
    return pages(request).render(
        request,
        "registry/check.html",
        {
            # A card typed in full is echoed masked, as everywhere else.
            "value": redact_cards(value),
            "verdict": verdict,
            "verdict_text": VERDICT_TEXT[verdict],
            "advice": ADVICE[verdict],
            "kind": kind.value if kind else None,
            "shown": shown,
            "report_count": report_count,
            "categories": categories,
        },
    )
