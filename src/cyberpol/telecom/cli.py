"""`cyberpol operators ...` and `cyberpol calls ...`: connect mobile operators, load their
call records with a progress bar. The commands act as the server console."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import date
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cyberpol.kernel.access import CONSOLE
from cyberpol.kernel.errors import InvalidInput
from cyberpol.platform.cli import err, print_json, service
from cyberpol.platform.files.tables import row_estimate
from cyberpol.telecom.domain.blocks import (
    BlockRequest,
    BlockState,
    BlockTarget,
    BlockTargetKind,
)
from cyberpol.telecom.ports import BlockFilter
from cyberpol.telecom.service import TelecomService

_SHOWN_REJECTS = 20

operators_app = typer.Typer(help="Mobile operators connected to CyberPol.", no_args_is_help=True)
blocks_app = typer.Typer(
    help="Block requests to operators: numbers, SIMs, devices.", no_args_is_help=True
)
calls_app = typer.Typer(help="Call detail records from mobile operators.", no_args_is_help=True)


@operators_app.command("create")
def operators_create(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="The operator's code, e.g. KCELL.")],
    name: Annotated[str, typer.Argument(help="Display name, e.g. 'Kcell JSC'.")],
) -> None:
    """Connect a mobile operator so that it can send call records."""
    operator = service(ctx, TelecomService).connect_operator(actor=CONSOLE, code=code, name=name)
    print_json({"code": operator.code, "name": operator.name})


@operators_app.command("token")
def operators_token(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="The operator's code.")],
    name: Annotated[
        str | None, typer.Option(help="The operator's API user (default: operator-<code>).")
    ] = None,
    label: Annotated[str | None, typer.Option(help="What the token is for.")] = None,
) -> None:
    """Issue a token for the operator's API user; it is printed once and only its hash is kept."""
    issued = service(ctx, TelecomService).operator_token(
        actor=CONSOLE, code=code, user_name=name, label=label
    )
    print_json(
        {"id": issued.id, "user": issued.user, "prefix": issued.prefix, "token": issued.secret}
    )


@operators_app.command("list")
def operators_list(ctx: typer.Context) -> None:
    """The operators connected."""
    found = service(ctx, TelecomService).operators(actor=CONSOLE)
    print_json([{"code": o.code, "name": o.name} for o in found])


@calls_app.command("import")
def calls_import(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)],
    format: Annotated[str, typer.Option("--format", help="auto or cyberpol.")] = "auto",
) -> None:
    """Load call-record files (CSV, JSON Lines, Parquet); each row names its operator. Bad
    rows are listed with their line; a file already loaded adds nothing."""
    telecom = service(ctx, TelecomService)
    summaries: list[dict[str, object]] = []
    rejected = 0
    for path in files:
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeRemainingColumn(), console=err, transient=True,
        ) as progress:  # fmt: skip
            task = progress.add_task(path.name, total=row_estimate(path))
            summary = telecom.import_calls(
                actor=CONSOLE, path=path, requested_format=format,
                progress=partial(progress.advance, task),
            )  # fmt: skip
        err.print(
            f"{path.name}: {summary.rows_loaded} loaded, {summary.duplicates} already there, "
            f"{summary.rejected} rejected", highlight=False, markup=False,
        )  # fmt: skip
        for rejection in summary.rejections[:_SHOWN_REJECTS]:
            err.print(f"  line {rejection.line}: {rejection.reason}", highlight=False, markup=False)
        if summary.rejected > _SHOWN_REJECTS:
            err.print(f"  … and {summary.rejected - _SHOWN_REJECTS} more")
        rejected += summary.rejected
        summaries.append({"file": str(path), "loaded": summary.rows_loaded,
                          "already_there": summary.duplicates, "rejected": summary.rejected,
                          "roaming_changed": summary.roaming_changed})  # fmt: skip
    print_json(summaries)
    if rejected:
        raise InvalidInput(f"{rejected} rows were rejected (listed above); the rest loaded.")


@calls_app.command("protect")
def calls_protect(
    ctx: typer.Context,
    numbers: Annotated[list[str], typer.Argument(help="Numbers that never place calls.")],
    label: Annotated[str, typer.Option(help="Whose they are, e.g. 'Halyk Bank hotline'.")] = "",
) -> None:
    """Put numbers on the do-not-originate list: a call showing one as its caller is spoofed."""
    stored, added = service(ctx, TelecomService).protect(
        actor=CONSOLE, numbers=numbers, label=label
    )
    print_json({"numbers": stored, "added": added})


@calls_app.command("unprotect")
def calls_unprotect(
    ctx: typer.Context,
    numbers: Annotated[list[str], typer.Argument(help="Numbers to take off the list.")],
) -> None:
    """Take numbers off the do-not-originate list."""
    stored, removed = service(ctx, TelecomService).protect(
        actor=CONSOLE, numbers=numbers, protect=False
    )
    print_json({"numbers": stored, "removed": removed})


@calls_app.command("protected")
def calls_protected(ctx: typer.Context) -> None:
    """The do-not-originate list."""
    found = service(ctx, TelecomService).protected_numbers(actor=CONSOLE)
    print_json([{"number": p.number, "label": p.label, "added_by": p.added_by,
                 "added_at": p.added_at.isoformat()} for p in found])  # fmt: skip


