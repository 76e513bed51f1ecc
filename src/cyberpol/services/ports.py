"""The small interfaces the use cases need; `store` implements them, `bootstrap` wires them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from cyberpol.domain.access import Actor
from cyberpol.domain.banks import Bank
from cyberpol.domain.freeze import (
    ExitKind,
    FreezeAction,
    FreezeEvent,
    FreezeRequest,
    FreezeTransfer,
    Inflow,
)
from cyberpol.domain.indicators import Block, Indicator, IndicatorStatus, IndicatorSummary
from cyberpol.domain.reports import Attachment, Report, ReportSubmission


@dataclass(frozen=True, slots=True)
class IndicatorFilter:
    kind: str | None = None
    status: str | None = None
    category: str | None = None
    region: str | None = None
    seen_since: datetime | None = None
    seen_until: datetime | None = None
    query: str | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class ReportFilter:
    category: str | None = None
    region: str | None = None
    channel: str | None = None
    indicator_id: int | None = None
    created_since: datetime | None = None
    created_until: datetime | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class FreezeFilter:
    state: str | None = None
    case_number: str | None = None
    bank_code: str | None = None
    overdue_at: datetime | None = None  # only requests still unanswered after their due time
    limit: int = 50
    offset: int = 0


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class StoredReport:
    """What the report repository needs to write one report with its extraction."""

    id: str
    created_at: datetime
    submission: ReportSubmission
    text: str
    reporter_fingerprint: str
    idempotency_key: str | None = None
    request_digest: str | None = None
    source_ref: str | None = None
    attachments: tuple[Attachment, ...] = field(default=())


class IndicatorLookup(Protocol):
    """Read side of the registry that checks use: one round trip for many keys."""

    def find_by_keys(self, keys: Sequence[str]) -> Mapping[str, IndicatorSummary]: ...


class IndicatorRepository(IndicatorLookup, Protocol):
    def payment_account_keys(self) -> list[str]: ...

    def upsert(
        self,
        indicators: Sequence[Indicator],
        *,
        now: datetime,
        source: str,
        status: IndicatorStatus = IndicatorStatus.REPORTED,
        categories: Sequence[str] = (),
    ) -> None:
        """Insert new indicators, move last_seen of known ones forward."""
        ...

    def ids_for_keys(self, keys: Sequence[str]) -> dict[str, int]: ...

    def get(self, indicator_id: int) -> IndicatorSummary | None: ...

    def list(self, filters: IndicatorFilter) -> Page[IndicatorSummary]: ...

    def related(self, indicator_id: int, limit: int = 100) -> list[IndicatorSummary]: ...

    def set_status(
        self,
        indicator_id: int,
        status: IndicatorStatus,
        reason: str,
        *,
        now: datetime,
        expected: IndicatorStatus,
    ) -> bool:
        """Compare-and-set: False when the status is no longer ``expected``."""
        ...

    def add_block(self, indicator_id: int, block: Block, *, actor: str) -> None: ...

    def add_blocks(self, blocks: Sequence[tuple[int, Block]], *, actor: str) -> None: ...

    def block_state(self, ids: Sequence[int]) -> dict[int, tuple[IndicatorStatus, set[str]]]: ...

    def lift_blocks(self, indicator_id: int, *, now: datetime) -> None: ...

    def refresh_from_reports(self, indicator_ids: Iterable[int]) -> None:
        """Recount independent reports and categories from the linked reports."""
        ...


class ReportRepository(Protocol):
    def add(self, report: StoredReport, indicator_ids: Iterable[int]) -> None: ...

    def get(self, report_id: str) -> Report | None:
        """The report with its contact filled in; callers decide who sees it."""
        ...

    def find_by_idempotency_key(self, key: str) -> tuple[str, str | None] | None:
        """(report id, request digest) of an earlier submission with this key."""
        ...

    def list(self, filters: ReportFilter) -> Page[Report]: ...


class AuditLog(Protocol):
    def record(
        self,
        *,
        actor: Actor,
        action: str,
        object_type: str,
        object_id: str,
        details: Mapping[str, object] | None = None,
        at: datetime,
    ) -> None: ...

    def entries(self, *, object_type: str, object_id: str) -> list[dict[str, object]]: ...


class UserRepository(Protocol):
    def add_user(self, *, name: str, role: str, organisation: str | None, now: datetime) -> int: ...

    def user_by_name(self, name: str) -> dict[str, object] | None: ...

    def add_token(
        self, *, user_id: int, token_hash: str, prefix: str, label: str | None, now: datetime
    ) -> int: ...

    def actor_for_token_hash(self, token_hash: str) -> Actor | None: ...

    def revoke_token(self, *, prefix_or_id: str, now: datetime) -> int: ...


class ImportProgress(Protocol):
    def resume_point(self, *, digest: str, what: str) -> dict[str, int | bool] | None: ...

    def save(
        self,
        *,
        digest: str,
        what: str,
        source: str,
        rows_done: int,
        rows_loaded: int,
        rows_rejected: int,
        finished: bool,
        now: datetime,
    ) -> None: ...


class BankRepository(Protocol):
    def add(self, bank: Bank) -> None: ...

    def get(self, code: str) -> Bank | None: ...

    def connected(self, codes: Iterable[str]) -> frozenset[str]:
        """Those of ``codes`` that are banks connected to CyberPol."""
        ...


class FreezeRepository(Protocol):
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

    def list(self, filters: FreezeFilter) -> Page[FreezeRequest]: ...

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


class UnitOfWork(Protocol):
    """One transaction over every repository; leaving without commit() rolls back."""

    indicators: IndicatorRepository
    reports: ReportRepository
    audit: AuditLog
    users: UserRepository
    imports: ImportProgress
    banks: BankRepository
    freeze: FreezeRepository

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, *exc: object) -> None: ...

    def commit(self) -> None: ...
