"""An indicator as analysts open it: with the reports that name it and its neighbours."""

from __future__ import annotations

from dataclasses import dataclass, replace

from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.errors import NotFound
from cyberpol.registry.domain import IndicatorSummary
from cyberpol.reports.domain import Report
from cyberpol.reports.ports import ReportFilter, ReportsUnitOfWork


@dataclass(frozen=True, slots=True)
class IndicatorDetail:
    indicator: IndicatorSummary
    reports: list[Report]
    related: list[IndicatorSummary]


def get_indicator(*, uow: ReportsUnitOfWork, actor: Actor, indicator_id: int) -> IndicatorDetail:
    """An indicator, the reports naming it (no contacts) and the indicators named beside it."""
    actor.require(Permission.READ_INDICATORS)
    with uow:
        summary = uow.indicators.get(indicator_id)
        if summary is None:
            raise NotFound(f"No indicator {indicator_id}.")
        reports: list[Report] = []
        if actor.may(Permission.READ_REPORTS):
            page = uow.reports.search(ReportFilter(indicator_id=indicator_id, limit=200))
            reports = [replace(r, contact=None) for r in page.items]
        related = uow.indicators.related(indicator_id)
    return IndicatorDetail(summary, reports, related)
