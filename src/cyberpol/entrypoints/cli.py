"""The `cyberpol` command line: serve, demo, extract, check, import, db, users, tokens,
banks, freeze."""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.markup import escape

from cyberpol.bootstrap import Runtime, bootstrap
from cyberpol.freeze.cli import banks_app, freeze_app
from cyberpol.kernel import errors
from cyberpol.kernel.access import OPERATOR, Role
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.platform.cli import err, run
from cyberpol.registry import cli as registry_cli
from cyberpol.reports import cli as reports_cli

app = typer.Typer(
    help="CyberPol: fraud-indicator registry, citizen reports, public checks.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
users_app = typer.Typer(help="People and partner organisations.", no_args_is_help=True)
tokens_app = typer.Typer(help="API bearer tokens.", no_args_is_help=True)
import_app = typer.Typer(
    help="Bulk-load CSV or JSON Lines files (resumable).", no_args_is_help=True
)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")
app.add_typer(import_app, name="import")
app.add_typer(registry_cli.app)
import_app.add_typer(registry_cli.import_app)
import_app.add_typer(reports_cli.import_app)


class _LazyRuntime:
    """The runtime, wired on the first command that needs a service (``extract`` never does)."""

    def __init__(self) -> None:
        self._runtime: Runtime | None = None

    def get(self, kind: type[T]) -> T:
        if self._runtime is None:
            self._runtime = bootstrap()
        return self._runtime.service(kind)


@app.callback()
def _root(ctx: typer.Context) -> None:
    ctx.obj = _LazyRuntime()


def main() -> None:
    """The `cyberpol` command: every CyberPol error is one line on stderr and its exit code."""
    run(app)


F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def friendly_errors(command: F) -> F:
    """Turn CyberPol errors into one clear line on stderr and a non-zero exit code."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except errors.CyberPolError as exc:
            message = escape(redact_cards(exc.message))
            err.print(f"[red]error:[/red] {message}", highlight=False, markup=True)
            raise typer.Exit(exc.exit_code) from None
        except ValueError as exc:  # settings validation, e.g. a placeholder secret in production
            errors_of = getattr(exc, "errors", None)
            text = "; ".join(str(e["msg"]) for e in errors_of()) if errors_of else str(exc)
            err.print(f"[red]error:[/red] {escape(text)}", highlight=False)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _runtime():  # type: ignore[no-untyped-def]
    from cyberpol.bootstrap import bootstrap

    return bootstrap()


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


@app.command()
@friendly_errors
def serve(
    host: Annotated[str | None, typer.Option(help="Listen address (CYBERPOL_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (CYBERPOL_PORT).")] = None,
) -> None:
    """Run the HTTP API (OpenAPI at /openapi.json, docs at /docs)."""
    import uvicorn

    from cyberpol.entrypoints.http import create_app

    runtime = _runtime()
    app_instance = create_app(runtime)
    # Long-lived objects (number metadata, suffix lists, caches) go to a permanent generation
    # and young collections run less often: full collections over them were the p99 spikes.
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    # No access log: its request lines carry the checked value (a card number, say).
    uvicorn.run(
        app_instance,
        access_log=False,
        host=host or runtime.settings.host,
        port=port or runtime.settings.port,
        log_level="info",
    )


@app.command()
@friendly_errors
def demo(
    reports: Annotated[int, typer.Option(help="Synthetic reports to seed.")] = 2000,
    indicators: Annotated[int, typer.Option(help="Known-bad indicators to seed.")] = 5000,
    seed: Annotated[int, typer.Option(help="Random seed of the synthetic data.")] = 7,
    transfers: Annotated[
        int, typer.Option(help="Synthetic bank transfers (with planted drops) to seed.")
    ] = 200_000,
    serve_after: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Start the server after seeding.")
    ] = True,
    host: Annotated[str | None, typer.Option(help="Listen address.")] = None,
    port: Annotated[int | None, typer.Option(help="Port.")] = None,
) -> None:
    """Seed realistic synthetic reports and indicators plus demo accounts, then serve."""
    from cyberpol.entrypoints.demo import seed_demo

    runtime = _runtime()
    seed_demo(
        runtime,
        reports=reports,
        indicators=indicators,
        seed=seed,
        transfers=transfers,
        console=err,
    )
    if serve_after:
        serve(host=host, port=port)


@app.command()
@friendly_errors
def extract(
    text: Annotated[
        str | None, typer.Argument(help="Text to scan; read from stdin when omitted.")
    ] = None,
) -> None:
    """Print the indicators found in a text as a JSON array."""
    from cyberpol.kernel.indicators.extract import extract_indicators

    if text is None:
        data = sys.stdin.buffer.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise errors.InvalidInput(f"Input is not valid UTF-8 (byte {exc.start})") from exc
    secret = _runtime_secret()
    found = extract_indicators(text, card_secret=secret, with_attributes=True)
    _print_json(
        [{"kind": i.kind.value, "value": i.value, "attributes": i.attributes} for i in found]
    )


def _runtime_secret() -> bytes:
    from cyberpol.config import Settings

    return Settings().secret_bytes()


transfers_app = typer.Typer(help="Bank transfers for the money trail.", no_args_is_help=True)
app.add_typer(transfers_app, name="transfers")


@transfers_app.command("import")
@friendly_errors
def transfers_import(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)],
    format: Annotated[
        str, typer.Option("--format", help="auto, cyberpol, ibm-aml or amlsim.")
    ] = "auto",
) -> None:
    """Load transfer files (CSV, JSON Lines, Parquet); bad rows are listed with their line."""
    from cyberpol.money_trail.cli import run_transfer_import

    _print_json(run_transfer_import(_runtime(), files, layout=format, console=err))


@app.command()
@friendly_errors
def trace(
    transfer_id: Annotated[str, typer.Argument(help="The victim's transfer.")],
    window: Annotated[str, typer.Option(help="How long money may sit per hop: 72h, 3d…")] = "72h",
    method: Annotated[str, typer.Option(help="fifo or haircut.")] = "fifo",
    threshold: Annotated[
        float | None, typer.Option(help="Stop following smaller pieces (default 1 %).")
    ] = None,
) -> None:
    """Follow a transfer's money forward: accounts, hops, amounts and where it ended."""
    from cyberpol.money_trail.cli import run_trace

    _print_json(
        run_trace(_runtime(), transfer_id, window=window, method=method, threshold=threshold)
    )


from cyberpol.synth.cli import synth_app  # noqa: E402 - registered beside its siblings

app.add_typer(synth_app, name="synth")

mules_app = typer.Typer(help="Drop (money-mule) account detection.", no_args_is_help=True)
app.add_typer(mules_app, name="mules")


@mules_app.command("score")
@friendly_errors
def mules_score(
    out: Annotated[
        Path | None, typer.Option(help="Write every account's score (.csv or .jsonl).")
    ] = None,
    engine: Annotated[str, typer.Option(help="duckdb or spark.")] = "duckdb",
) -> None:
    """Score every account: risk 0-1 with the reasons in words."""
    from cyberpol.mules.cli import run_mule_scoring

    _print_json(run_mule_scoring(_runtime(), engine=engine, out=out, console=err))


@mules_app.command("train")
@friendly_errors
def mules_train(
    labels: Annotated[
        list[Path] | None,
        typer.Option(exists=True, dir_okay=False, help="Files with account, is_mule columns."),
    ] = None,
) -> None:
    """Train a new model version from analysts' verdicts and any label files."""
    from cyberpol.mules.cli import run_mule_training

    _print_json(run_mule_training(_runtime(), labels or [], console=err))


@mules_app.command("label")
@friendly_errors
def mules_label(
    account: Annotated[str, typer.Argument(help="Account key (IBAN, card:… or bank id).")],
    drop: Annotated[bool, typer.Option("--drop/--not-drop", help="The analyst's verdict.")],
) -> None:
    """Record an analyst's verdict on an account; it feeds scoring and retraining."""
    from cyberpol.mules.cli import run_mule_label

    run_mule_label(_runtime(), account, is_mule=drop)
    _print_json({"account": account, "is_mule": drop})


@db_app.command("upgrade")
@friendly_errors
def db_upgrade() -> None:
    """Create or upgrade the schema to the newest migration."""
    runtime = _runtime()
    err.print(f"schema is up to date ({runtime.engine.url.render_as_string(hide_password=True)})")


@users_app.command("create")
@friendly_errors
def users_create(
    name: Annotated[str, typer.Argument(help="Login name, e.g. 'a.nurlanov' or 'halyk-bank'.")],
    role: Annotated[Role, typer.Option(help="analyst, investigator, admin, partner or bank.")],
    organisation: Annotated[
        str | None, typer.Option(help="Required for partners, and for banks (their BIC).")
    ] = None,
) -> None:
    """Create a user; give them a token with `cyberpol tokens create`."""
    from cyberpol.accounts.service import create_user

    user_id = create_user(
        uow=_runtime().uow(), actor=OPERATOR, name=name, role=role, organisation=organisation
    )
    _print_json({"id": user_id, "name": name, "role": role.value, "organisation": organisation})


@tokens_app.command("create")
@friendly_errors
def tokens_create(
    user: Annotated[str, typer.Argument(help="User name.")],
    label: Annotated[str | None, typer.Option(help="What the token is for.")] = None,
) -> None:
    """Issue a bearer token; it is printed once and only its hash is stored."""
    from cyberpol.accounts.service import create_token

    issued = create_token(uow=_runtime().uow(), actor=OPERATOR, user_name=user, label=label)
    _print_json(
        {"id": issued.id, "user": issued.user, "prefix": issued.prefix, "token": issued.secret}
    )


@tokens_app.command("revoke")
@friendly_errors
def tokens_revoke(
    token: Annotated[str, typer.Argument(help="The token, its prefix (cpk_xxxxxx) or its id.")],
) -> None:
    """Revoke a token at once."""
    from cyberpol.accounts.service import revoke_token

    count = revoke_token(uow=_runtime().uow(), actor=OPERATOR, token=token)
    _print_json({"revoked": count})


def _add_sub_app(sub_app: typer.Typer, name: str) -> None:
    """Register a sub-app written in its own module, each command behind friendly_errors."""
    for command in sub_app.registered_commands:
        command.callback = friendly_errors(command.callback)  # type: ignore[arg-type]
    app.add_typer(sub_app, name=name)


_add_sub_app(banks_app, "banks")
_add_sub_app(freeze_app, "freeze")
