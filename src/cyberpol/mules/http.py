"""Drop (money-mule) scores for analysts, and their verdicts back into the system."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from cyberpol.mules.schemas import MuleScorePublic, MuleVerdict, mule_score_public
from cyberpol.mules.service import label_mule, list_mule_scores
from cyberpol.platform.http.deps import ActorDep, LanguageDep, RuntimeDep
from cyberpol.platform.http.schemas import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1/mules", tags=["money trail"])
_ERRORS = ERROR_RESPONSES


@router.get("", response_model=list[MuleScorePublic], responses=_ERRORS)
def mule_scores(
    runtime: RuntimeDep,
    actor: ActorDep,
    language: LanguageDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    flagged: bool = True,
) -> list[MuleScorePublic]:
    """The riskiest accounts of the last scoring run, with reasons in the reader's language."""
    rows = list_mule_scores(
        desk=runtime.mules(), uow=runtime.uow(), actor=actor, limit=limit, flagged_only=flagged
    )
    return [mule_score_public(row, language) for row in rows]


@router.post("/{account}/verdict", status_code=204, responses=_ERRORS)
def mule_verdict(
    body: MuleVerdict,
    runtime: RuntimeDep,
    actor: ActorDep,
    account: Annotated[str, Path(min_length=1, max_length=128)],
) -> None:
    """An analyst's verdict (a confirmed drop or not); used by scoring and retraining."""
    label_mule(
        desk=runtime.mules(), uow=runtime.uow(), actor=actor, account=account, is_mule=body.is_mule
    )
