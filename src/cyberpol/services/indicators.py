"""Analysts' use cases on the registry: list, open, confirm, dismiss, block."""

from __future__ import annotations

from dataclasses import dataclass, replace

from cyberpol.domain.access import Actor, Permission
from cyberpol.domain.errors import Conflict, NotFound
from cyberpol.domain.indicators import (
    Block,
    IndicatorStatus,
    IndicatorSummary,
    StatusChange,
    validate_status_change,
)
from cyberpol.domain.reports import Report
from cyberpol.services.clock import utcnow
from cyberpol.services.ports import IndicatorFilter, Page, ReportFilter, UnitOfWork


@dataclass(frozen=True, slots=True)
class IndicatorDetail:
    indicator: IndicatorSummary
    reports: list[Report]
    related: list[IndicatorSummary]


def list_indicators(
    *, uow: UnitOfWork, actor: Actor, filters: IndicatorFilter
) -> Page[IndicatorSummary]:
    actor.require(Permission.READ_INDICATORS)
    with uow:
        return uow.indicators.list(filters)


def get_indicator(*, uow: UnitOfWork, actor: Actor, indicator_id: int) -> IndicatorDetail:
    """An indicator, the reports naming it (no contacts) and the indicators named beside it."""
    actor.require(Permission.READ_INDICATORS)
    with uow:
        summary = uow.indicators.get(indicator_id)
        if summary is None:
            raise NotFound(f"No indicator {indicator_id}.")
        reports: list[Report] = []
        if actor.may(Permission.READ_REPORTS):
            page = uow.reports.list(ReportFilter(indicator_id=indicator_id, limit=200))
            reports = [replace(r, contact=None) for r in page.items]
        related = uow.indicators.related(indicator_id)
    return IndicatorDetail(summary, reports, related)


def change_indicator_status(
    *, uow: UnitOfWork, actor: Actor, indicator_id: int, change: StatusChange
) -> IndicatorSummary:
    """Move an indicator through its state machine, recording who did it and why."""
    actor.require(Permission.CHANGE_INDICATOR_STATUS)
    with uow:
        current = uow.indicators.get(indicator_id)
        if current is None:
            raise NotFound(f"No indicator {indicator_id}.")
        validate_status_change(current.status, change)
        now = utcnow()
        changed = uow.indicators.set_status(
            indicator_id, change.new_status, change.reason, now=now, expected=current.status
        )
        if not changed:
            raise Conflict(f"Indicator {indicator_id} was changed by someone else; reload it.")
        if change.new_status is IndicatorStatus.BLOCKED and any(
            b.by is change.blocked_by for b in current.blocks
        ):
            raise Conflict(f"A block by {change.blocked_by} is already in force.")
        if change.new_status is IndicatorStatus.BLOCKED:
            assert change.blocked_by is not None  # validate_status_change made sure
            block = Block(change.blocked_by, change.blocker_name, change.reason, now)
            uow.indicators.add_block(indicator_id, block, actor=actor.name)
        elif current.status is IndicatorStatus.BLOCKED:
            uow.indicators.lift_blocks(indicator_id, now=now)
        uow.audit.record(
            actor=actor,
            action="indicator.status",
            object_type="indicator",
            object_id=str(indicator_id),
            details={
                "from": current.status.value,
                "to": change.new_status.value,
                "reason": change.reason,
                "blocked_by": change.blocked_by.value if change.blocked_by else None,
                "blocker_name": change.blocker_name,
            },
            at=now,
        )
        updated = uow.indicators.get(indicator_id)
        uow.commit()
    assert updated is not None
    return updated