simbox_app = typer.Typer(help="SIM-boxes found in the call records.", no_args_is_help=True)


@simbox_app.command("score")
def simbox_score(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option(help="Write every SIM's score here: .csv or .jsonl by the name's end."),
    ] = None,
    engine: Annotated[str, typer.Option(help="duckdb or spark (CYBERPOL_SPARK_MASTER).")] = (
        "duckdb"
    ),
) -> None:
    """Score every SIM in the call store with the SIM-box model; print the run's counts."""
    if out is not None and out.suffix.lower() not in (".csv", ".jsonl"):
        raise InvalidInput(f"--out must end in .csv or .jsonl: {out.name}")
    telecom = service(ctx, TelecomService)
    with err.status(f"Scoring SIMs on {engine}…"):
        run = telecom.score_sims(actor=CONSOLE, engine=engine)
    if out is not None:
        rows = [
            {"number": s.number or "", "imsi": s.imsi, "score": round(s.score, 4),
             "device": s.device,
             "reasons": "; ".join(f"{r.code}={r.value:g}" for r in s.reasons)}
            for s in telecom.sim_scores(actor=CONSOLE, limit=10**9, flagged_only=False)
        ]  # fmt: skip
        write_rows(out, rows)
    print_json({"sims": run.sims, "flagged": run.flagged, "devices": run.devices,
                "model": run.model, "out": str(out) if out else None})  # fmt: skip


@simbox_app.command("train")
def simbox_train(
    ctx: typer.Context,
    labels: Annotated[
        list[Path] | None,
        typer.Option(exists=True, dir_okay=False, help="Files with imsi, is_simbox columns."),
    ] = None,
) -> None:
    """Train a new SIM-box model from analysts' verdicts and any label files; the next
    `simbox score` uses it instead of the shipped one."""
    with err.status("Training the SIM-box model…"):
        result = service(ctx, TelecomService).train_simbox(actor=CONSOLE, label_files=labels or [])
    print_json(asdict(result))


def write_rows(path: Path, rows: Sequence[Mapping[str, object]]) -> None:
    """Rows as CSV (a header of their keys) or JSON Lines, by the file's name."""
    columns = ["number", "imsi", "score", "device", "reasons"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        if path.suffix.lower() == ".jsonl":
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)


@calls_app.command("blocked")
def calls_blocked(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(help="First day, YYYY-MM-DD (Kazakhstan).")] = None,
    until: Annotated[str | None, typer.Option(help="Day after the last, YYYY-MM-DD.")] = None,
) -> None:
    """Calls the verdicts blocked, per day, operator and reason (never anyone's number)."""
    tallies = service(ctx, TelecomService).blocked_calls(
        actor=CONSOLE, since=_day(since, "--since"), until=_day(until, "--until")
    )
    print_json([{"day": t.day.isoformat(), "operator": t.operator, "reason": t.reason.value,
                 "attempts": t.attempts} for t in tallies])  # fmt: skip


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{option} must be a day such as 2026-12-01: {text[:20]!r}") from None


@blocks_app.command("request")
def blocks_request(
    ctx: typer.Context,
    values: Annotated[list[str], typer.Argument(help="Numbers, IMSIs or IMEIs to cut off.")],
    case: Annotated[str, typer.Option("--case", help="The case's ERDR number.")],
    basis: Annotated[str, typer.Option("--basis", help="The legal basis.")],
    kind: Annotated[str, typer.Option(help="number, sim (IMSI) or device (IMEI).")] = "number",
    operator: Annotated[
        str | None, typer.Option(help="The operator; for numbers, whose subscriber it is.")
    ] = None,
) -> None:
    """Ask operators to suspend numbers, SIMs or devices (as the console)."""
    try:
        target_kind = BlockTargetKind(kind)
    except ValueError:
        raise InvalidInput("--kind must be number, sim or device") from None
    sent = service(ctx, TelecomService).request_blocks(
        actor=CONSOLE, case_number=case, legal_basis=basis,
        targets=[BlockTarget(target_kind, v, operator) for v in values],
    )  # fmt: skip
    print_json([_block_row(r) for r in sent])


@blocks_app.command("list")
def blocks_list(
    ctx: typer.Context,
    state: Annotated[str | None, typer.Option(help="sent, acknowledged, suspended...")] = None,
    overdue: Annotated[bool, typer.Option(help="Only those past their deadline.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 50,
) -> None:
    """Block requests, newest first."""
    try:
        wanted = BlockState(state) if state else None
    except ValueError:
        raise InvalidInput(f"--state must be one of {', '.join(BlockState)}") from None
    telecom = service(ctx, TelecomService)
    page = telecom.block_requests(actor=CONSOLE, filters=BlockFilter(
        state=wanted, overdue_at=telecom.clock() if overdue else None, limit=limit,
    ))  # fmt: skip
    print_json([_block_row(r) for r in page.items])


def _block_row(r: BlockRequest) -> dict[str, object]:
    return {"id": r.id, "case": r.case_number, "kind": r.kind.value, "value": r.value,
            "operator": r.operator, "state": r.state.value, "due": r.due_at.isoformat(),
            "holder_numbers": r.holder_numbers, "over_sim_limit": r.over_sim_limit}  # fmt: skip
