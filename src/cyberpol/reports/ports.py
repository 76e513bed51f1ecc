"""The narrow interfaces the report use cases need; the stores implement them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from cyberpol.kernel.figures import FigureFilter, Tally
from cyberpol.kernel.pages import Page
from cyberpol.registry.ports import RegistryUnitOfWork
from cyberpol.reports.domain import (
    Appeal,
    AppealStatus,
    AppealSubmission,
    Attachment,
    AttachmentInfo,
    Report,
    ReportSubmission,
    StatusUpdate,
)


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
class TriageFilter:
    """Which indicators the triage queue shows, and which of their reports count."""

    status: str = "reported"
    category: str | None = None
    region: str | None = None
    channel: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 20
    offset: int = 0
    per_group: int = 5


@dataclass(frozen=True, slots=True)
class QueuedIndicator:
    """An indicator in the triage queue (by key), how many matching reports name it, the newest."""

    key: str
    matching: int
    reports: tuple[Report, ...]


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


class ReportRepository(Protocol):
    def add(self, report: StoredReport) -> None: ...

    def get(self, report_id: str) -> Report | None:
        """The report with its contact filled in; callers decide who sees it."""
        ...

    def known(self, report_ids: Sequence[str]) -> set[str]:
        """Which of ``report_ids`` exist."""
        ...

    def attachment(self, report_id: str, attachment_id: int) -> tuple[AttachmentInfo, bytes] | None:
        """One of the report's files with its bytes, as received."""
        ...

    def find_by_idempotency_key(self, key: str) -> tuple[str, str | None] | None:
        """(report id, request digest) of an earlier submission with this key."""
        ...

    def search(self, filters: ReportFilter) -> Page[Report]: ...

    def figures(self, filters: FigureFilter) -> list[Tally]:
        """Reports received by month, region and scheme."""
        ...

    def triage(self, filters: TriageFilter) -> tuple[list[QueuedIndicator], bool]:
        """Indicators in ``filters.status`` named by matching reports, the latest seen
        first, and whether more follow."""
        ...


class AppealRepository(Protocol):
    def add(
        self, appeal_id: str, submission: AppealSubmission, indicator_id: int, *, now: datetime
    ) -> None: ...

    def get(self, appeal_id: str) -> Appeal | None:
        """The appeal with its contact opened; callers decide who sees it."""
        ...

    def search(self, status: AppealStatus | None, limit: int, offset: int) -> Page[Appeal]:
        """Appeals oldest first (the queue's order), without contacts."""
        ...

    def decide(
        self,
        appeal_id: str,
        status: AppealStatus,
        reason: str,
        *,
        by: str,
        now: datetime,
    ) -> bool:
        """Compare-and-set from pending: False when it was already decided."""
        ...


class UpdateRepository(Protocol):
    """Who asked for updates on which report, and the outbox of messages owed to them."""

    def subscribe(
        self, report_id: str, channel: str, recipient: str, language: str, *, now: datetime
    ) -> None:
        """Idempotent; what the report's indicators already are is not news to them."""
        ...

    def collect(self, *, now: datetime) -> int:
        """Queue a message for every status change subscribers have not been told; how many."""
        ...

    def joined_case(self, report_ids: Sequence[str], case_number: str, *, now: datetime) -> int:
        """Queue, once each, "your report joined case N" for the reports' subscribers."""
        ...

    def due(self, channel: str, *, now: datetime, limit: int) -> list[StatusUpdate]: ...

    def delivered(self, update_id: int, *, now: datetime) -> None: ...

    def failed(self, update_id: int, error: str, *, retry_at: datetime) -> None: ...


class ReportsUnitOfWork(RegistryUnitOfWork, Protocol):
    """One transaction over reports, the indicators they name, the audit log and imports."""

    @property
    def reports(self) -> ReportRepository: ...

    @property
    def appeals(self) -> AppealRepository: ...

    @property
    def updates(self) -> UpdateRepository: ...
