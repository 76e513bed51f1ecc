"""The `cyberpol` command line: the root that assembles every capability's commands.

Capability commands live in their own ``cli.py`` and ask the context for the service they
use; this root wires the runtime on first use and maps CyberPol errors once (in ``run``).
"""

from __future__ import annotations

import gc
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Annotated, TypeVar

import typer

from cyberpol.accounts import cli as accounts_cli
from cyberpol.bootstrap import Runtime, bootstrap, load_settings
from cyberpol.feeds import cli as feeds_cli
from cyberpol.freeze import cli as freeze_cli
from cyberpol.kernel.access import CONSOLE
from cyberpol.kernel.errors import Conflict, InvalidInput
from cyberpol.kernel.indicators.extract import extract_indicators
from cyberpol.money_trail import cli as money_trail_cli
from cyberpol.monitoring import cli as monitoring_cli
from cyberpol.mules import cli as mules_cli
from cyberpol.platform.cli import err, print_json, run, stdin_text
from cyberpol.registry import cli as registry_cli
from cyberpol.reports import cli as reports_cli
from cyberpol.synth.cli import synth_app
from cyberpol.telecom import cli as telecom_cli

T = TypeVar("T")

app = typer.Typer(
    help="CyberPol: fraud-indicator registry, citizen reports, public checks, money trail.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
bot_app = typer.Typer(help="The citizens' Telegram bot.", no_args_is_help=True)
import_app = typer.Typer(
    help="Bulk-load CSV or JSON Lines files (resumable).", no_args_is_help=True
)
import_app.add_typer(registry_cli.import_app)
import_app.add_typer(reports_cli.import_app)
for sub_app, name in (
    (db_app, "db"),
    (bot_app, "bot"),
    (import_app, "import"),
    (accounts_cli.users_app, "users"),
    (accounts_cli.tokens_app, "tokens"),
    (money_trail_cli.transfers_app, "transfers"),
    (mules_cli.mules_app, "mules"),
    (freeze_cli.banks_app, "banks"),
    (freeze_cli.freeze_app, "freeze"),
    (telecom_cli.operators_app, "operators"),
    (telecom_cli.calls_app, "calls"),
    (telecom_cli.simbox_app, "simbox"),
    (telecom_cli.blocks_app, "blocks"),
    (monitoring_cli.monitor_app, "monitor"),
    (monitoring_cli.ads_app, "ads"),
    (monitoring_cli.texts_app, "texts"),
    (feeds_cli.feeds_app, "feeds"),
    (synth_app, "synth"),
):
    app.add_typer(sub_app, name=name)
for commands in (registry_cli.app, money_trail_cli.app):
    app.add_typer(commands)


class _LazyRuntime:
    """The runtime, wired on the first command that needs it (``extract`` never does)."""

    def __init__(self) -> None:
        self._runtime: Runtime | None = None

    def runtime(self) -> Runtime:
        if self._runtime is None:
            self._runtime = bootstrap()
        return self._runtime

    def get(self, kind: type[T]) -> T:
        return self.runtime().service(kind)


@app.callback()
def _root(ctx: typer.Context) -> None:
    ctx.obj = _LazyRuntime()


def _runtime(ctx: typer.Context) -> Runtime:
    found: _LazyRuntime = ctx.find_root().obj
    return found.runtime()


def main() -> None:
    """The `cyberpol` command: every CyberPol error is one line on stderr and its exit code."""
    run(app)


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Listen address (CYBERPOL_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (CYBERPOL_PORT).")] = None,
) -> None:
    """Run the HTTP API (OpenAPI at /openapi.json, docs at /docs)."""
    _serve(_runtime(ctx), host=host, port=port)


def _serve(runtime: Runtime, *, host: str | None, port: int | None) -> None:
    import uvicorn

    from cyberpol.entrypoints.http import create_app
    from cyberpol.entrypoints.server import server_config

    config = server_config(
        create_app(runtime),
        runtime.settings,
        host=host or runtime.settings.host,
        port=port or runtime.settings.port,
    )
    # Long-lived objects (number metadata, suffix lists, caches) go to a permanent generation
    # and young collections run less often: full collections over them were the p99 spikes.
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    with _transfer_inbox(runtime):
        uvicorn.Server(config).run()


def _transfer_inbox(runtime: Runtime) -> AbstractContextManager[None]:
    """Load the files `cyberpol transfers import` hands over while this server holds the
    store (and rebuild the index on `cyberpol transfers reindex`), as the console."""
    from cyberpol.money_trail.store.inbox import TransferInbox

    # Held from the start, so a command run meanwhile hands its work over consistently
    # instead of locking the server out for as long as it runs.
    try:
        runtime.exchange()
    except Conflict as exc:
        err.print(f"[yellow]warning:[/yellow] {exc.message}", highlight=False)
    # The server's own work never goes to the inbox: it would wait for itself.
    trail = replace(runtime.money_trail, handover=None)
    return TransferInbox(runtime.settings.data_dir / "inbox").watching(
        import_file=lambda path, layout: trail.import_file(actor=CONSOLE, path=path, layout=layout),
        reindex=lambda: trail.reindex(actor=CONSOLE),
    )


@app.command()
def demo(
    ctx: typer.Context,
    reports: Annotated[int, typer.Option(help="Synthetic reports to seed.")] = 2000,
    indicators: Annotated[int, typer.Option(help="Known-bad indicators to seed.")] = 5000,
    seed: Annotated[int, typer.Option(help="Random seed of the synthetic data.")] = 7,
    transfers: Annotated[
        int, typer.Option(help="Synthetic bank transfers (with planted drops) to seed.")
    ] = 200_000,
    calls: Annotated[
        int, typer.Option(help="Synthetic call records (with planted SIM-boxes) to seed.")
    ] = 300_000,
    serve_after: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Start the server after seeding.")
    ] = True,
    host: Annotated[str | None, typer.Option(help="Listen address.")] = None,
    port: Annotated[int | None, typer.Option(help="Port.")] = None,
) -> None:
    """Seed realistic synthetic reports and indicators plus demo accounts, then serve."""
    from cyberpol.entrypoints.demo import seed_demo

    runtime = _runtime(ctx)
    seed_demo(
        runtime,
        reports=reports,
        indicators=indicators,
        seed=seed,
        transfers=transfers,
        calls=calls,
        console=err,
        address=f"http://{host or runtime.settings.host}:{port or runtime.settings.port}",
    )
    if serve_after:
        _serve(runtime, host=host, port=port)


