"""The statistics use case: every capability's figures for a period, added up."""

from __future__ import annotations

from dataclasses import dataclass

from cyberpol.cases.service import CaseService
from cyberpol.freeze.service import FreezeService
from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.figures import FigureFilter
from cyberpol.monitoring.service import MonitoringService
from cyberpol.registry.service import RegistryService
from cyberpol.reports.service import ReportService
from cyberpol.stats.domain import Dashboard, dashboard, placed
from cyberpol.telecom.service import TelecomService


@dataclass(frozen=True, slots=True)
class StatsService:
    reports: ReportService
    registry: RegistryService
    cases: CaseService
    freeze: FreezeService
    telecom: TelecomService
    monitoring: MonitoringService

    def dashboard(self, *, actor: Actor, filters: FigureFilter) -> Dashboard:
        """The unit's figures for the period, by month, region and scheme."""
        actor.require(Permission.READ_STATISTICS)
        frozen = self.freeze.figures(actor=actor, filters=filters)
        numbers = [t.case for t in frozen if t.case]
        places = self.cases.places(actor=actor, numbers=numbers) if numbers else {}
        return dashboard(
            filters,
            [
                *self.reports.figures(actor=actor, filters=filters),
                *self.registry.figures(actor=actor, filters=filters),
                *self.cases.figures(actor=actor, filters=filters),
                *placed(frozen, places),
                *self.telecom.figures(actor=actor, filters=filters),
                *self.monitoring.figures(actor=actor, filters=filters),
            ],
        )
