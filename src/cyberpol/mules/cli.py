"""Drop detection at the console: `cyberpol mules score|train|label`."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from cyberpol.kernel.access import CONSOLE
from cyberpol.mules.service import MuleService
from cyberpol.platform.cli import err, print_json, service

mules_app = typer.Typer(help="Drop (money-mule) account detection.", no_args_is_help=True)


@mules_app.command("score")
def mules_score(
    ctx: typer.Context,
    out: Annotated[
        Path | None, typer.Option(help="Write every account's score (.csv or .jsonl).")
    ] = None,
    engine: Annotated[str, typer.Option(help="duckdb or spark.")] = "duckdb",
) -> None:
    """Score every account: risk 0-1 with the reasons in words."""
    with err.status(f"Scoring accounts on {engine}…"):
        summary = service(ctx, MuleService).score(actor=CONSOLE, engine=engine, out=out)
    print_json(asdict(summary))


@mules_app.command("train")
def mules_train(
    ctx: typer.Context,
    labels: Annotated[
        list[Path] | None,
        typer.Option(exists=True, dir_okay=False, help="Files with account, is_mule columns."),
    ] = None,
) -> None:
    """Train a new model version from analysts' verdicts and any label files."""
    with err.status("Training the drop model…"):
        result = service(ctx, MuleService).train(actor=CONSOLE, label_files=labels or [])
    print_json(asdict(result))


@mules_app.command("label")
def mules_label(
    ctx: typer.Context,
    account: Annotated[str, typer.Argument(help="Account key (IBAN, card:… or bank id).")],
    drop: Annotated[bool, typer.Option("--drop/--not-drop", help="The analyst's verdict.")],
) -> None:
    """Record an analyst's verdict on an account; it feeds scoring and retraining."""
    service(ctx, MuleService).label(actor=CONSOLE, account=account, is_mule=drop)
    print_json({"account": account, "is_mule": drop})
