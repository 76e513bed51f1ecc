"""`cyberpol demo`: seed realistic synthetic data and demo accounts into the configured database."""

from __future__ import annotations

import hashlib
import random
import secrets
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pyarrow.parquet as pq
from rich.console import Console
from rich.progress import Progress

from cyberpol.bootstrap import Runtime
from cyberpol.feeds.domain import FeedFormat
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.errors import Conflict, CyberPolError
from cyberpol.kernel.tlp import Tlp
from cyberpol.monitoring.domain.resources import ResourceState
from cyberpol.monitoring.domain.takedowns import Party
from cyberpol.monitoring.ports import ResourceFilter
from cyberpol.registry.ports import IndicatorFilter
from cyberpol.synth.calls import generate_calls
from cyberpol.synth.cases import seed_cases
from cyberpol.synth.domains import draw_host
from cyberpol.synth.freezes import seed_freezes
from cyberpol.synth.reports import synthetic_indicators, synthetic_reports
from cyberpol.synth.transfers import generate_transfers
from cyberpol.telecom.domain.blocks import BlockTarget, BlockTargetKind

DEMO_USERS = (
    ("demo-analyst", Role.ANALYST, None),
    ("demo-admin", Role.ADMIN, None),
    ("demo-bank", Role.PARTNER, "Demo Bank JSC"),
    ("demo-investigator", Role.INVESTIGATOR, None),
    ("demo-kaspi", Role.BANK, "CASPKZKA"),
    ("demo-supervisor", Role.SUPERVISOR, None),
    ("demo-prosecutor", Role.PROSECUTOR, None),
    ("demo-kcell", Role.OPERATOR, "KCELL"),
    ("demo-isp", Role.PARTNER, "KAZTELECOM"),
    # The marketplace whose ads the demo loads: it reads warnings on its own sellers.
    ("demo-olx", Role.PARTNER, "olx.kz"),
)
# The workspace's people, who sign in with a password rather than a token.
WORKSPACE_ROLES = (Role.ANALYST, Role.INVESTIGATOR, Role.SUPERVISOR, Role.PROSECUTOR)
DEMO_BANKS = (("CASPKZKA", "Kaspi Bank"), ("HSBKKZKX", "Halyk Bank"), ("IRTYKZKA", "ForteBank"))
DEMO_OPERATORS = (("KCELL", "Kcell JSC"), ("BEELINE", "Beeline Kazakhstan"),
                  ("TELE2", "Tele2 Kazakhstan"), ("ALTEL", "Altel JSC"))  # fmt: skip


def _numbered(rows: Iterable[Mapping[str, object]]) -> Iterator[tuple[int, Mapping[str, object]]]:
    return enumerate(rows, start=1)


def _spread_over_half_a_year(
    rows: Iterable[dict[str, object]], seed: int
) -> Iterator[dict[str, object]]:
    """Give each synthetic report a time in the last 180 days, so the registry has a history."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    for row in rows:
        yield {
            **row,
            "reported_at": (now - timedelta(seconds=rng.uniform(0, 180 * 86400))).isoformat(),
        }


def _seed_transfers(runtime: Runtime, *, transfers: int, seed: int, console: Console) -> list[str]:
    """Synthetic bank transfers with planted drops, loaded and scored; victims' transfer ids."""
    if transfers <= 0:
        return []
    folder = runtime.settings.data_dir / f"synth-demo-{seed}-{transfers}"
    if not (folder / "transfer_labels.parquet").exists():
        with console.status(f"Generating {transfers:,} bank transfers…"):
            generate_transfers(folder, transfers=transfers, seed=seed)
    with console.status("Loading transfers and scoring accounts…"):
        for name in ("transfers.parquet", "accounts.parquet"):
            runtime.money_trail.import_file(actor=CONSOLE, path=folder / name)
        runtime.mules.score(actor=CONSOLE, engine="duckdb")
    labels = pq.read_table(folder / "transfer_labels.parquet", columns=["transfer_id", "pattern"])
    fraud = [t for t, p in zip(*labels.to_pydict().values(), strict=True) if p][:80]
    return fraud


