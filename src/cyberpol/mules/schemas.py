"""Drop scores and verdicts as JSON, with reasons in words in the reader's language."""

from __future__ import annotations

from pydantic import BaseModel

from cyberpol.mules.detectors import render_reason
from cyberpol.mules.domain import MuleScore
from cyberpol.platform.i18n import gettext


class MuleScorePublic(BaseModel):
    """One account's drop risk with the reasons in words."""

    account: str
    bank: str | None
    score: float
    rules_score: float
    flagged: bool
    reasons: list[str]
    model: str


class MuleVerdict(BaseModel):
    """An analyst's word on an account: a confirmed drop or not."""

    is_mule: bool


def mule_score_public(score: MuleScore, language: str) -> MuleScorePublic:
    """A score as the API returns it, its reasons rendered in ``language``."""
    return MuleScorePublic(
        account=score.account,
        bank=score.bank,
        score=score.score,
        rules_score=score.rules_score,
        flagged=score.flagged,
        reasons=[
            render_reason(r.code, r.value, lambda text: gettext(text, language))
            for r in score.reasons
        ],
        model=score.model,
    )
