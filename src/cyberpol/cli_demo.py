"""`cyberpol demo`: seed realistic synthetic data and demo accounts into the configured database."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from rich.console import Console
from rich.progress import Progress

from cyberpol.bootstrap import Runtime
from cyberpol.domain.access import Role
from cyberpol.services.imports import import_indicators, import_reports
from cyberpol.services.users import create_token, create_user
from cyberpol.synth.reports import synthetic_indicators, synthetic_reports

DEMO_USERS = (
    ("demo-analyst", Role.ANALYST, None),
    ("demo-admin", Role.ADMIN, None),
    ("demo-bank", Role.PARTNER, "Demo Bank JSC"),
)


def _numbered(rows: Iterable[dict[str, object]]) -> Iterator[tuple[int, dict[str, object]]]:
    return enumerate(rows, start=1)


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
            rows=_numbered(synthetic_reports(reports, seed=seed)),
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
    console.print(
        f"Try: curl 'http://{settings.host}:{settings.port}/api/v1/indicators/check"
        "?value=87015551234' "
        f"or open http://{settings.host}:{settings.port}/docs",
        highlight=False,
        markup=False,
    )
