"""The registry at the console: `cyberpol check` and `cyberpol import indicators`."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from cyberpol.kernel.access import CONSOLE
from cyberpol.kernel.indicators.kinds import IndicatorKind
from cyberpol.platform.cli import err, print_json, service
from cyberpol.platform.file_import import pipelined_map, run_import
from cyberpol.registry.service import RegistryService
from cyberpol.registry.service.checks import CheckResult

app = typer.Typer()
import_app = typer.Typer()


@app.command()
def check(
    ctx: typer.Context,
    values: Annotated[
        list[str], typer.Argument(help="Values as typed: '8 701 555 12 34', links, cards...")
    ],
    kind: Annotated[
        IndicatorKind | None, typer.Option(help="Force the kind instead of guessing it.")
    ] = None,
) -> None:
    """Print verdicts for one or more values as JSON; exits 2 if any value is unrecognisable."""
    results = service(ctx, RegistryService).check_values(values=values, kind=kind)
    print_json([_as_json(r) for r in results])
    if any(r.error for r in results):
        raise typer.Exit(2)


def _as_json(r: CheckResult) -> dict[str, object]:
    found: dict[str, object] = {
        "input": r.input,
        "kind": r.kind.value if r.kind else None,
        "value": r.value,
        "verdict": r.verdict,
        "report_count": r.report_count,
        "first_seen": r.first_seen,
        "last_seen": r.last_seen,
        "categories": list(r.categories),
        "blocks": [{"by": b.by.value, "name": b.name, "since": b.since} for b in r.blocks],
    }
    if r.matched_on:
        found["matched_on"] = {"kind": r.matched_on.kind.value, "value": r.matched_on.value}
    if r.error:
        found["error"] = r.error
    return found


@import_app.command("indicators")
def import_indicators(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)],
    source: Annotated[
        str | None, typer.Option(help="Provenance recorded on new indicators.")
    ] = None,
) -> None:
    """Load known-bad indicators: columns value, kind, status, category, blocked_by, reason."""
    # The worker process parses the next chunk while this one is written.
    load = partial(
        service(ctx, RegistryService).import_indicators, actor=CONSOLE, chunk_map=pipelined_map
    )
    run_import(load, files, what="indicators", source=source, console=err)