def _seed_calls(runtime: Runtime, *, records: int, seed: int, console: Console) -> None:
    """A week of the operators' call records with planted SIM-boxes, loaded and scored, and
    the largest box's first numbers asked to be suspended."""
    for code, name in DEMO_OPERATORS:
        with suppress(Conflict):
            runtime.telecom.connect_operator(actor=CONSOLE, code=code, name=name)
    if records <= 0:
        return
    folder = runtime.settings.data_dir / f"synth-calls-{seed}-{records}"
    if not (folder / "sim_labels.parquet").exists():
        with console.status(f"Generating {records:,} call records…"):
            generate_calls(folder, records=records, seed=seed)
    with console.status("Loading call records and scoring SIMs…"):
        runtime.telecom.import_calls(actor=CONSOLE, path=folder / "calls.parquet")
        runtime.telecom.score_sims(actor=CONSOLE)
    boxes = runtime.telecom.simbox_devices(actor=CONSOLE)
    if boxes:
        targets = [BlockTarget(BlockTargetKind.NUMBER, n) for n in boxes[0].numbers[:3]]
        with suppress(Conflict):  # asked by an earlier demo run
            runtime.telecom.request_blocks(
                actor=CONSOLE, case_number="261500031000001",
                legal_basis="Постановление следователя о приостановлении номеров",
                targets=targets,
            )  # fmt: skip


# Ordinary sites a certificate feed carries beside the lookalikes.
_ORDINARY_SITES = (
    "tengrinews.kz", "krisha-remont.kz", "kaspiy-tour.kz", "halyk-gazeti.kz", "nur.kz",
    "kolesa-shinomontazh.kz", "bereke-market.kz", "astana-hub.kz", "almaty-med.kz",
    "forte-piano.kz", "shop.kz", "zakon.kz",
)  # fmt: skip


def _seed_monitoring(runtime: Runtime, *, seed: int, console: Console) -> None:
    """A day's certificate feed scanned onto the monitoring queue; a few sites confirmed
    and asked to be blocked; the demo ISP subscribed to the block lists."""
    rng = random.Random(seed)
    names = [draw_host(rng) for _ in range(60)] + list(_ORDINARY_SITES)
    rng.shuffle(names)
    monitoring = runtime.monitoring
    scanned = list(monitoring.scan(enumerate(names, start=1)))
    queued = monitoring.queue_flagged(actor=CONSOLE, names=scanned, source_ref="ct-demo.csv")
    new = monitoring.resources(actor=CONSOLE, filters=ResourceFilter(
        states=(ResourceState.NEW,)), limit=12).items  # fmt: skip
    for n, resource in enumerate(new):
        with suppress(CyberPolError):  # moved by an earlier demo run
            monitoring.move(actor=CONSOLE, resource_id=resource.id, state=ResourceState.CONFIRMED)
            if n < 4:
                monitoring.request_block(actor=CONSOLE, resource_id=resource.id,
                                         party=Party.CERT, addressee="KZ-CERT")  # fmt: skip
    block_lists = [FeedFormat.RPZ, FeedFormat.HOSTS, FeedFormat.DOMAINS]
    runtime.feeds.subscribe(actor=CONSOLE, organisation="KAZTELECOM", tlp=Tlp.CLEAR,
                            formats=block_lists)  # fmt: skip
    console.print(f"Demo lookalike sites on the monitoring queue: {queued}", highlight=False)
    _seed_ads(runtime, seed=seed, console=console)


def _seed_ads(runtime: Runtime, *, seed: int, console: Console) -> None:
    """A marketplace's export of 20,000 ads with planted rings, for /monitoring/ads (the
    same export again is kept once, so a second demo run adds nothing)."""
    from cyberpol.synth.ads import generate_ads

    with tempfile.TemporaryDirectory() as folder:
        generate_ads(Path(folder), ads=20_000, seed=seed)
        load = runtime.monitoring.import_ads(actor=CONSOLE, path=Path(folder) / "ads.csv",
                                             platform="olx.kz")  # fmt: skip
    rings, _rows = runtime.monitoring.ad_rings(actor=CONSOLE)
    kept = "already loaded" if load.already_loaded else f"{load.loaded} kept"
    console.print(f"Demo marketplace ads: {kept}, {len(rings)} rings among them",
                  highlight=False)  # fmt: skip


