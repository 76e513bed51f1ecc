"""Drop (money-mule) detection as the rest of the system reads it: scores with reasons."""

from __future__ import annotations

from dataclasses import dataclass

from cyberpol.kernel.detection import RuleResult


@dataclass(frozen=True, slots=True)
class MuleScore:
    """One account's risk of being a drop, and why, strongest reason first."""

    account: str
    bank: str | None
    score: float  # the model's probability, or the rules' score before any model
    rules_score: float
    flagged: bool
    reasons: tuple[RuleResult, ...]  # rules by code; model inputs as ``feature:<name>``
    model: str  # the model version, or "rules"


@dataclass(frozen=True, slots=True)
class ScoringSummary:
    """What one scoring run did."""

    accounts: int
    flagged: int
    model: str
    engine: str
    out: str | None  # the file every score was written to, if one was asked for


@dataclass(frozen=True, slots=True)
class TrainingResult:
    """A newly trained model version, its alert threshold and its cross-validated quality."""

    version: str
    file: str
    threshold: float
    metrics: dict[str, float]
    labels_loaded: int = 0
