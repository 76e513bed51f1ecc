"""The report use cases, bound once to their collaborators by bootstrap."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.clock import Clock
from cyberpol.kernel.figures import FigureFilter, Tally
from cyberpol.kernel.pages import Page
from cyberpol.platform.imports import ImportSummary, NumberedRows
from cyberpol.reports.domain import (
    Appeal,
    AppealStatus,
    AppealSubmission,
    AttachmentInfo,
    Report,
    ReportLimits,
    ReportStatus,
    ReportSubmission,
    StatusUpdate,
    TriagePage,
)
from cyberpol.reports.ports import ReportFilter, ReportsUnitOfWork, TriageFilter
from cyberpol.reports.service.appeals import (
    appeal_status,
    decide_appeal,
    list_appeals,
    submit_appeal,
)
from cyberpol.reports.service.imports import import_reports
from cyberpol.reports.service.indicators import IndicatorDetail, get_indicator
from cyberpol.reports.service.status import report_status, status_key
from cyberpol.reports.service.submission import (
    Submitted,
    get_report,
    list_reports,
    read_attachment,
    submit_report,
)
from cyberpol.reports.service.triage import triage_queue


@dataclass(frozen=True, slots=True)
class ReportService:
    """One use case behind every front door that takes reports (API, web form, bot, files)."""

    uow: Callable[[], ReportsUnitOfWork]
    clock: Clock
    card_secret: bytes
    limits: ReportLimits

    def submit(
        self,
        *,
        submission: ReportSubmission,
        client_ref: str | None = None,
        idempotency_key: str | None = None,
        source_ref: str | None = None,
    ) -> Submitted:
        """Store a citizen's report with the indicators found in it."""
        return submit_report(
            uow=self.uow(),
            submission=submission,
            limits=self.limits,
            card_secret=self.card_secret,
            now=self.clock(),
            client_ref=client_ref,
            idempotency_key=idempotency_key,
            source_ref=source_ref,
        )

    def get(self, *, actor: Actor, report_id: str) -> Report:
        """One report, the contact only for roles that may read it."""
        return get_report(uow=self.uow(), actor=actor, report_id=report_id, now=self.clock())

    def attachment(
        self, *, actor: Actor, report_id: str, attachment_id: int
    ) -> tuple[AttachmentInfo, bytes]:
        """A report's file as received; audited."""
        return read_attachment(
            uow=self.uow(),
            actor=actor,
            report_id=report_id,
            attachment_id=attachment_id,
            now=self.clock(),
        )

    def list_reports(self, *, actor: Actor, filters: ReportFilter) -> Page[Report]:
        """Reports newest first, without contacts."""
        return list_reports(uow=self.uow(), actor=actor, filters=filters, now=self.clock())

    def figures(self, *, actor: Actor, filters: FigureFilter) -> list[Tally]:
        """Reports received, by month, region and scheme."""
        actor.require(Permission.READ_STATISTICS)
        with self.uow() as uow:
            return uow.reports.figures(filters)

    def triage(self, *, actor: Actor, filters: TriageFilter) -> TriagePage:
        """New indicators, the latest reported first, each with the reports that name it."""
        return triage_queue(uow=self.uow(), actor=actor, filters=filters, now=self.clock())

    def status_key(self, report_id: str) -> str:
        """The key of the reporter's private status link for ``report_id``."""
        return status_key(self.card_secret, report_id)

    def status(self, *, report_id: str, key: str | None) -> ReportStatus:
        """The report as its reporter sees it at the status link."""
        return report_status(uow=self.uow(), secret=self.card_secret, report_id=report_id, key=key)

    def submit_appeal(self, *, submission: AppealSubmission) -> str:
        """Store an owner's appeal against a listed value; its id."""
        return submit_appeal(
            uow=self.uow(),
            submission=submission,
            limits=self.limits,
            card_secret=self.card_secret,
            now=self.clock(),
        )

    def appeals(
        self, *, actor: Actor, status: AppealStatus | None, limit: int = 50, offset: int = 0
    ) -> Page[Appeal]:
        """The analysts' queue of appeals, oldest first."""
        return list_appeals(
            uow=self.uow(),
            actor=actor,
            status=status,
            limit=limit,
            offset=offset,
            now=self.clock(),
        )

    def decide_appeal(self, *, actor: Actor, appeal_id: str, upheld: bool, reason: str) -> Appeal:
        """Uphold (dismissing the indicator) or reject an appeal."""
        return decide_appeal(
            uow=self.uow(),
            actor=actor,
            appeal_id=appeal_id,
            upheld=upheld,
            reason=reason,
            now=self.clock(),
        )

    def appeal_status(self, *, appeal_id: str, key: str | None) -> Appeal:
        """The appeal as its appellant sees it at the private link."""
        return appeal_status(uow=self.uow(), secret=self.card_secret, appeal_id=appeal_id, key=key)

    def subscribe(self, *, report_id: str, channel: str, recipient: str, language: str) -> None:
        """The reporter agreed to hear, at ``recipient``, how the report moves on."""
        with self.uow() as uow:
            uow.updates.subscribe(report_id, channel, recipient, language, now=self.clock())
            uow.commit()

    def known(self, *, report_ids: Sequence[str]) -> set[str]:
        """Which of ``report_ids`` are reports (for other capabilities linking to them)."""
        with self.uow() as uow:
            return uow.reports.known(report_ids)

    def joined_case(self, *, report_ids: Sequence[str], case_number: str) -> int:
        """Tell the reports' subscribers their report joined a case; messages queued."""
        with self.uow() as uow:
            queued = uow.updates.joined_case(report_ids, case_number, now=self.clock())
            uow.commit()
        return queued

    def collect_updates(self) -> int:
        """Queue messages for status changes subscribers have not been told about."""
        with self.uow() as uow:
            found = uow.updates.collect(now=self.clock())
            uow.commit()
        return found

    def due_updates(self, *, channel: str, limit: int = 100) -> list[StatusUpdate]:
        """Messages to send now, oldest first."""
        with self.uow() as uow:
            return uow.updates.due(channel, now=self.clock(), limit=limit)

    def update_sent(self, update: StatusUpdate, *, error: str | None = None) -> None:
        """Record a delivery; a failure is retried later, waiting longer each time."""
        now = self.clock()
        with self.uow() as uow:
            if error is None:
                uow.updates.delivered(update.id, now=now)
            else:
                wait = min(5 * 2**update.attempts, 3600)  # 5 s, 10 s, ... at most an hour
                uow.updates.failed(update.id, error, retry_at=now + timedelta(seconds=wait))
            uow.commit()

    def indicator_detail(self, *, actor: Actor, indicator_id: int) -> IndicatorDetail:
        """An indicator with the reports naming it and its neighbours."""
        return get_indicator(uow=self.uow(), actor=actor, indicator_id=indicator_id)

    def import_reports(
        self,
        *,
        actor: Actor,
        rows: NumberedRows,
        digest: str,
        source: str,
        on_progress: Callable[[int], None],
    ) -> ImportSummary:
        """Load historical reports, resumably."""
        return import_reports(
            uow=self.uow(),
            clock=self.clock,
            actor=actor,
            rows=rows,
            digest=digest,
            source=source,
            card_secret=self.card_secret,
            limits=self.limits,
            on_progress=on_progress,
        )
