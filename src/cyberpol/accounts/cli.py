"""People, partner organisations and their tokens at the console: `cyberpol users|tokens`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from cyberpol.accounts.service import AccountService
from cyberpol.kernel.access import CONSOLE, Role
from cyberpol.kernel.errors import InvalidInput
from cyberpol.platform.cli import print_json, service

users_app = typer.Typer(help="People and partner organisations.", no_args_is_help=True)
tokens_app = typer.Typer(help="API bearer tokens.", no_args_is_help=True)


@users_app.command("create")
def users_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Login name, e.g. 'a.nurlanov' or 'halyk-bank'.")],
    role: Annotated[
        Role,
        typer.Option(help="analyst, investigator, supervisor, prosecutor, admin, partner or bank."),
    ],
    organisation: Annotated[
        str | None, typer.Option(help="Required for partners, and for banks (their BIC).")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read a workspace password from stdin.")
    ] = False,
) -> None:
    """Create a user; give them a token with `cyberpol tokens create`, or a password."""
    accounts = service(ctx, AccountService)
    password = _read_password(password_stdin) if password_stdin else None
    user_id = accounts.create_user(actor=CONSOLE, name=name, role=role, organisation=organisation)
    if password is not None:
        accounts.set_password(actor=CONSOLE, name=name, password=password)
    print_json({"id": user_id, "name": name, "role": role.value, "organisation": organisation})


def _read_password(from_stdin: bool) -> str:
    """The password from stdin (one line, for scripts) or typed twice at a hidden prompt."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise InvalidInput("No password given.")
    return password


@users_app.command("set-password")
def users_set_password(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
) -> None:
    """Set the password a user signs in to the workspace with (asked for, or from stdin)."""
    service(ctx, AccountService).set_password(
        actor=CONSOLE, name=name, password=_read_password(password_stdin)
    )
    print_json({"name": name, "password": "set"})


@users_app.command("set-totp")
def users_set_totp(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="User name.")]
) -> None:
    """Give a user a new second factor; scan the printed link with an authenticator app."""
    uri = service(ctx, AccountService).enable_totp(actor=CONSOLE, name=name)
    print_json({"name": name, "otpauth_uri": uri})


@tokens_app.command("create")
def tokens_create(
    ctx: typer.Context,
    user: Annotated[str, typer.Argument(help="User name.")],
    label: Annotated[str | None, typer.Option(help="What the token is for.")] = None,
) -> None:
    """Issue a bearer token; it is printed once and only its hash is stored."""
    issued = service(ctx, AccountService).create_token(actor=CONSOLE, user_name=user, label=label)
    print_json(
        {"id": issued.id, "user": issued.user, "prefix": issued.prefix, "token": issued.secret}
    )


@tokens_app.command("revoke")
def tokens_revoke(
    ctx: typer.Context,
    token: Annotated[str, typer.Argument(help="The token, its prefix (cpk_xxxxxx) or its id.")],
) -> None:
    """Revoke a token at once."""
    print_json({"revoked": service(ctx, AccountService).revoke_token(actor=CONSOLE, token=token)})
