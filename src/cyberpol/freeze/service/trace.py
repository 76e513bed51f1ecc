"""Freeze what a trace of a victim's transfer finds still sitting in accounts."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from cyberpol.freeze.domain.requests import FreezePolicy, FreezeRequest
from cyberpol.freeze.domain.targets import FreezeTarget
from cyberpol.freeze.ports import FreezeUnitOfWork
from cyberpol.freeze.service.requests import MAX_TARGETS, issue_freeze_requests
from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.errors import InvalidInput
from cyberpol.money_trail.domain.trace import TraceResult


def freeze_from_trace(
    *,
    uow: FreezeUnitOfWork,
    actor: Actor,
    trace: TraceResult,
    case_number: str,
    legal_basis: str,
    now: datetime,
    card_secret: bytes,
    policy: FreezePolicy,
    accounts: Collection[str] | None = None,
) -> list[FreezeRequest]:
    """Ask each bank to freeze what a trace of a victim's transfer finds still in its accounts.

    Only money the trace shows as still there can be frozen; what left by cash, crypto or
    abroad is out of reach. Each target names the transfer that brought the money, so
    running this again for the same case issues nothing twice. ``accounts`` (keys) limits
    the requests to the accounts an investigator chose on the trace.
    """
    actor.require(Permission.ISSUE_FREEZE_REQUESTS)
    brought_by = trace.last_incoming()
    targets = [
        FreezeTarget(
            account=a.account_key,
            bank=a.bank,
            amount=a.remaining,
            hop=a.hop,
            origin_transfer_id=brought_by[a.account_key],
        )
        for a in trace.still_there()
        # An account no bank holds or names cannot be asked; the trace still shows it.
        if a.bank is not None and (accounts is None or a.account_key in accounts)
    ]
    if not targets:
        unbanked = [a.account for a in trace.still_there() if a.bank is None]
        raise InvalidInput(
            "The trace found no money still in an account a bank holds; nothing can be "
            "frozen here. It ended: "
            + ", ".join(f"{k} {v:,.2f}" for k, v in trace.totals.items() if v)
            + (f"; bank unknown for {', '.join(unbanked[:5])}" if unbanked else "")
        )
    return issue_freeze_requests(
        uow=uow,
        actor=actor,
        case_number=case_number,
        legal_basis=legal_basis,
        targets=targets[:MAX_TARGETS],
        now=now,
        card_secret=card_secret,
        policy=policy,
    )
