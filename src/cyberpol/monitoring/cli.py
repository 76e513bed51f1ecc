"""`cyberpol monitor ...`: score files of domain names against the protected brands."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cyberpol.kernel.access import CONSOLE
from cyberpol.kernel.errors import InvalidInput
from cyberpol.monitoring.domain.texts import TextVerdict
from cyberpol.monitoring.service import MonitoringService, ScannedName
from cyberpol.monitoring.store.domain_files import read_names
from cyberpol.platform.cli import err, print_json, service, stdin_text
from cyberpol.platform.files.csv_export import formula_safe
from cyberpol.platform.files.tables import row_estimate

monitor_app = typer.Typer(
    help="Internet monitoring: lookalike domains, the monitoring queue.", no_args_is_help=True
)
COLUMNS = ("domain", "score", "brand", "flagged", "reasons")


@monitor_app.command("domains")
def domains(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="Domains one a line, or a new-domain / certificate CSV feed.")
    ],
    out: Annotated[
        Path | None, typer.Option(help="Write the CSV here instead of standard output.")
    ] = None,
    flagged_only: Annotated[
        bool, typer.Option("--flagged-only", help="Write only the flagged candidates.")
    ] = False,
    queue: Annotated[
        bool, typer.Option("--queue", help="Put the flagged names on the monitoring queue.")
    ] = False,
) -> None:
    """Score every domain (or URL) in FILE against the protected brands.

    One CSV row per input name: domain, score (0-1), brand (the real domain it imitates),
    flagged, reasons. Names that are no domain are written with the reason 'unreadable'.
    """
    monitoring = service(ctx, MonitoringService)
    names = read_names(file)
    to_queue: list[ScannedName] = []
    scanned = flagged = unreadable = 0
    with _output(out) as handle, Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=err, transient=True, disable=out is None,
    ) as progress:  # fmt: skip
        task = progress.add_task(file.name, total=row_estimate(file))
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for item in monitoring.scan(names):
            scanned += 1
            if scanned % 10_000 == 0:
                progress.update(task, completed=scanned)
            if item.score is None:
                unreadable += 1
                if not flagged_only:
                    writer.writerow([formula_safe(item.text), "0", "", "false", "unreadable"])
                continue
            score = item.score
            flagged += score.flagged
            if queue and score.flagged:
                to_queue.append(item)
            if score.flagged or not flagged_only:
                reasons = ";".join(r.code for r in score.reasons)
                writer.writerow([score.domain, f"{score.score:.4f}", score.brand,
                                 "true" if score.flagged else "false", reasons])  # fmt: skip
    err.print(
        f"{file.name}: {scanned} names, {flagged} flagged, {unreadable} unreadable",
        highlight=False, markup=False,
    )  # fmt: skip
    if queue:
        new = monitoring.queue_flagged(actor=CONSOLE, names=to_queue, source_ref=file.name)
        err.print(f"{new} new on the monitoring queue", highlight=False, markup=False)


@monitor_app.command("sweep")
def sweep(
    ctx: typer.Context,
    since: Annotated[
        datetime | None, typer.Option(help="Only what the registry saw since (ISO 8601, UTC).")
    ] = None,
) -> None:
    """Bring the registry's domains and URLs onto the queue, scored; those confirmed or
    blocked in the registry come in confirmed (so the block lists carry them)."""
    moment = since.replace(tzinfo=since.tzinfo or UTC) if since else None
    summary = service(ctx, MonitoringService).sweep_registry(actor=CONSOLE, since=moment)
    print_json({"seen": summary.seen, "new": summary.new, "confirmed": summary.confirmed})


@monitor_app.command("recheck")
def recheck(
    ctx: typer.Context,
    nameserver: Annotated[
        list[str] | None,
        typer.Option(help="Ask this DNS server (host or host:port; repeatable), not the system's."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="Most resources to check.")] = 1000,
) -> None:
    """Look up every resource whose re-check is due: a site gone on two checks in a row is
    taken down, one back up is confirmed again. Run it from cron, say hourly."""
    from cyberpol.monitoring.store.resolver import DnsResolver  # dnspython: only for this

    monitoring = service(ctx, MonitoringService)
    summary = monitoring.recheck(actor=CONSOLE, resolver=DnsResolver(nameserver), limit=limit)
    print_json({"checked": summary.checked, "still_up": summary.still_up, "down": summary.down,
                "unknown": summary.unknown, "taken_down": summary.taken_down})  # fmt: skip


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        yield handle


ads_app = typer.Typer(help="Marketplace ads: platforms' exports in, scam rings out.",
                      no_args_is_help=True)  # fmt: skip
_SHOWN = 20


@ads_app.command("import")
def ads_import(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="CSV, JSON Lines or Parquet exports.")],
    platform: Annotated[str, typer.Option(help="The platform, where rows do not say.")] = "",
) -> None:
    """Keep platforms' ad exports (ad_id, platform, created_at, title, text, price,
    currency, category, seller_id, seller_phone, ip, device_id, image_hashes; or images:
    photo files beside the export, ';'-joined, hashed here)."""
    monitoring = service(ctx, MonitoringService)
    rejected = 0
    for file in files:
        load = monitoring.import_ads(actor=CONSOLE, path=file, platform=platform)
        if load.already_loaded:
            err.print(f"{file.name}: already loaded", highlight=False, markup=False)
            continue
        err.print(f"{file.name}: {load.loaded} ads kept, {len(load.rejected)} rejected",
                  highlight=False, markup=False)  # fmt: skip
        for line, why in load.rejected[:_SHOWN]:
            err.print(f"  line {line}: {why}", highlight=False, markup=False)
        for line, why in load.unread_photos[:_SHOWN]:
            err.print(f"  line {line}: kept without a photo: {why}", highlight=False,
                      markup=False)  # fmt: skip
        rejected += len(load.rejected)
    if rejected:
        raise InvalidInput(f"{rejected} rows were rejected (listed above); the rest were kept.")


@ads_app.command("rings")
def ads_rings(
    ctx: typer.Context,
    out: Annotated[Path | None, typer.Option(help="Write the CSV here, not to stdout.")] = None,
    days: Annotated[int | None, typer.Option(min=1, max=3650, help="Only the last days.")] = None,
    queue: Annotated[
        bool, typer.Option("--queue", help="Put the rings' ads on the monitoring queue.")
    ] = False,
    sellers: Annotated[
        Path | None,
        typer.Option(help="Also write the platform's warning list: its sellers in rings."),
    ] = None,
) -> None:
    """Scam rings among the ads kept: one row per ad in a ring (ad_id, ring, score, reasons),
    strongest rings first; the summary of each ring on stderr."""
    since = datetime.now(UTC) - timedelta(days=days) if days else None
    rings, rows = service(ctx, MonitoringService).ad_rings(actor=CONSOLE, since=since,
                                                           queue=queue)  # fmt: skip
    with _output(out) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("ad_id", "ring", "score", "reasons"))
        for row in rows:
            reasons = ";".join(r.code for r in row.reasons)
            writer.writerow((formula_safe(row.ad_id), row.ring, f"{row.score:.4f}", reasons))
    if sellers is not None:
        with sellers.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(("platform", "seller_id", "ring", "score", "reasons"))
            for ring in rings:
                reasons = ";".join(r.code for r in ring.reasons)
                for seller in ring.sellers:
                    writer.writerow((ring.platform, formula_safe(seller), ring.ring,
                                     f"{ring.score:.4f}", reasons))  # fmt: skip
    for ring in rings:
        err.print(f"{ring.ring}: {len(ring.ads)} ads by {len(ring.sellers)} sellers, "
                  f"score {ring.score:.2f}", highlight=False, markup=False)  # fmt: skip
    err.print(f"{len(rings)} rings, {len(rows)} ads", highlight=False, markup=False)


texts_app = typer.Typer(help="Scam texts: SMS, ads, messages and reports judged by the model.",
                        no_args_is_help=True)  # fmt: skip
TEXT_COLUMNS = ("line", "language", "scheme", "is_scam", "probability", "top_words", "text")


@texts_app.command("classify")
def texts_classify(
    ctx: typer.Context,
    text: Annotated[
        str | None, typer.Argument(help="One text; read from stdin when neither it nor --file.")
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(help="Texts one a line, or a CSV / JSON Lines / Parquet with a text column."),
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Write the CSV here, not to stdout.")] = None,
) -> None:
    """Say whether each text is a scam, which scheme (marketplace_ad, fake_bank_call, ...,
    or ham) and the words that weighed most; kk, ru and en.

    One text (the argument or stdin) is printed as JSON; a file gives one CSV row per text:
    line, language, scheme, is_scam, probability, top_words, text.
    """
    from cyberpol.monitoring.service.texts import MAX_TEXTS
    from cyberpol.monitoring.store.text_files import read_texts

    if text is not None and file is not None:
        raise InvalidInput("Give a text or --file, not both.")
    monitoring = service(ctx, MonitoringService)
    if file is None:
        if text is None:
            text = stdin_text()
        if not text.strip():
            raise InvalidInput("Nothing to classify: the text is empty.")
        verdict = monitoring.classify_texts(actor=CONSOLE, texts=[text.strip()])[0]
        if out is None:
            print_json(_verdict_json(verdict))
            return
        items: Iterator[tuple[int, str]] = iter([(1, text.strip())])
    else:
        items = read_texts(file)
    judged = scams = 0
    with _output(out) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(TEXT_COLUMNS)
        while chunk := list(islice(items, MAX_TEXTS)):
            verdicts = monitoring.classify_texts(actor=CONSOLE, texts=[t for _, t in chunk])
            for (line, body), v in zip(chunk, verdicts, strict=True):
                words = ";".join(f"{w}:{weight:.3f}" for w, weight in v.top_words)
                writer.writerow((line, v.language, v.scheme, "true" if v.is_scam else "false",
                                 f"{v.probability:.4f}", formula_safe(words),
                                 formula_safe(body)))  # fmt: skip
            judged += len(chunk)
            scams += sum(v.is_scam for v in verdicts)
    if not judged:
        raise InvalidInput(f"{file.name if file else 'the input'}: no texts to classify.")
    err.print(f"{judged} texts, {scams} scams", highlight=False, markup=False)


def _verdict_json(v: TextVerdict) -> dict[str, object]:
    return {"language": v.language, "scheme": v.scheme, "is_scam": v.is_scam,
            "probability": v.probability, "scores": dict(v.scores),
            "top_words": [{"word": w, "weight": weight} for w, weight in v.top_words]}  # fmt: skip
