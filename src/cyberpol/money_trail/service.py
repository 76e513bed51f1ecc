"""Use cases of the money trail: banks send transfers, investigators follow the money."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from cyberpol.kernel.access import Actor, Permission, Role
from cyberpol.kernel.audit import AuditAction, AuditObject, AuditUnitOfWork
from cyberpol.kernel.clock import Clock
from cyberpol.kernel.errors import Conflict, InvalidInput, TooLarge
from cyberpol.money_trail.domain.attribution import TraceRequest
from cyberpol.money_trail.domain.trace import TraceResult
from cyberpol.money_trail.domain.transfers import BIC_PATTERN, TransferLoadSummary
from cyberpol.money_trail.ports import TransferExchange, TransferHandover
from cyberpol.platform.audit import record_in_own_transaction

MAX_TRANSFERS_PER_REQUEST = 10_000


def _own_bank(actor: Actor) -> str | None:
    """The BIC (8 characters) a bank's token speaks for; None for the operator's loads."""
    if actor.role is Role.BANK:
        code = (actor.organisation or "").strip().upper()
        if not re.fullmatch(BIC_PATTERN, code):
            raise InvalidInput("This bank token names no BIC; ask an admin to reissue it")
        return code[:8]
    return None


def import_transfer_file(
    *,
    exchange: TransferExchange,
    uow: AuditUnitOfWork,
    clock: Clock,
    actor: Actor,
    path: Path,
    layout: str = "auto",
    on_rows: Callable[[int], None] | None = None,
) -> TransferLoadSummary:
    """Load one bank file; bad rows are listed, good rows kept, repeats change nothing."""
    actor.require(Permission.SUBMIT_TRANSFERS)
    summary = exchange.load_file(path, layout=layout, own_bank=_own_bank(actor), on_rows=on_rows)
    _audit_load(uow, clock, actor, summary)
    return summary


def submit_transfers(
    *,
    exchange: TransferExchange,
    uow: AuditUnitOfWork,
    clock: Clock,
    actor: Actor,
    records: Sequence[Mapping[str, object]],
    max_records: int,
) -> TransferLoadSummary:
    """Transfers a bank sends as they happen, as JSON objects in the exchange format."""
    actor.require(Permission.SUBMIT_TRANSFERS)
    if len(records) > max_records:
        raise TooLarge(f"{len(records)} transfers in one request; send at most {max_records}")
    summary = exchange.load_records(records, source=f"api:{actor.name}", own_bank=_own_bank(actor))
    _audit_load(uow, clock, actor, summary)
    return summary


def trace_money(
    *,
    exchange: TransferExchange,
    uow: AuditUnitOfWork,
    clock: Clock,
    actor: Actor,
    request: TraceRequest,
) -> TraceResult:
    """Where a victim's money went; the trace names accounts, so reading it is audited."""
    actor.require(Permission.TRACE_MONEY)
    result = exchange.trace(request)
    record_in_own_transaction(
        uow,
        clock=clock,
        actor=actor,
        action=AuditAction.TRANSFERS_TRACE,
        object_type=AuditObject.TRANSFER,
        object_id=request.transfer_id or f"account:{request.account}",
        details={"method": request.method.value, "accounts": len(result.accounts)},
    )
    return result


def _audit_load(
    uow: AuditUnitOfWork, clock: Clock, actor: Actor, summary: TransferLoadSummary
) -> None:
    record_in_own_transaction(
        uow,
        clock=clock,
        actor=actor,
        action=AuditAction.TRANSFERS_IMPORT,
        object_type=AuditObject.TRANSFER_FILE,
        object_id=summary.source,
        details={
            "layout": summary.layout,
            "loaded": summary.loaded,
            "unchanged": summary.unchanged,
            "rejected": len(summary.rejected),
        },
    )


@dataclass(frozen=True, slots=True)
class MoneyTrailService:
    """Transfers in, traces out; the transfer store opens on first use (one process may
    hold it)."""

    exchange: Callable[[], TransferExchange]
    uow: Callable[[], AuditUnitOfWork]
    clock: Clock
    max_records: int = MAX_TRANSFERS_PER_REQUEST
    # Where the operator's files go when another process (a running server) holds the store.
    handover: TransferHandover | None = None

    def import_file(
        self,
        *,
        actor: Actor,
        path: Path,
        layout: str = "auto",
        on_rows: Callable[[int], None] | None = None,
    ) -> TransferLoadSummary:
        """Load one bank file of transfers or account attributes.

        When a running server holds the store, the operator's file is handed to it: it loads
        the file at the console (and audits it) and the summary comes back the same.
        """
        try:
            exchange = self.exchange()
        except Conflict:
            if self.handover is None or _own_bank(actor) is not None:
                raise
            actor.require(Permission.SUBMIT_TRANSFERS)
            return self.handover.import_file(path, layout=layout)
        return import_transfer_file(
            exchange=exchange,
            uow=self.uow(),
            clock=self.clock,
            actor=actor,
            path=path,
            layout=layout,
            on_rows=on_rows,
        )

    def reindex(self, *, actor: Actor) -> dict[str, float]:
        """Rebuild the trace index now (here, or in the running server that holds the store)."""
        actor.require(Permission.SUBMIT_TRANSFERS)
        try:
            exchange = self.exchange()
        except Conflict:
            if self.handover is None or _own_bank(actor) is not None:
                raise
            return self.handover.reindex()
        return exchange.reindex()

    def submit(
        self, *, actor: Actor, records: Sequence[Mapping[str, object]]
    ) -> TransferLoadSummary:
        """Transfers a bank sends as JSON objects."""
        return submit_transfers(
            exchange=self.exchange(),
            uow=self.uow(),
            clock=self.clock,
            actor=actor,
            records=records,
            max_records=self.max_records,
        )

    def trace(self, *, actor: Actor, request: TraceRequest) -> TraceResult:
        """Where a victim's money went."""
        return trace_money(
            exchange=self.exchange(),
            uow=self.uow(),
            clock=self.clock,
            actor=actor,
            request=request,
        )
