"""`cyberpol synth`: synthetic data sets for demos, tests and benchmarks, written as files."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

if TYPE_CHECKING:  # LightGBM is imported by the commands that train, not by every CLI call
    from cyberpol.platform.boosting import BoostedModel

synth_app = typer.Typer(
    help="Synthetic data sets (transfers with planted fraud) for demos, tests and benchmarks.",
    no_args_is_help=True,
)


def _print_card(model: BoostedModel) -> None:
    """A rebuilt model's card, as JSON on standard output."""
    card = {"version": model.version, "threshold": model.threshold} | model.metrics
    sys.stdout.write(json.dumps(card, indent=2) + "\n")


@synth_app.command("transfers")
def transfers_command(
    out: Annotated[
        Path | None,
        typer.Option(
            help="Directory to write the four Parquet files to [default: <data dir>/synth].",
            file_okay=False,
        ),
    ] = None,
    transfers: Annotated[int, typer.Option(min=0, help="How many transfers to generate.")] = (
        1_000_000
    ),
    seed: Annotated[
        int, typer.Option(min=0, help="Random seed; the same seed, the same files.")
    ] = 1,
    days: Annotated[int, typer.Option(min=1, help="Length of the period in days.")] = 30,
) -> None:
    """Write Kazakh bank transfers with planted fraud and their labels, then print a summary."""
    from cyberpol.config import Settings
    from cyberpol.synth.transfers import generate_transfers

    if out is None:
        # Beside the database and the rest of local state, wherever CYBERPOL_DATA_DIR puts it.
        out = Settings().data_dir / "synth"
    console = Console(stderr=True)
    columns = (
        TextColumn("transfers"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("transfers", total=transfers)
        try:
            summary = generate_transfers(
                out,
                transfers=transfers,
                seed=seed,
                days=days,
                on_progress=lambda written: progress.update(task, completed=written),
            )
        except OSError as exc:  # the directory cannot be created or written to
            raise typer.BadParameter(
                f"cannot write to {str(out)!r}: {exc.strerror or exc}", param_hint="'--out'"
            ) from None
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    fields = dataclasses.asdict(summary)
    sys.stdout.write(json.dumps(fields, indent=2, default=str) + "\n")


@synth_app.command("mule-model")
def mule_model_command(
    out: Annotated[
        Path,
        typer.Option(help="Folder to write the model and its card to.", file_okay=False),
    ] = Path("src/cyberpol/mules/default_model"),
    transfers: Annotated[
        int, typer.Option(min=20_000, help="Synthetic transfers to train on.")
    ] = 300_000,
    seed: Annotated[
        int, typer.Option(min=0, help="Training seed; seed + 1 is the held-out test.")
    ] = 1,
) -> None:
    """Rebuild the drop model CyberPol ships: the same seed and size, the same file."""
    from cyberpol.synth.mule_model import build_default_model

    console = Console(stderr=True)
    with console.status(
        f"Generating {transfers:,} transfers, training, testing on seed {seed + 1}…"
    ):
        model = build_default_model(out, transfers=transfers, seed=seed)
    _print_card(model)


@synth_app.command("simbox-model")
def simbox_model_command(
    out: Annotated[
        Path,
        typer.Option(help="Folder to write the model and its card to.", file_okay=False),
    ] = Path("src/cyberpol/telecom/default_model"),
    records: Annotated[
        int, typer.Option(min=100_000, help="Call records per training week.")
    ] = 300_000,
    seeds: Annotated[int, typer.Option(min=1, help="Training weeks, seeds 1 to N.")] = 8,
    held_out_records: Annotated[
        int, typer.Option(min=100_000, help="Call records per held-out week (seeds 101-104).")
    ] = 1_000_000,
) -> None:
    """Rebuild the SIM-box model CyberPol ships: the same seeds and size, the same file."""
    from cyberpol.synth.simbox_model import build_default_model

    console = Console(stderr=True)
    with console.status(f"Generating {seeds} weeks, training, testing on 4 unseen weeks…"):
        model = build_default_model(
            out, seeds=range(1, seeds + 1), records=records, held_out_records=held_out_records
        )
    _print_card(model)


@synth_app.command("text-model")
def text_model_command(
    out: Annotated[
        Path,
        typer.Option(help="Folder to write the model and its card to.", file_okay=False),
    ] = Path("src/cyberpol/monitoring/text_model"),
    seed: Annotated[
        int, typer.Option(min=0, help="Training seed; seed + 1 draws the held-out families.")
    ] = 1,
    per_family: Annotated[
        int, typer.Option(min=5, max=1_000, help="Generated texts per template family.")
    ] = 60,
    public: Annotated[
        Path | None,
        typer.Option(
            help="Folder with SMSSpamCollection and tg-spam/ [default: ../shared/data/text].",
            file_okay=False,
        ),
    ] = None,
    no_public: Annotated[
        bool, typer.Option("--no-public", help="Train on the generated texts alone.")
    ] = False,
) -> None:
    """Rebuild the scam-text model CyberPol ships: the same seed and files, the same model."""
    from cyberpol.synth.text_model import PUBLIC, build_default_model

    folder = None if no_public else public or PUBLIC
    if folder is not None and not folder.is_dir():
        raise typer.BadParameter(f"no such folder: {str(folder)!r}", param_hint="'--public'")
    console = Console(stderr=True)
    with console.status("Generating texts, training, testing on held-out families…"):
        model = build_default_model(out, seed=seed, per_family=per_family, public=folder)
    card = {"version": model.version, "threshold": model.threshold} | model.card
    sys.stdout.write(json.dumps(card, indent=2, ensure_ascii=False) + "\n")


@synth_app.command("ads")
def ads_command(
    out: Annotated[
        Path, typer.Option(help="Directory for ads.csv and labels.csv.", file_okay=False)
    ],
    ads: Annotated[int, typer.Option(min=100, help="How many ads.")] = 100_000,
    seed: Annotated[int, typer.Option(min=0, help="The same seed, the same files.")] = 1,
) -> None:
    """A marketplace's ads with planted scam rings (reworded texts, retouched photos,
    rotated phones) and labels.csv naming each ad's ring."""
    from cyberpol.synth.ads import generate_ads

    sys.stdout.write(json.dumps(generate_ads(out, ads=ads, seed=seed)) + "\n")


@synth_app.command("calls")
def calls_command(
    out: Annotated[
        Path | None,
        typer.Option(
            help="Directory for calls.parquet and its labels [default: <data dir>/synth].",
            file_okay=False,
        ),
    ] = None,
    records: Annotated[
        int, typer.Option(min=100_000, help="About how many call records to generate.")
    ] = 1_000_000,
    seed: Annotated[
        int, typer.Option(min=0, help="Random seed; the same seed, the same files.")
    ] = 1,
    days: Annotated[int, typer.Option(min=1, max=60, help="Length of the period in days.")] = 7,
) -> None:
    """Write operators' call records with planted SIM-boxes and spoofed calls, and labels."""
    from cyberpol.config import Settings
    from cyberpol.synth.calls import generate_calls

    if out is None:
        out = Settings().data_dir / "synth"
    console = Console(stderr=True)
    columns = (TextColumn("call records"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("calls", total=records)
        try:
            summary = generate_calls(
                out, records=records, seed=seed, days=days,
                on_progress=lambda written: progress.update(task, completed=written),
            )  # fmt: skip
        except OSError as exc:
            raise typer.BadParameter(
                f"cannot write to {str(out)!r}: {exc.strerror or exc}", param_hint="'--out'"
            ) from None
    sys.stdout.write(json.dumps(dataclasses.asdict(summary), indent=2) + "\n")
