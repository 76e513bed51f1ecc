"""The command-line side of drop detection: score, train, label."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import OPERATOR
from cyberpol.mules.service import label_mule, score_mules, train_mules


def run_mule_scoring(runtime: Runtime, *, engine: str, out: Path | None, console: Console):  # type: ignore[no-untyped-def]
    """Score all accounts with a spinner; the summary goes to stdout."""
    with console.status(f"Scoring accounts on {engine}…"):
        return score_mules(
            desk=runtime.mules(), uow=runtime.uow(), actor=OPERATOR, engine=engine, out=out
        )


def run_mule_training(runtime: Runtime, labels: list[Path], *, console: Console):  # type: ignore[no-untyped-def]
    with console.status("Training the drop model…"):
        return train_mules(
            desk=runtime.mules(), uow=runtime.uow(), actor=OPERATOR, label_files=labels
        )


def run_mule_label(runtime: Runtime, account: str, *, is_mule: bool) -> None:
    label_mule(
        desk=runtime.mules(),
        uow=runtime.uow(),
        actor=OPERATOR,
        account=account,
        is_mule=is_mule,
    )
