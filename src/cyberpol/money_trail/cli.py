"""The file and terminal side of the money trail: transfer imports with progress, traces."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cyberpol.kernel.access import CONSOLE
from cyberpol.kernel.errors import InvalidInput
from cyberpol.money_trail.domain.attribution import TraceMethod, TraceRequest, parse_window
from cyberpol.money_trail.schemas import trace_public
from cyberpol.money_trail.service import MoneyTrailService
from cyberpol.platform.cli import err, print_json, service
from cyberpol.platform.files.tables import row_estimate

_SHOWN_REJECTS = 20


app = typer.Typer()
transfers_app = typer.Typer(help="Bank transfers for the money trail.", no_args_is_help=True)


@transfers_app.command("import")
def transfers_import(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)],
    format: Annotated[
        str, typer.Option("--format", help="auto, cyberpol, ibm-aml or amlsim.")
    ] = "auto",
) -> None:
    """Load transfer files (CSV, JSON Lines, Parquet); bad rows are listed with their line."""
    print_json(_import_files(service(ctx, MoneyTrailService), files, layout=format, console=err))


@transfers_app.command("reindex")
def transfers_reindex(ctx: typer.Context) -> None:
    """Rebuild the trace index from every transfer now (a running server does it itself).

    New transfers are traced from a small delta at once; the full rebuild otherwise runs in
    the background once the delta grows past 1 % of the index."""
    print_json(service(ctx, MoneyTrailService).reindex(actor=CONSOLE))


@app.command()
def trace(
    ctx: typer.Context,
    transfer_id: Annotated[str, typer.Argument(help="The victim's transfer.")],
    window: Annotated[str, typer.Option(help="How long money may sit per hop: 72h, 3d…")] = "72h",
    method: Annotated[str, typer.Option(help="fifo or haircut.")] = "fifo",
    threshold: Annotated[
        float | None, typer.Option(help="Stop following smaller pieces (default 1 %).")
    ] = None,
) -> None:
    """Follow a transfer's money forward: accounts, hops, amounts and where it ended."""
    try:
        chosen = TraceMethod(method)
    except ValueError:
        raise InvalidInput(f"Unknown method {method!r}; use fifo or haircut") from None
    request = TraceRequest(
        transfer_id=transfer_id, window=parse_window(window), method=chosen, threshold=threshold
    )
    result = service(ctx, MoneyTrailService).trace(actor=CONSOLE, request=request)
    print_json(trace_public(result).model_dump(mode="json", by_alias=True))


def _import_files(
    trail: MoneyTrailService, files: list[Path], *, layout: str, console: Console
) -> list[dict[str, object]]:
    """Load each file with a progress bar; InvalidInput at the end if any row was rejected."""
    summaries = []
    rejected_total = 0
    for path in files:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        ) as progress:
            task = progress.add_task(path.name, total=row_estimate(path))
            summary = trail.import_file(
                actor=CONSOLE,
                path=path,
                layout=layout,
                on_rows=partial(progress.advance, task),
            )
        console.print(
            f"{path.name} ({summary.layout}): {summary.loaded} loaded, "
            f"{summary.unchanged} already there, {summary.skipped} skipped, "
            f"{len(summary.rejected)} rejected"
            + (f", {len(summary.warnings)} with warnings" if summary.warnings else "")
        )
        for line, text in summary.warnings[:_SHOWN_REJECTS]:
            console.print(f"  line {line} (loaded): {text}", highlight=False, markup=False)
        if len(summary.warnings) > _SHOWN_REJECTS:
            console.print(f"  … and {len(summary.warnings) - _SHOWN_REJECTS} more warnings")
        for line, reason in summary.rejected[:_SHOWN_REJECTS]:
            console.print(f"  line {line}: {reason}", highlight=False, markup=False)
        if len(summary.rejected) > _SHOWN_REJECTS:
            console.print(f"  … and {len(summary.rejected) - _SHOWN_REJECTS} more")
        rejected_total += len(summary.rejected)
        summaries.append(
            {
                "file": str(path),
                "format": summary.layout,
                "loaded": summary.loaded,
                "unchanged": summary.unchanged,
                "skipped": summary.skipped,
                "rejected": len(summary.rejected),
                "warnings": len(summary.warnings),
            }
        )
    if rejected_total:
        raise InvalidInput(f"{rejected_total} rows were rejected (listed above); the rest loaded.")
    return summaries
