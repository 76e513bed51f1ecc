"""The analysts' triage queue: new indicators with the reports that share them."""

from __future__ import annotations

from datetime import datetime

from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.audit import AuditAction, AuditObject
from cyberpol.reports.domain import TriageGroup, TriagePage
from cyberpol.reports.ports import ReportsUnitOfWork, TriageFilter


def triage_queue(
    *, uow: ReportsUnitOfWork, actor: Actor, filters: TriageFilter, now: datetime
) -> TriagePage:
    """A page of the queue, without reporters' contacts; the reports shown are audited as read."""
    actor.require(Permission.READ_REPORTS)
    actor.require(Permission.READ_INDICATORS)
    with uow:
        queued, has_more = uow.reports.triage(filters)
        known = uow.indicators.find_by_keys([q.key for q in queued])
        groups = tuple(
            TriageGroup(known[q.key], q.matching, q.reports) for q in queued if q.key in known
        )
        shown = sorted({r.id for g in groups for r in g.reports})
        if shown:
            uow.audit.record(
                actor=actor,
                action=AuditAction.REPORT_LIST,
                object_type=AuditObject.REPORT,
                object_id="triage",
                details={"ids": shown},
                at=now,
            )
            uow.commit()
    return TriagePage(groups, has_more, filters.limit, filters.offset)
