"""Analysts' use cases on the registry: list, open, confirm, dismiss, block."""

from __future__ import annotations

from datetime import datetime

from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.audit import AuditAction, AuditObject
from cyberpol.kernel.errors import Conflict, NotFound
from cyberpol.kernel.indicators.kinds import Indicator
from cyberpol.kernel.pages import Page
from cyberpol.registry.domain import (
    Block,
    Blocker,
    IndicatorStatus,
    IndicatorSummary,
    StatusChange,
    validate_status_change,
)
from cyberpol.registry.ports import IndicatorFilter, RegistryUnitOfWork


def list_indicators(
    *, uow: RegistryUnitOfWork, actor: Actor, filters: IndicatorFilter
) -> Page[IndicatorSummary]:
    actor.require(Permission.READ_INDICATORS)
    with uow:
        return uow.indicators.search(filters)


def change_indicator_status(
    *,
    uow: RegistryUnitOfWork,
    actor: Actor,
    indicator_id: int,
    change: StatusChange,
    now: datetime,
) -> IndicatorSummary:
    """Move an indicator through its state machine, recording who did it and why."""
    actor.require(Permission.CHANGE_INDICATOR_STATUS)
    with uow:
        updated = apply_status_change(
            uow=uow, actor=actor, indicator_id=indicator_id, change=change, now=now
        )
        uow.commit()
    return updated


def apply_status_change(
    *,
    uow: RegistryUnitOfWork,
    actor: Actor,
    indicator_id: int,
    change: StatusChange,
    now: datetime,
) -> IndicatorSummary:
    """The status change inside an open unit of work, so it can share another's commit."""
    current = uow.indicators.get(indicator_id)
    if current is None:
        raise NotFound(f"No indicator {indicator_id}.")
    validate_status_change(current.status, change)
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
        action=AuditAction.INDICATOR_STATUS,
        object_type=AuditObject.INDICATOR,
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
    assert updated is not None
    return updated


def record_partner_block(
    *,
    uow: RegistryUnitOfWork,
    actor: Actor,
    indicator: Indicator,
    blocked_by: Blocker,
    reason: str,
    now: datetime,
) -> IndicatorSummary:
    """A partner cut a value off at its end (an operator suspended a number on a block
    request): the value becomes a blocked indicator with the partner as its source and its
    blocker. An analyst's earlier dismissal gives way: the partner's act is a fact."""
    with uow:
        uow.indicators.upsert([indicator], now=now, source=actor.organisation or actor.name)
        [indicator_id] = uow.indicators.ids_for_keys([indicator.key]).values()
        current = uow.indicators.get(indicator_id)
        assert current is not None
        name = actor.organisation
        if any(b.by is blocked_by and b.name == name for b in current.blocks):
            return current
        if current.status is IndicatorStatus.DISMISSED:
            apply_status_change(
                uow=uow,
                actor=actor,
                indicator_id=indicator_id,
                change=StatusChange(IndicatorStatus.CONFIRMED, reason),
                now=now,
            )
        if any(b.by is blocked_by for b in current.blocks):
            # Another block by the same kind of party is in force: add this one beside it.
            uow.indicators.add_block(indicator_id, Block(blocked_by, name, reason, now),
                                     actor=actor.name)  # fmt: skip
        else:
            apply_status_change(
                uow=uow, actor=actor, indicator_id=indicator_id,
                change=StatusChange(IndicatorStatus.BLOCKED, reason, blocked_by, name), now=now,
            )  # fmt: skip
        updated = uow.indicators.get(indicator_id)
        assert updated is not None
        uow.commit()
    return updated