@app.command()
def extract(
    text: Annotated[
        str | None, typer.Argument(help="Text to scan; read from stdin when omitted.")
    ] = None,
) -> None:
    """Print the indicators found in a text as a JSON array."""
    if text is None:
        text = stdin_text()
    secret = load_settings().secret_bytes()
    found = extract_indicators(text, card_secret=secret, with_attributes=True)
    print_json(
        [{"kind": i.kind.value, "value": i.value, "attributes": i.attributes} for i in found]
    )


@bot_app.command("run")
def bot_run(ctx: typer.Context) -> None:
    """Run the citizens' Telegram bot by long polling (Ctrl+C stops it)."""
    from cyberpol.entrypoints.bot import build_bot

    application = build_bot(_runtime(ctx))
    err.print(f"bot polling {_runtime(ctx).settings.telegram_api_url}")
    application.run_polling(allowed_updates=["message", "callback_query"])


@bot_app.command("set-webhook")
def bot_set_webhook(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="https://<your server>/telegram/webhook")],
) -> None:
    """Tell Telegram to send updates to the server's webhook (with the secret) instead."""
    import asyncio

    from cyberpol.entrypoints.bot import build_bot

    runtime = _runtime(ctx)
    secret = runtime.settings.telegram_webhook_secret
    if not secret:
        raise InvalidInput("Set CYBERPOL_TELEGRAM_WEBHOOK_SECRET first; the server checks it.")
    application = build_bot(runtime)

    async def register() -> None:
        async with application.bot:
            await application.bot.set_webhook(
                url, secret_token=secret, allowed_updates=["message", "callback_query"]
            )

    asyncio.run(register())
    err.print(f"Telegram will post updates to {url}")


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Create or upgrade the schema to the newest migration."""
    url = _runtime(ctx).engine.url.render_as_string(hide_password=True)
    err.print(f"schema is up to date ({url})")