def seed_demo(
    runtime: Runtime,
    *,
    reports: int,
    indicators: int,
    seed: int,
    console: Console,
    transfers: int = 200_000,
    calls: int = 300_000,
    address: str | None = None,
) -> None:
    """Load the synthetic data once per (seed, size) and print fresh tokens for the demo users."""
    tag = f"demo:{seed}:{reports}:{indicators}"
    digest = hashlib.sha256(tag.encode()).hexdigest()
    with Progress(console=console) as progress:
        task = progress.add_task("known-bad indicators", total=indicators)
        done = runtime.registry.import_indicators(
            actor=CONSOLE,
            rows=_numbered(synthetic_indicators(indicators, seed=seed)),
            digest=digest,
            source="demo",
            on_progress=lambda n: progress.advance(task, n),
        )
        task = progress.add_task("citizen reports", total=reports)
        runtime.reports.import_reports(
            actor=CONSOLE,
            rows=_numbered(_spread_over_half_a_year(synthetic_reports(reports, seed=seed), seed)),
            digest=digest,
            source="demo",
            on_progress=lambda n: progress.advance(task, n),
        )
    if done.already_done:
        console.print("Demo data was already loaded.")
    elif reports:
        opened = seed_cases(runtime.cases, runtime.reports, CONSOLE, count=36, seed=seed)
        console.print(f"Demo cases opened from the reports: {opened}", highlight=False)
    for code, name in DEMO_BANKS:
        with suppress(Conflict):
            runtime.freeze.connect_bank(actor=CONSOLE, code=code, name=name)
    victims = _seed_transfers(runtime, transfers=transfers, seed=seed, console=console)
    if victims and reports and not done.already_done:
        with console.status("Tracing victims' transfers and sending freeze requests…"):
            sent = seed_freezes(runtime.cases, runtime.freeze, CONSOLE, victims, seed=seed)
        console.print(f"Demo freeze requests sent from traces: {sent}", highlight=False)
    _seed_calls(runtime, records=calls, seed=seed, console=console)
    _seed_monitoring(runtime, seed=seed, console=console)
    # The server opens the store again in this process; one owner at a time.
    runtime.close_exchange()
    example_transfer = victims[0] if victims else None
    for name, role, organisation in DEMO_USERS:
        with suppress(Conflict):  # made by an earlier demo run
            runtime.accounts.create_user(
                actor=CONSOLE, name=name, role=role, organisation=organisation
            )
        token = runtime.accounts.create_token(actor=CONSOLE, user_name=name, label="demo")
        console.print(
            f"{role.value:>12} {name:<17} token: [bold]{token.secret}[/bold]", highlight=False
        )
        if role in WORKSPACE_ROLES:
            password = secrets.token_urlsafe(12)
            runtime.accounts.set_password(actor=CONSOLE, name=name, password=password)
            console.print(f"{'':>12} {'':<17} password: [bold]{password}[/bold]", highlight=False)
    settings = runtime.settings
    site = address or f"http://{settings.host}:{settings.port}"
    example = runtime.registry.list_indicators(
        actor=CONSOLE, filters=IndicatorFilter(kind="phone", status="reported", limit=1)
    ).items
    value = quote(example[0].value) if example else "%2B77015551234"
    if example_transfer:
        console.print(
            f"Follow a victim's money: cyberpol trace {example_transfer}  (or GET "
            f"/api/v1/transfers/{example_transfer}/trace with the investigator's token)",
            highlight=False,
            markup=False,
        )
    console.print(
        f"Citizens' pages: {site}/  Workspace: {site}/login  API documentation: {site}/docs\n"
        f"Try: curl '{site}/api/v1/indicators/check?value={value}'",
        highlight=False,
        markup=False,
    )
    if settings.telegram_token:
        console.print("The Telegram bot runs inside the server.", highlight=False)
