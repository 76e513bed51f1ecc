"""`cyberpol banks ...` and `cyberpol freeze ...`: connect banks, list and expire freeze requests.

The commands act as the server console (audited as ``console``).
"""

from __future__ import annotations

from typing import Annotated

import typer

from cyberpol.freeze.domain.requests import FreezeState
from cyberpol.freeze.ports import FreezeFilter
from cyberpol.freeze.service import FreezeService
from cyberpol.kernel.access import CONSOLE
from cyberpol.platform.cli import print_json, service

banks_app = typer.Typer(help="Banks connected to the freeze-request API.", no_args_is_help=True)
freeze_app = typer.Typer(help="Freeze requests sent to banks.", no_args_is_help=True)


@banks_app.command("create")
def banks_create(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="The bank's BIC, e.g. CASPKZKA.")],
    name: Annotated[str, typer.Argument(help="Display name, e.g. 'Kaspi Bank'.")],
) -> None:
    """Connect a bank so that freeze requests can be sent to it."""
    bank = service(ctx, FreezeService).connect_bank(actor=CONSOLE, code=code, name=name)
    print_json({"code": bank.code, "name": bank.name, "country": bank.country})


@banks_app.command("token")
def banks_token(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="The bank's BIC.")],
    name: Annotated[
        str | None, typer.Option(help="The bank's API user (default: bank-<bic>).")
    ] = None,
    label: Annotated[str | None, typer.Option(help="What the token is for.")] = None,
) -> None:
    """Issue a token for the bank's API user; it is printed once and only its hash is stored."""
    issued = service(ctx, FreezeService).bank_token(
        actor=CONSOLE, code=code, user_name=name, label=label
    )
    print_json(
        {"id": issued.id, "user": issued.user, "prefix": issued.prefix, "token": issued.secret}
    )


@freeze_app.command("list")
def freeze_list(
    ctx: typer.Context,
    case: Annotated[str | None, typer.Option(help="Only this case number.")] = None,
    state: Annotated[FreezeState | None, typer.Option(help="Only requests in this state.")] = None,
    bank: Annotated[str | None, typer.Option(help="Only requests to this BIC.")] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only unanswered requests past their deadline.")
    ] = False,
    limit: Annotated[int, typer.Option(min=1, max=500, help="At most this many.")] = 100,
) -> None:
    """Print freeze requests as JSON, newest first (the read is audited)."""
    freeze = service(ctx, FreezeService)
    now = freeze.clock()
    filters = FreezeFilter(
        state=state,
        case_number=case,
        bank_code=bank.upper() if bank else None,
        overdue_at=now if overdue else None,
        limit=limit,
    )
    page = freeze.list_requests(actor=CONSOLE, filters=filters)
    print_json(
        [
            {
                "id": r.id,
                "case_number": r.case_number,
                "bank": r.bank_code,
                "account": r.account_display,
                "currency": r.currency,
                "requested_amount": r.requested_amount,
                "frozen_amount": r.frozen_amount,
                "state": r.state.value,
                "hop": r.hop,
                "overdue": r.is_overdue(now),
                "sent_at": r.sent_at,
                "answer_due_at": r.answer_due_at,
                "expires_at": r.expires_at,
            }
            for r in page.items
        ]
    )


@freeze_app.command("expire")
def freeze_expire(ctx: typer.Context) -> None:
    """Expire the holds past their 5-working-day deadline; run it from cron every hour."""
    print_json({"expired": service(ctx, FreezeService).expire()})
