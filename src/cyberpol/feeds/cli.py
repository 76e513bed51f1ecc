"""`cyberpol feeds ...`: subscriptions, building a feed to a file, importing partners' feeds."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from cyberpol.feeds.domain import FeedFormat
from cyberpol.feeds.service import FeedService, ImportItem
from cyberpol.feeds.store.partner_files import read_partner_file
from cyberpol.kernel.access import CONSOLE
from cyberpol.kernel.errors import InvalidInput
from cyberpol.kernel.tlp import Tlp
from cyberpol.platform.cli import err, print_json, service

feeds_app = typer.Typer(
    help="Block lists and indicator feeds for partners; partners' feeds in.",
    no_args_is_help=True,
)
_SHOWN = 20


@feeds_app.command("subscribe")
def subscribe(
    ctx: typer.Context,
    organisation: Annotated[str, typer.Argument(help="The partner's organisation code.")],
    format: Annotated[
        list[FeedFormat], typer.Option("--format", help="A format it takes (repeatable).")
    ],
    tlp: Annotated[Tlp, typer.Option(help="The highest TLP it may receive.")] = Tlp.GREEN,
) -> None:
    """Give a partner organisation feeds, up to a TLP; replaces what it had."""
    made = service(ctx, FeedService).subscribe(actor=CONSOLE, organisation=organisation,
                                               tlp=tlp, formats=format)  # fmt: skip
    print_json({"organisation": made.organisation, "tlp": made.tlp.value,
                "formats": sorted(f.value for f in made.formats)})  # fmt: skip


@feeds_app.command("list")
def subscriptions(ctx: typer.Context) -> None:
    """The subscriptions."""
    print_json([
        {"organisation": s.organisation, "tlp": s.tlp.value,
         "formats": sorted(f.value for f in s.formats)}
        for s in service(ctx, FeedService).subscriptions(actor=CONSOLE)
    ])  # fmt: skip


@feeds_app.command("build")
def build(
    ctx: typer.Context,
    format: Annotated[
        FeedFormat, typer.Argument(help="rpz, hosts, domains, adblock, stix, misp or csv.")
    ],
    out: Annotated[
        Path | None, typer.Option(help="Write here (atomically) instead of stdout.")
    ] = None,
    tlp: Annotated[Tlp, typer.Option(help="Only what may be shared this widely.")] = Tlp.CLEAR,
    since: Annotated[
        datetime | None, typer.Option(help="stix, misp, csv: changes since (ISO 8601, UTC).")
    ] = None,
) -> None:
    """Build one feed, e.g. the RPZ zone file an ISP's resolver or Unbound loads."""
    moment = (
        since.replace(tzinfo=since.tzinfo or datetime.now().astimezone().tzinfo) if since else None
    )
    built = service(ctx, FeedService).feed(actor=CONSOLE, fmt=format, since=moment, tlp=tlp)
    if out is None:
        sys.stdout.buffer.write(built.body)
    else:
        partial = out.with_name(out.name + ".part")
        partial.write_bytes(built.body)
        partial.replace(out)  # a resolver reloading the file never reads half of it
    summary = f"{format.value}: {built.entries} entries, TLP:{tlp.value.upper()}, ETag {built.etag}"
    err.print(summary, highlight=False, markup=False)


@feeds_app.command("import")
def import_feed(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="A STIX bundle, a MISP event, a URLhaus or PhishTank CSV.")
    ],
    partner: Annotated[str, typer.Option(help="Who sent it (kept as the source).")],
    tlp: Annotated[Tlp, typer.Option(help="Marking where the file gives none.")] = Tlp.AMBER,
) -> None:
    """Put a partner's domains and URLs on the monitoring queue, with provenance."""
    parsed = read_partner_file(file)
    result = service(ctx, FeedService).import_items(
        actor=CONSOLE, partner=partner, file_name=file.name, fmt=parsed.format,
        items=[ImportItem(i.kind, i.value, i.tlp, i.ref) for i in parsed.items],
        skipped=parsed.skipped, default_tlp=tlp,
    )  # fmt: skip
    err.print(f"{file.name} ({result.format}): {result.found} found, {result.new} new on the "
              f"queue, {result.already_queued} already there, {result.in_registry} public ones "
              f"in the registry, {len(result.rejected)} skipped",
              highlight=False, markup=False)  # fmt: skip
    for where, why in result.rejected[:_SHOWN]:
        err.print(f"  {where}: {why}", highlight=False, markup=False)
    if len(result.rejected) > _SHOWN:
        err.print(f"  … and {len(result.rejected) - _SHOWN} more")
    print_json({"partner": result.partner, "format": result.format, "found": result.found,
                "new": result.new, "already_queued": result.already_queued,
                "in_registry": result.in_registry, "skipped": len(result.rejected)})  # fmt: skip
    if result.found == 0:
        raise InvalidInput(f"{file.name}: no domain or URL in it")
