"""`cyberpol demo`: seed realistic synthetic data and demo accounts into the configured database."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from rich.console import Console
from rich.progress import Progress

from cyberpol.bootstrap import Runtime
from cyberpol.domain.access import Role
from cyberpol.services.imports import import_indicators, import_reports
from cyberpol.services.ports import IndicatorFilter
from cyberpol.services.users import create_token, create_user
from cyberpol.synth.reports import synthetic_indicators, synthetic_reports

DEMO_USERS = (
    ("demo-analyst", Role.ANALYST, None),
    ("demo-admin", Role.ADMIN, None),
    ("demo-bank", Role.PARTNER, "Demo Bank JSC"),
)


def _numbered(rows: Iterable[dict[str, object]]) -> Iterator[tuple[int, dict[str, object]]]:
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


def seed_demo(
    runtime: Runtime, *, reports: int, indicators: int, seed: int, console: Console
) -> None:
    """Load the synthetic data once per (seed, size) and print fresh tokens for the demo users."""
    tag = f"demo:{seed}:{reports}:{indicators}"
    digest = hashlib.sha256(tag.encode()).hexdigest()
    with Progress(console=console) as progress:
        task = progress.add_task("known-bad indicators", total=indicators)
        done = import_indicators(
            uow=runtime.uow(),
            rows=_numbered(synthetic_indicators(indicators, seed=seed)),
            digest=digest,
            source="demo",
            card_secret=runtime.card_secret,
            on_progress=lambda n: progress.advance(task, n),
        )
        task = progress.add_task("citizen reports", total=reports)
        import_reports(
            uow=runtime.uow(),
            rows=_numbered(_spread_over_half_a_year(synthetic_reports(reports, seed=seed), seed)),
            digest=digest,
            source="demo",
            card_secret=runtime.card_secret,
            limits=runtime.report_limits,
            on_progress=lambda n: progress.advance(task, n),
        )
    if done.already_done:
        console.print("Demo data was already loaded.")
    for name, role, organisation in DEMO_USERS:
        uow = runtime.uow()
        with uow:
            exists = uow.users.user_by_name(name) is not None
        if not exists:
            create_user(uow=runtime.uow(), name=name, role=role, organisation=organisation)
        token = create_token(uow=runtime.uow(), user_name=name, label="demo")
        console.print(
            f"{role.value:>8} {name:<13} token: [bold]{token.secret}[/bold]", highlight=False
        )
    settings = runtime.settings
    uow = runtime.uow()
    with uow:
        example = uow.indicators.list(
            IndicatorFilter(kind="phone", status="reported", limit=1)
        ).items
    value = quote(example[0].value) if example else "%2B77015551234"
    console.print(
        f"Try: curl 'http://{settings.host}:{settings.port}/api/v1/indicators/check?value={value}'"
        f"  or open http://{settings.host}:{settings.port}/docs",
        highlight=False,
        markup=False,
    )
