"""The registry: public check, batch check for partners, analysts' list, detail and status."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from cyberpol.kernel.access import Permission
from cyberpol.kernel.categories import Region, ScamCategory
from cyberpol.kernel.indicators.kinds import IndicatorKind
from cyberpol.platform.http.deps import ActorDep, LanguageDep, rate_limit, service, wiring
from cyberpol.platform.http.schemas import ERROR_RESPONSES, Moment
from cyberpol.registry import schemas
from cyberpol.registry.domain import IndicatorStatus, StatusChange
from cyberpol.registry.ports import IndicatorFilter
from cyberpol.registry.service import RegistryService

router = APIRouter(prefix="/api/v1/indicators", tags=["indicators"])
IndicatorId = Annotated[int, Path(ge=1, le=2**62)]
_ERRORS = ERROR_RESPONSES
RegistryDep = Annotated[RegistryService, Depends(service(RegistryService))]


@router.get(
    "/check",
    response_model=schemas.CheckResultPublic,
    responses=_ERRORS,
    dependencies=[rate_limit(lambda limits: limits.checks, lambda limits: limits.user_checks)],
)
async def check(
    registry: RegistryDep,
    language: LanguageDep,
    value: Annotated[
        str, Query(min_length=1, max_length=2048, description="As typed: '8 701 555 12 34'")
    ],
    kind: IndicatorKind | None = None,
) -> Response:
    """Is this value used by fraudsters? Public, rate-limited, never names reporters."""
    # The busiest endpoint: one thread hop for the lookup, and the answer serialised once
    # (a returned model would be validated again against response_model).
    result = await run_in_threadpool(lambda: registry.check(value=value, kind=kind))
    body = schemas.check_result(result, language).model_dump_json()
    return Response(body, media_type="application/json")


@router.post("/check", response_model=schemas.BatchCheckResponse, responses=_ERRORS)
def check_batch(
    body: schemas.BatchCheckRequest,
    request: Request,
    registry: RegistryDep,
    actor: ActorDep,
    language: LanguageDep,
) -> schemas.BatchCheckResponse:
    """Check up to 1,000 values at once (banks, operators, platforms). Needs a token."""
    actor.require(Permission.BATCH_CHECK)
    wiring(request).rate_limits.batches.hit(f"actor:{actor.name}")
    results = registry.check_batch(actor=actor, values=body.values, kind=body.kind)
    return schemas.BatchCheckResponse(results=[schemas.check_result(r, language) for r in results])


@router.get("", response_model=schemas.IndicatorPage, responses=_ERRORS)
def indicators(
    registry: RegistryDep,
    actor: ActorDep,
    kind: IndicatorKind | None = None,
    status: IndicatorStatus | None = None,
    category: ScamCategory | None = None,
    region: Region | None = None,
    since: Annotated[Moment | None, Query(description="Seen on or after")] = None,
    until: Annotated[Moment | None, Query(description="First seen on or before")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the value")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> schemas.IndicatorPage:
    """Indicators most recently seen first, filtered. Analysts and investigators."""
    page = registry.list_indicators(
        actor=actor,
        filters=IndicatorFilter(
            kind=kind,
            status=status,
            category=category,
            region=region,
            seen_since=since,
            seen_until=until,
            query=q,
            limit=limit,
            offset=offset,
        ),
    )
    return schemas.IndicatorPage(
        items=[schemas.indicator(i) for i in page.items],
        total=page.total,
        limit=page.limit,
        offset=page.offset,
    )


@router.post("/{indicator_id}/status", response_model=schemas.IndicatorPublic, responses=_ERRORS)
def change_status(
    indicator_id: IndicatorId,
    body: schemas.StatusChangeRequest,
    registry: RegistryDep,
    actor: ActorDep,
) -> schemas.IndicatorPublic:
    """Confirm, dismiss or block an indicator (a block names who blocked it), with a reason."""
    change = StatusChange(body.status, body.reason, body.blocked_by, body.blocker_name)
    updated = registry.change_status(actor=actor, indicator_id=indicator_id, change=change)
    return schemas.indicator(updated)
