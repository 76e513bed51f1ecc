"""Indicator status changes on in-memory fakes: the state machine, blocks and the audit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cyberpol.kernel.access import Actor, Role
from cyberpol.kernel.audit import AuditObject
from cyberpol.kernel.errors import Conflict, Forbidden, InvalidInput, NotFound
from cyberpol.kernel.indicators.normalize import parse_indicator
from cyberpol.registry.domain import Blocker, IndicatorStatus, IndicatorSummary, StatusChange
from cyberpol.registry.service.indicators import change_indicator_status
from tests.fakes import FakeUnitOfWork

SECRET = b"fake-secret-for-card-hashes-0123456789"
ANALYST = Actor("a.nurlanov", Role.ANALYST)
S = IndicatorStatus


def registry_with_a_phone() -> tuple[FakeUnitOfWork, int]:
    uow = FakeUnitOfWork()
    phone = parse_indicator("8 701 555 12 34", card_secret=SECRET)
    uow.indicators.upsert([phone], now=datetime(2026, 3, 1, tzinfo=UTC), source="test")
    return uow, uow.indicators.keys[phone.key]


def change(
    uow: FakeUnitOfWork,
    indicator_id: int,
    status: S,
    *,
    actor: Actor = ANALYST,
    blocked_by: Blocker | None = None,
    blocker_name: str | None = None,
) -> IndicatorSummary:
    return change_indicator_status(
        uow=uow,
        actor=actor,
        indicator_id=indicator_id,
        change=StatusChange(
            status,
            "calls from a SIM-box, 40 reports",
            blocked_by=blocked_by,
            blocker_name=blocker_name,
        ),
        now=datetime(2026, 3, 2, tzinfo=UTC),
    )


def test_confirm_then_block_records_the_block_and_audits_each_step() -> None:
    uow, phone = registry_with_a_phone()
    assert change(uow, phone, S.CONFIRMED).status is S.CONFIRMED
    blocked = change(uow, phone, S.BLOCKED, blocked_by=Blocker.OPERATOR, blocker_name="Beeline")
    assert blocked.status is S.BLOCKED
    assert [(b.by, b.name) for b in blocked.blocks] == [(Blocker.OPERATOR, "Beeline")]
    written = uow.audit.entries(object_type=AuditObject.INDICATOR, object_id=str(phone))
    assert len(written) == 2


def test_a_transition_the_state_machine_refuses_changes_nothing() -> None:
    uow, phone = registry_with_a_phone()
    change(uow, phone, S.DISMISSED)
    with pytest.raises(Conflict):
        change(uow, phone, S.BLOCKED, blocked_by=Blocker.OPERATOR)
    assert uow.indicators.rows[phone].status is S.DISMISSED
    assert len(uow.audit.entries_written) == 1


def test_a_block_must_name_who_blocked_it() -> None:
    uow, phone = registry_with_a_phone()
    with pytest.raises(InvalidInput):
        change(uow, phone, S.BLOCKED)
    assert uow.indicators.rows[phone].status is S.REPORTED


def test_partners_may_not_change_statuses_and_unknown_ids_are_404() -> None:
    uow, phone = registry_with_a_phone()
    with pytest.raises(Forbidden):
        change(uow, phone, S.CONFIRMED, actor=Actor("halyk", Role.PARTNER, "Halyk"))
    with pytest.raises(NotFound):
        change(uow, phone + 1, S.CONFIRMED)
