"""The file and terminal side of the money trail: transfer imports with progress, traces."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import OPERATOR
from cyberpol.kernel.errors import InvalidInput
from cyberpol.money_trail.domain.attribution import TraceMethod, TraceRequest, parse_window
from cyberpol.money_trail.schemas import trace_public
from cyberpol.money_trail.service import import_transfer_file, trace_money
from cyberpol.platform.files.tables import row_estimate

_SHOWN_REJECTS = 20


def run_transfer_import(
    runtime: Runtime, files: list[Path], *, layout: str, console: Console
) -> list[dict[str, object]]:
    """Load each file with a progress bar; InvalidInput at the end if any row was rejected."""
    exchange = runtime.exchange()
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
            summary = import_transfer_file(
                exchange=exchange,
                uow=runtime.uow(),
                actor=OPERATOR,
                path=path,
                layout=layout,
                on_rows=lambda n, task=task: progress.advance(task, n),
            )
        console.print(
            f"{path.name} ({summary.layout}): {summary.loaded} loaded, "
            f"{summary.unchanged} already there, {summary.skipped} skipped, "
            f"{len(summary.rejected)} rejected"
        )
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
            }
        )
    if rejected_total:
        raise InvalidInput(f"{rejected_total} rows were rejected (listed above); the rest loaded.")
    return summaries


def run_trace(
    runtime: Runtime, transfer_id: str, *, window: str, method: str, threshold: float | None
) -> dict[str, object]:
    """Trace one transfer as the command line's investigator; the JSON the API gives."""
    try:
        chosen = TraceMethod(method)
    except ValueError:
        raise InvalidInput(f"Unknown method {method!r}; use fifo or haircut") from None
    request = TraceRequest(
        transfer_id=transfer_id,
        window=parse_window(window),
        method=chosen,
        threshold=threshold,
    )
    result = trace_money(
        exchange=runtime.exchange(), uow=runtime.uow(), actor=OPERATOR, request=request
    )
    return trace_public(result).model_dump(mode="json", by_alias=True)
