"""People, partner organisations and their tokens at the console: `cyberpol users|tokens`."""

from __future__ import annotations

from typing import Annotated

import typer

from cyberpol.accounts.service import AccountService
from cyberpol.kernel.access import OPERATOR, Role
from cyberpol.platform.cli import print_json, service

users_app = typer.Typer(help="People and partner organisations.", no_args_is_help=True)
tokens_app = typer.Typer(help="API bearer tokens.", no_args_is_help=True)


@users_app.command("create")
def users_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Login name, e.g. 'a.nurlanov' or 'halyk-bank'.")],
    role: Annotated[Role, typer.Option(help="analyst, investigator, admin, partner or bank.")],
    organisation: Annotated[
        str | None, typer.Option(help="Required for partners, and for banks (their BIC).")
    ] = None,
) -> None:
    """Create a user; give them a token with `cyberpol tokens create`."""
    user_id = service(ctx, AccountService).create_user(
        actor=OPERATOR, name=name, role=role, organisation=organisation
    )
    print_json({"id": user_id, "name": name, "role": role.value, "organisation": organisation})


@tokens_app.command("create")
def tokens_create(
    ctx: typer.Context,
    user: Annotated[str, typer.Argument(help="User name.")],
    label: Annotated[str | None, typer.Option(help="What the token is for.")] = None,
) -> None:
    """Issue a bearer token; it is printed once and only its hash is stored."""
    issued = service(ctx, AccountService).create_token(actor=OPERATOR, user_name=user, label=label)
    print_json(
        {"id": issued.id, "user": issued.user, "prefix": issued.prefix, "token": issued.secret}
    )


@tokens_app.command("revoke")
def tokens_revoke(
    ctx: typer.Context,
    token: Annotated[str, typer.Argument(help="The token, its prefix (cpk_xxxxxx) or its id.")],
) -> None:
    """Revoke a token at once."""
    print_json({"revoked": service(ctx, AccountService).revoke_token(actor=OPERATOR, token=token)})
