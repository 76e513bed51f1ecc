"""Reports at the console: `cyberpol import reports`."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from cyberpol.kernel.access import CONSOLE
from cyberpol.platform.cli import err, service
from cyberpol.platform.file_import import run_import
from cyberpol.reports.service import ReportService

import_app = typer.Typer()


@import_app.command("reports")
def import_reports(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)],
    source: Annotated[str | None, typer.Option(help="Provenance recorded on the reports.")] = None,
) -> None:
    """Load reports: columns text, category, region, loss_amount, contact, language."""
    load = partial(service(ctx, ReportService).import_reports, actor=CONSOLE)
    run_import(load, files, what="reports", source=source, console=err)
