"""Banks, freeze requests, the money they follow and their events, on SQLite or PostgreSQL."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, func, select, update
from sqlalchemy.exc import IntegrityError

from cyberpol.freeze.domain.banks import Bank
from cyberpol.freeze.domain.requests import (
    HOLDING_STATES,
    OPEN_STATES,
    ExitKind,
    FreezeAction,
    FreezeEvent,
    FreezeRequest,
    FreezeTransfer,
    Inflow,
)
from cyberpol.freeze.ports import FreezeFilter
from cyberpol.freeze.store.figures import freeze_figures
from cyberpol.freeze.store.rows import (
    bank_from_row,
    freeze_event_from_row,
    freeze_request_from_row,
    freeze_transfer_from_row,
)
from cyberpol.freeze.tables import banks, freeze_events, freeze_requests, freeze_transfers
from cyberpol.kernel.errors import Conflict
from cyberpol.kernel.figures import FigureFilter, Tally
from cyberpol.kernel.pages import Page
from cyberpol.platform.db.sql import inserted_id, utc

_OPEN = [s.value for s in OPEN_STATES]


def open_key(case_number: str, bank_code: str, account_key: str, currency: str) -> str:
    """What at most one open request may share: the case, the bank, the account, the currency."""
    basis = "\x1f".join((case_number, bank_code, account_key, currency))
    return hashlib.sha256(basis.encode()).hexdigest()


def _mutable_columns(r: FreezeRequest) -> dict[str, object]:
    return {
        "requested_amount": r.requested_amount,
        "frozen_amount": r.frozen_amount,
        "onward_amount": r.onward_amount,
        "returned_amount": r.returned_amount,
        "hop": r.hop,
        "state": r.state.value,
        "open_key": (
            open_key(r.case_number, r.bank_code, r.account_key, r.currency)
            if r.state in OPEN_STATES
            else None
        ),
        "acknowledged_at": r.acknowledged_at,
        "answered_at": r.answered_at,
        "expires_at": r.expires_at,
        "closed_at": r.closed_at,
        "rejection_reason": r.rejection_reason,
        "release_note": r.release_note,
    }


class SqlBankRepository:
    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def add(self, bank: Bank) -> None:
        self._db.execute(
            banks.insert().values(code=bank.code, name=bank.name, created_at=bank.created_at)
        )

    def get(self, code: str) -> Bank | None:
        row = self._db.execute(select(banks).where(banks.c.code == code)).first()
        return bank_from_row(row) if row else None

    def connected(self, codes: Iterable[str]) -> frozenset[str]:
        wanted = sorted(set(codes))
        if not wanted:
            return frozenset()
        rows = self._db.execute(select(banks.c.code).where(banks.c.code.in_(wanted)))
        return frozenset(row.code for row in rows)


class SqlFreezeRepository:
    """FreezeRepository over one connection; the unit of work owns the transaction."""

    def __init__(self, connection: Connection) -> None:
        self._db = connection

    def figures(self, filters: FigureFilter) -> list[Tally]:
        return freeze_figures(self._db, filters)

    def add(self, request: FreezeRequest) -> int:
        statement = freeze_requests.insert().values(
            case_number=request.case_number,
            bank_code=request.bank_code,
            account_key=request.account_key,
            account_display=request.account_display,
            currency=request.currency,
            parent_request_id=request.parent_request_id,
            legal_basis=request.legal_basis,
            version=request.version,
            issued_by=request.issued_by,
            sent_at=request.sent_at,
            answer_due_at=request.answer_due_at,
            **_mutable_columns(request),
        )
        try:
            with self._db.begin_nested():
                result = self._db.execute(statement)
        except IntegrityError as exc:
            raise Conflict(
                f"Another request for account {request.account_display} at "
                f"{request.bank_code} was opened at the same moment; send this again."
            ) from exc
        return inserted_id(result)

    def get(self, request_id: int) -> FreezeRequest | None:
        row = self._db.execute(
            select(freeze_requests).where(freeze_requests.c.id == request_id)
        ).first()
        return freeze_request_from_row(row) if row else None

    def find_open(
        self, *, case_number: str, bank_code: str, account_key: str, currency: str
    ) -> FreezeRequest | None:
        key = open_key(case_number, bank_code, account_key, currency)
        row = self._db.execute(
            select(freeze_requests).where(freeze_requests.c.open_key == key)
        ).first()
        return freeze_request_from_row(row) if row else None

    def update(self, request: FreezeRequest) -> bool:
        c = freeze_requests.c
        result = self._db.execute(
            update(freeze_requests)
            .where(c.id == request.id, c.version == request.version)
            .values(version=request.version + 1, **_mutable_columns(request))
        )
        return result.rowcount == 1

    def search(self, filters: FreezeFilter) -> Page[FreezeRequest]:
        c = freeze_requests.c
        conditions = []
        if filters.state:
            conditions.append(c.state == filters.state)
        if filters.case_number:
            conditions.append(c.case_number == filters.case_number)
        if filters.bank_code:
            conditions.append(c.bank_code == filters.bank_code)
        if filters.overdue_at:
            conditions += [c.state.in_(_OPEN), c.answer_due_at < utc(filters.overdue_at)]
        total = self._db.execute(
            select(func.count()).select_from(freeze_requests).where(*conditions)
        ).scalar_one()
        rows = self._db.execute(
            select(freeze_requests)
            .where(*conditions)
            .order_by(c.sent_at.desc(), c.id.desc())
            .limit(filters.limit)
            .offset(filters.offset)
        )
        items = [freeze_request_from_row(r) for r in rows]
        return Page(items, total, filters.limit, filters.offset)

    def case_requests(self, case_number: str) -> list[FreezeRequest]:
        rows = self._db.execute(
            select(freeze_requests)
            .where(freeze_requests.c.case_number == case_number)
            .order_by(freeze_requests.c.id)
        )
        return [freeze_request_from_row(r) for r in rows]

    def due_for_expiry(self, now: datetime) -> list[FreezeRequest]:
        c = freeze_requests.c
        rows = self._db.execute(
            select(freeze_requests)
            .where(c.state.in_([s.value for s in HOLDING_STATES]), c.expires_at <= utc(now))
            .order_by(c.id)
        )
        return [freeze_request_from_row(r) for r in rows]

    def add_event(self, event: FreezeEvent) -> None:
        self._db.execute(
            freeze_events.insert().values(
                request_id=event.request_id,
                at=event.at,
                actor=event.actor,
                action=event.action.value,
                from_state=event.from_state.value if event.from_state else None,
                to_state=event.to_state.value,
                details=dict(event.details),
                idempotency_key=event.idempotency_key,
                digest=event.digest,
            )
        )

    def events(self, request_id: int) -> list[FreezeEvent]:
        rows = self._db.execute(
            select(freeze_events)
            .where(freeze_events.c.request_id == request_id)
            .order_by(freeze_events.c.id)
        )
        return [freeze_event_from_row(r) for r in rows]

    def find_event(
        self, request_id: int, *, action: FreezeAction, idempotency_key: str | None = None
    ) -> FreezeEvent | None:
        c = freeze_events.c
        query = select(freeze_events).where(c.request_id == request_id, c.action == action.value)
        if idempotency_key is not None:
            query = query.where(c.idempotency_key == idempotency_key)
        row = self._db.execute(query.order_by(c.id.desc()).limit(1)).first()
        return freeze_event_from_row(row) if row else None

    def add_transfer(
        self,
        *,
        case_number: str,
        inflow: Inflow,
        from_request_id: int | None,
        from_bank: str | None,
        next_request_id: int | None,
        exit_kind: ExitKind | None,
        recorded_at: datetime,
    ) -> int:
        result = self._db.execute(
            freeze_transfers.insert().values(
                case_number=case_number,
                from_request_id=from_request_id,
                from_bank=from_bank,
                amount=inflow.amount,
                currency=inflow.currency,
                hop=inflow.hop,
                to_account_key=inflow.account_key,
                to_account_display=inflow.account_display,
                to_bank=inflow.bank_code,
                channel=inflow.channel.value if inflow.channel else None,
                moved_at=inflow.moved_at,
                bank_reference=inflow.reference,
                origin_transfer_id=inflow.origin_transfer_id,
                next_request_id=next_request_id,
                exit_kind=exit_kind.value if exit_kind else None,
                recorded_at=recorded_at,
            )
        )
        return inserted_id(result)

    def transfer_by_origin(
        self, case_number: str, origin_transfer_id: str
    ) -> FreezeTransfer | None:
        c = freeze_transfers.c
        row = self._db.execute(
            select(freeze_transfers).where(
                c.case_number == case_number, c.origin_transfer_id == origin_transfer_id
            )
        ).first()
        return freeze_transfer_from_row(row) if row else None

    def transfers(
        self,
        *,
        case_number: str | None = None,
        from_request_id: int | None = None,
        next_request_id: int | None = None,
    ) -> list[FreezeTransfer]:
        c = freeze_transfers.c
        conditions = []
        if case_number is not None:
            conditions.append(c.case_number == case_number)
        if from_request_id is not None:
            conditions.append(c.from_request_id == from_request_id)
        if next_request_id is not None:
            conditions.append(c.next_request_id == next_request_id)
        if not conditions:
            raise ValueError("transfers() needs a case, a from_request_id or a next_request_id")
        rows = self._db.execute(select(freeze_transfers).where(*conditions).order_by(c.id))
        return [freeze_transfer_from_row(r) for r in rows]
