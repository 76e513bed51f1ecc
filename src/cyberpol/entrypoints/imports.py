"""The file side of `cyberpol import`: progress bar, rejected rows, resume messages."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.access import OPERATOR
from cyberpol.kernel.errors import InvalidInput
from cyberpol.platform.files.rows import count_rows, file_digest, read_rows
from cyberpol.platform.imports import ImportSummary
from cyberpol.registry.service.imports import import_indicators
from cyberpol.reports.service.imports import import_reports

_SHOWN_REJECTS = 20
T = TypeVar("T")
R = TypeVar("R")


def pipelined_map(function: Callable[[T], R], items: Iterable[T], *, ahead: int = 2) -> Iterator[R]:
    """``map`` in a worker process, in order, with at most ``ahead`` items in flight.

    With two cores the worker parses the next chunk while this process writes the current
    one. The worker is spawned, not forked: this process holds database connections and a
    progress-bar thread.
    """
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        pending: deque[AsyncResult[R]] = deque()
        for item in items:
            pending.append(pool.apply_async(function, (item,)))
            if len(pending) > ahead:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def run_import(
    runtime: Runtime, files: list[Path], *, what: str, source: str | None, console: Console
) -> None:
    """Import each file; raise InvalidInput at the end when any row was rejected (exit 2)."""
    rejected_total = 0
    for path in files:
        summary = _import_file(
            runtime, path, what=what, source=source or path.name, console=console
        )
        rejected_total += len(summary.rejected)
    if rejected_total:
        raise InvalidInput(
            f"{rejected_total} rows were rejected (listed above); the rest were loaded."
        )


def _import_file(
    runtime: Runtime, path: Path, *, what: str, source: str, console: Console
) -> ImportSummary:
    digest = file_digest(path)
    total = count_rows(path)
    unreadable: list[tuple[int, str]] = []

    def rows() -> Iterator[tuple[int, dict[str, object]]]:
        for line, row in read_rows(path):
            if isinstance(row, str):
                unreadable.append((line, row))
                yield line, {}
            else:
                yield line, row

    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(f"{path.name} ({what})", total=total)
        common = {
            "uow": runtime.uow(),
            "actor": OPERATOR,
            "rows": rows(),
            "digest": digest,
            "source": source,
            "card_secret": runtime.card_secret,
            "on_progress": lambda n: progress.advance(task, n),
        }
        if what == "indicators":
            summary = import_indicators(**common, chunk_map=pipelined_map)
        else:
            summary = import_reports(**common, limits=runtime.report_limits)
    # An unreadable line also shows up as a rejected empty row; report the real reason once.
    reasons = dict(summary.rejected) | dict(unreadable)
    summary.rejected = sorted(reasons.items())
    if summary.already_done:
        console.print(f"{path.name}: already imported completely (nothing to do).")
        return summary
    if summary.resumed_after:
        console.print(f"{path.name}: resumed after row {summary.resumed_after}.")
    for line, reason in summary.rejected[:_SHOWN_REJECTS]:
        console.print(f"  line {line}: {reason}", highlight=False, markup=False)
    if len(summary.rejected) > _SHOWN_REJECTS:
        console.print(f"  ... and {len(summary.rejected) - _SHOWN_REJECTS} more rejected rows")
    console.print(f"{path.name}: {summary.loaded} loaded, {len(summary.rejected)} rejected.")
    return summary
