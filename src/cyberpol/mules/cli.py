"""The command-line side of drop detection: score, train, label."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from rich.console import Console

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import OPERATOR
from cyberpol.mules.service import label_mule, score_mules, train_mules


def run_mule_scoring(
    runtime: Runtime, *, engine: str, out: Path | None, console: Console
) -> dict[str, object]:
    """Score all accounts with a spinner; the summary, for stdout."""
    with console.status(f"Scoring accounts on {engine}…"):
        summary = score_mules(
            desk=runtime.mules(), uow=runtime.uow(), actor=OPERATOR, engine=engine, out=out
        )
    return asdict(summary)


def run_mule_training(
    runtime: Runtime, labels: list[Path], *, console: Console
) -> dict[str, object]:
    """Train a new model version with a spinner; its card, for stdout."""
    with console.status("Training the drop model…"):
        result = train_mules(
            desk=runtime.mules(), uow=runtime.uow(), actor=OPERATOR, label_files=labels
        )
    return asdict(result)


def run_mule_label(runtime: Runtime, account: str, *, is_mule: bool) -> None:
    """Record an analyst's verdict given on the command line."""
    label_mule(
        desk=runtime.mules(),
        uow=runtime.uow(),
        actor=OPERATOR,
        account=account,
        is_mule=is_mule,
    )
