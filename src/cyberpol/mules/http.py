"""Drop (money-mule) scores for analysts, and their verdicts back into the system."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from cyberpol.mules.schemas import MuleScorePublic, MuleVerdict, mule_score_public
from cyberpol.mules.service import MuleService
from cyberpol.platform.http.deps import ActorDep, LanguageDep, service
from cyberpol.platform.http.schemas import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1/mules", tags=["money trail"])
_ERRORS = ERROR_RESPONSES
MulesDep = Annotated[MuleService, Depends(service(MuleService))]


@router.get("", response_model=list[MuleScorePublic], responses=_ERRORS)
def mule_scores(
    mules: MulesDep,
    actor: ActorDep,
    language: LanguageDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    flagged: bool = True,
) -> list[MuleScorePublic]:
    """The riskiest accounts of the last scoring run, with reasons in the reader's language."""
    rows = mules.top(actor=actor, limit=limit, flagged_only=flagged)
    return [mule_score_public(row, language) for row in rows]


@router.post("/{account}/verdict", status_code=204, responses=_ERRORS)
def mule_verdict(
    body: MuleVerdict,
    mules: MulesDep,
    actor: ActorDep,
    account: Annotated[str, Path(min_length=1, max_length=128)],
) -> None:
    """An analyst's verdict (a confirmed drop or not); used by scoring and retraining."""
    mules.label(actor=actor, account=account, is_mule=body.is_mule)
