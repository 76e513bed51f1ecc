"""Drop (money-mule) scores for analysts, and their verdicts back into the system."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from cyberpol.mules.detectors import render_reason
from cyberpol.mules.service import label_mule, list_mule_scores
from cyberpol.platform.http.deps import ActorDep, LanguageDep, RuntimeDep
from cyberpol.platform.http.schemas import ERROR_RESPONSES
from cyberpol.platform.i18n import gettext

router = APIRouter(prefix="/api/v1/mules", tags=["money trail"])
_ERRORS = ERROR_RESPONSES


class MuleVerdict(BaseModel):
    is_mule: bool


@router.get("", responses=_ERRORS)
def mule_scores(
    runtime: RuntimeDep,
    actor: ActorDep,
    language: LanguageDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    flagged: bool = True,
) -> list[dict[str, Any]]:
    """The riskiest accounts of the last scoring run, with reasons in the reader's language."""
    rows = list_mule_scores(
        desk=runtime.mules(), uow=runtime.uow(), actor=actor, limit=limit, flagged_only=flagged
    )
    return [_translated(row, language) for row in rows]


def _translated(row: dict[str, Any], language: str) -> dict[str, Any]:
    codes = row.pop("reason_codes", None) or ""
    reasons = []
    for part in filter(None, codes.split(";")):
        code, _, value = part.partition("=")
        reasons.append(render_reason(code, float(value), lambda t: gettext(t, language)))
    return {**row, "reasons": reasons}


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
