"""Use cases of the money trail: banks send transfers, investigators follow the money."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from cyberpol.domain.access import Actor, Permission, Role
from cyberpol.domain.errors import InvalidInput, TooLarge
from cyberpol.domain.freeze import FreezePolicy, FreezeRequest
from cyberpol.domain.freeze_input import FreezeTarget
from cyberpol.domain.money_trail import TraceRequest
from cyberpol.domain.transfers import TransferLoadSummary
from cyberpol.services.audit import record_in_own_transaction
from cyberpol.services.freeze import MAX_TARGETS, issue_freeze_requests
from cyberpol.services.ports import UnitOfWork


class TransferExchange(Protocol):
    def load_file(
        self,
        path: Path,
        *,
        layout: str = "auto",
        own_bank: str | None = None,
        on_rows: Callable[[int], None] | None = None,
    ) -> TransferLoadSummary: ...

    def load_records(
        self, records: Sequence[Mapping[str, object]], *, source: str, own_bank: str | None
    ) -> TransferLoadSummary: ...

    def trace(self, request: TraceRequest) -> dict[str, object]: ...


def _own_bank(actor: Actor) -> str | None:
    if actor.role is Role.BANK:
        if not actor.organisation:
            raise InvalidInput("This bank token has no bank code; ask an admin to reissue it")
        return actor.organisation.upper()
    return None


def import_transfer_file(
    *,
    exchange: TransferExchange,
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    layout: str = "auto",
    on_rows: Callable[[int], None] | None = None,
) -> TransferLoadSummary:
    """Load one bank file; bad rows are listed, good rows kept, repeats change nothing."""
    actor.require(Permission.SUBMIT_TRANSFERS)
    summary = exchange.load_file(path, layout=layout, own_bank=_own_bank(actor), on_rows=on_rows)
    _audit_load(uow, actor, summary)
    return summary


def submit_transfers(
    *,
    exchange: TransferExchange,
    uow: UnitOfWork,
    actor: Actor,
    records: Sequence[Mapping[str, object]],
    max_records: int,
) -> TransferLoadSummary:
    """Transfers a bank sends as they happen, as JSON objects in the exchange format."""
    actor.require(Permission.SUBMIT_TRANSFERS)
    if len(records) > max_records:
        raise TooLarge(f"{len(records)} transfers in one request; send at most {max_records}")
    summary = exchange.load_records(records, source=f"api:{actor.name}", own_bank=_own_bank(actor))
    _audit_load(uow, actor, summary)
    return summary


def trace_money(
    *, exchange: TransferExchange, uow: UnitOfWork, actor: Actor, request: TraceRequest
) -> dict[str, object]:
    """Where a victim's money went; the trace names accounts, so reading it is audited."""
    actor.require(Permission.TRACE_MONEY)
    view = exchange.trace(request)
    record_in_own_transaction(
        uow,
        actor=actor,
        action="transfers.trace",
        object_type="transfer",
        object_id=request.transfer_id or f"account:{request.account}",
        details={"method": request.method.value, "accounts": len(view["accounts"])},  # type: ignore[arg-type]
    )
    return view


def _audit_load(uow: UnitOfWork, actor: Actor, summary: TransferLoadSummary) -> None:
    record_in_own_transaction(
        uow,
        actor=actor,
        action="transfers.import",
        object_type="transfer_file",
        object_id=summary.source,
        details={
            "layout": summary.layout,
            "loaded": summary.loaded,
            "unchanged": summary.unchanged,
            "rejected": len(summary.rejected),
        },
    )


def freeze_from_trace(
    *,
    exchange: TransferExchange,
    uow: UnitOfWork,
    actor: Actor,
    request: TraceRequest,
    case_number: str,
    legal_basis: str,
    now: datetime,
    card_secret: bytes,
    policy: FreezePolicy,
) -> list[FreezeRequest]:
    """Trace a victim's transfer and ask each bank to freeze what is still in its accounts.

    Only money the trace shows as still there can be frozen; what left by cash, crypto or
    abroad is out of reach. Each target names the transfer that brought the money, so
    running this again for the same case issues nothing twice.
    """
    actor.require(Permission.ISSUE_FREEZE_REQUESTS)
    view = trace_money(exchange=exchange, uow=uow, actor=actor, request=request)
    last_in: dict[str, str] = {}
    for edge in view["edges"]:  # type: ignore[union-attr]
        if edge["ended"] is None:
            last_in[edge["to"]] = edge["transfer_id"]
    targets = [
        FreezeTarget(
            account=a["account_key"],
            bank=a["bank"],
            amount=Decimal(str(a["remaining"])),
            hop=a["hop"],
            origin_transfer_id=last_in.get(a["account"], view["transfer_id"]),  # type: ignore[arg-type]
        )
        for a in view["accounts"]  # type: ignore[union-attr]
        if a["ended"] == "still_there"
    ]
    if not targets:
        raise InvalidInput(
            "The trace found no money still in an account; nothing can be frozen. It ended: "
            + ", ".join(f"{k} {v:,.2f}" for k, v in view["totals"].items() if v)  # type: ignore[union-attr]
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
