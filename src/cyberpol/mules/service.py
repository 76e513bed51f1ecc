"""Use cases of drop detection: score accounts, read scores, record verdicts, retrain."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.audit import AuditAction, AuditObject
from cyberpol.kernel.clock import Clock
from cyberpol.kernel.errors import InvalidInput
from cyberpol.mules.domain import MuleScore, ScoringSummary, TrainingResult
from cyberpol.mules.ports import MuleDesk, MulesUnitOfWork
from cyberpol.platform.audit import record_in_own_transaction


def _reported(uow: MulesUnitOfWork) -> list[str]:
    with uow:
        return uow.indicators.payment_account_keys()


def _audit(
    uow: MulesUnitOfWork,
    clock: Clock,
    actor: Actor,
    action: AuditAction,
    object_id: str,
    details: Mapping[str, object],
) -> None:
    record_in_own_transaction(
        uow,
        clock=clock,
        actor=actor,
        action=action,
        object_type=AuditObject.MULES,
        object_id=object_id,
        details=details,
    )


def score_mules(
    *,
    desk: MuleDesk,
    uow: MulesUnitOfWork,
    clock: Clock,
    actor: Actor,
    engine: str,
    out: Path | None,
) -> ScoringSummary:
    """Score every account in the transfer store with the current model or the rules."""
    actor.require(Permission.TRAIN_MULE_MODEL)
    if engine not in ("duckdb", "spark"):
        raise InvalidInput(f"Unknown engine {engine!r}; use duckdb or spark")
    if out is not None and out.suffix.lower() not in (".csv", ".jsonl", ".ndjson"):
        raise InvalidInput(f"{out.name}: write scores to a .csv or .jsonl file")
    summary = desk.score(reported=_reported(uow), engine=engine, out=out)
    _audit(uow, clock, actor, AuditAction.MULES_SCORE, engine, asdict(summary))
    return summary


def list_mule_scores(
    *,
    desk: MuleDesk,
    uow: MulesUnitOfWork,
    clock: Clock,
    actor: Actor,
    limit: int,
    flagged_only: bool,
) -> list[MuleScore]:
    """The riskiest accounts of the last scoring run; reading them is audited."""
    actor.require(Permission.READ_MULE_SCORES)
    rows = desk.top(limit=limit, flagged_only=flagged_only)
    _audit(uow, clock, actor, AuditAction.MULES_READ, "scores", {"rows": len(rows)})
    return rows


def label_mule(
    *,
    desk: MuleDesk,
    uow: MulesUnitOfWork,
    clock: Clock,
    actor: Actor,
    account: str,
    is_mule: bool,
) -> None:
    """An analyst confirms a drop or clears an account; used by features and retraining."""
    actor.require(Permission.LABEL_MULES)
    desk.label(account=account, is_mule=is_mule, actor=actor.name)
    _audit(uow, clock, actor, AuditAction.MULES_LABEL, account, {"is_mule": is_mule})


def train_mules(
    *,
    desk: MuleDesk,
    uow: MulesUnitOfWork,
    clock: Clock,
    actor: Actor,
    label_files: Sequence[Path],
) -> TrainingResult:
    """Load any label files, then train and version a new model from all labels."""
    actor.require(Permission.TRAIN_MULE_MODEL)
    loaded = sum(desk.load_labels(path) for path in label_files)
    result = desk.train(reported=_reported(uow))
    _audit(uow, clock, actor, AuditAction.MULES_TRAIN, result.version, {"labels_loaded": loaded})
    return replace(result, labels_loaded=loaded)


@dataclass(frozen=True, slots=True)
class MuleService:
    """Drop scoring, verdicts and retraining over the transfer store (opened on first use)."""

    desk: Callable[[], MuleDesk]
    uow: Callable[[], MulesUnitOfWork]
    clock: Clock

    def score(self, *, actor: Actor, engine: str, out: Path | None = None) -> ScoringSummary:
        """Score every account with the current model or the rules."""
        return score_mules(
            desk=self.desk(), uow=self.uow(), clock=self.clock, actor=actor, engine=engine, out=out
        )

    def top(self, *, actor: Actor, limit: int, flagged_only: bool) -> list[MuleScore]:
        """The riskiest accounts of the last scoring run."""
        return list_mule_scores(
            desk=self.desk(),
            uow=self.uow(),
            clock=self.clock,
            actor=actor,
            limit=limit,
            flagged_only=flagged_only,
        )

    def label(self, *, actor: Actor, account: str, is_mule: bool) -> None:
        """An analyst's verdict on an account."""
        label_mule(
            desk=self.desk(),
            uow=self.uow(),
            clock=self.clock,
            actor=actor,
            account=account,
            is_mule=is_mule,
        )

    def train(self, *, actor: Actor, label_files: Sequence[Path] = ()) -> TrainingResult:
        """Train and version a new model from all labels."""
        return train_mules(
            desk=self.desk(),
            uow=self.uow(),
            clock=self.clock,
            actor=actor,
            label_files=label_files,
        )
