"""The narrow interfaces the freeze use cases need; the store implements them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from cyberpol.accounts.ports import AccountsUnitOfWork
from cyberpol.freeze.domain.banks import Bank
from cyberpol.freeze.domain.requests import (
    ExitKind,
    FreezeAction,
    FreezeEvent,
    FreezeRequest,
    FreezeTransfer,
    Inflow,
)
from cyberpol.kernel.figures import FigureFilter, Tally
from cyberpol.kernel.pages import Page


@dataclass(frozen=True, slots=True)
class FreezeFilter:
    state: str | None = None
    case_number: str | None = None
    bank_code: str | None = None
    overdue_at: datetime | None = None  # only requests still unanswered after their due time
    limit: int = 50
    offset: int = 0


class BankRepository(Protocol):
    def add(self, bank: Bank) -> None: ...

    def get(self, code: str) -> Bank | None: ...

    def connected(self, codes: Iterable[str]) -> frozenset[str]:
        """Those of ``codes`` that are banks connected to CyberPol."""
        ...


class FreezeRepository(Protocol):
    def figures(self, filters: FigureFilter) -> list[Tally]:
        """Accounts requested and frozen, money frozen and returned, by month and case."""
        ...

    def add(self, request: FreezeRequest) -> int:
        """Store a new request (its ``id`` is ignored) and return the id it got; Conflict
        when the same account already has an open request in the case."""
        ...

    def get(self, request_id: int) -> FreezeRequest | None: ...

    def find_open(
        self, *, case_number: str, bank_code: str, account_key: str, currency: str
    ) -> FreezeRequest | None:
        """The request for this account that still waits for its answer, if any."""
        ...

    def update(self, request: FreezeRequest) -> bool:
        """Compare-and-set: write ``request`` if its ``version`` is still the stored one and
        move the version on; False when someone changed it first."""
        ...

    def search(self, filters: FreezeFilter) -> Page[FreezeRequest]: ...

    def case_requests(self, case_number: str) -> list[FreezeRequest]: ...

    def due_for_expiry(self, now: datetime) -> list[FreezeRequest]: ...

    def add_event(self, event: FreezeEvent) -> None: ...

    def events(self, request_id: int) -> list[FreezeEvent]: ...

    def find_event(
        self, request_id: int, *, action: FreezeAction, idempotency_key: str | None = None
    ) -> FreezeEvent | None:
        """The latest event of ``action`` on the request (with this key, when one is given)."""
        ...

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
    ) -> int: ...

    def transfer_by_origin(
        self, case_number: str, origin_transfer_id: str
    ) -> FreezeTransfer | None:
        """The target an investigator already issued for this transfer in this case."""
        ...

    def transfers(
        self,
        *,
        case_number: str | None = None,
        from_request_id: int | None = None,
        next_request_id: int | None = None,
    ) -> list[FreezeTransfer]: ...


class FreezeUnitOfWork(AccountsUnitOfWork, Protocol):
    """One transaction over freeze requests, banks, their users and the audit log."""

    @property
    def freeze(self) -> FreezeRepository: ...

    @property
    def banks(self) -> BankRepository: ...
