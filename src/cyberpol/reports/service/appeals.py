"""Appeals: the owner of a listed value asks for it to be taken off; an analyst decides.

An upheld appeal dismisses the indicator through the registry's own status change, in the
same transaction as the decision, and both are audited. The appellant follows the outcome at
a private link like a reporter's.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.audit import AuditAction, AuditObject
from cyberpol.kernel.errors import Conflict, InvalidInput, NotFound, NotListed
from cyberpol.kernel.indicators.invisible import visible
from cyberpol.kernel.indicators.normalize import parse_indicator
from cyberpol.kernel.pages import Page
from cyberpol.registry.domain import IndicatorStatus, StatusChange
from cyberpol.registry.service.indicators import apply_status_change
from cyberpol.reports.domain import (
    Appeal,
    AppealStatus,
    AppealSubmission,
    ReportLimits,
    refuse_control_characters,
)
from cyberpol.reports.ports import ReportsUnitOfWork
from cyberpol.reports.service.status import key_matches
from cyberpol.reports.service.submission import new_report_id

_LISTED = {IndicatorStatus.REPORTED, IndicatorStatus.CONFIRMED, IndicatorStatus.BLOCKED}


def validate_appeal(submission: AppealSubmission, limits: ReportLimits) -> None:
    """Refuse an empty or oversized appeal before anything is stored."""
    if not visible(submission.value).strip():
        raise InvalidInput("Say which number, card, site or handle the appeal is about.")
    if not visible(submission.text).strip():
        raise InvalidInput("The appeal needs a reason.")
    if len(submission.text) > limits.max_text_chars:
        raise InvalidInput(f"The reason is longer than {limits.max_text_chars} characters.")
    if submission.contact is not None and len(submission.contact) > 320:
        raise InvalidInput("The contact is longer than 320 characters.")
    for name, value in (("text", submission.text), ("contact", submission.contact)):
        refuse_control_characters(name, value)
    if len(submission.attachments) > limits.max_attachments:
        raise InvalidInput(f"At most {limits.max_attachments} files per appeal.")
    if any(len(a.content) > limits.max_attachment_bytes for a in submission.attachments):
        raise InvalidInput(f"Files are limited to {limits.max_attachment_bytes} bytes.")


def submit_appeal(
    *,
    uow: ReportsUnitOfWork,
    submission: AppealSubmission,
    limits: ReportLimits,
    card_secret: bytes,
    now: datetime,
) -> str:
    """Store an appeal about a listed value; its public id."""
    validate_appeal(submission, limits)
    indicator = parse_indicator(submission.value, card_secret=card_secret)
    with uow:
        listed = uow.indicators.find_by_keys([indicator.key]).get(indicator.key)
        if listed is None or listed.status not in _LISTED:
            raise NotListed("This value is not listed as fraud; there is nothing to appeal.")
        appeal_id = new_report_id(now, prefix="A")
        uow.appeals.add(appeal_id, submission, listed.id, now=now)
        uow.commit()
    return appeal_id


def list_appeals(
    *,
    uow: ReportsUnitOfWork,
    actor: Actor,
    status: AppealStatus | None,
    limit: int,
    offset: int,
    now: datetime,
) -> Page[Appeal]:
    """The queue, oldest first, without appellants' contacts; the read is audited."""
    actor.require(Permission.CHANGE_INDICATOR_STATUS)
    with uow:
        page = uow.appeals.search(status, limit, offset)
        uow.audit.record(
            actor=actor,
            action=AuditAction.APPEAL_LIST,
            object_type=AuditObject.APPEAL,
            object_id=status.value if status else "all",
            at=now,
        )
        uow.commit()
    return page


def decide_appeal(
    *,
    uow: ReportsUnitOfWork,
    actor: Actor,
    appeal_id: str,
    upheld: bool,
    reason: str,
    now: datetime,
) -> Appeal:
    """Uphold (the indicator is dismissed) or reject an appeal, once, with a reason."""
    actor.require(Permission.CHANGE_INDICATOR_STATUS)
    if not reason.strip():
        raise InvalidInput("A decision needs a reason; the appellant reads it.")
    refuse_control_characters("reason", reason)
    status = AppealStatus.UPHELD if upheld else AppealStatus.REJECTED
    with uow:
        appeal = uow.appeals.get(appeal_id)
        if appeal is None:
            raise NotFound(f"No appeal {appeal_id!r}.")
        if appeal.status is not AppealStatus.PENDING:
            raise Conflict(f"Appeal {appeal_id} was already decided: {appeal.status.value}.")
        if upheld:
            # A block is lifted before the value is dismissed, as an analyst must do by hand:
            # the registry keeps both steps, and whoever blocked it reads the first.
            steps = [IndicatorStatus.DISMISSED]
            listed = uow.indicators.get(appeal.indicator_id)
            if listed is not None and listed.status is IndicatorStatus.BLOCKED:
                steps.insert(0, IndicatorStatus.CONFIRMED)
            for step in steps:
                change = StatusChange(step, f"appeal {appeal_id}: {reason}")
                apply_status_change(
                    uow=uow, actor=actor, indicator_id=appeal.indicator_id, change=change, now=now
                )
        if not uow.appeals.decide(appeal_id, status, reason, by=actor.name, now=now):
            raise Conflict(f"Appeal {appeal_id} was decided by someone else; reload it.")
        uow.audit.record(
            actor=actor,
            action=AuditAction.APPEAL_DECIDE,
            object_type=AuditObject.APPEAL,
            object_id=appeal_id,
            details={"decision": status.value, "reason": reason},
            at=now,
        )
        decided = uow.appeals.get(appeal_id)
        uow.commit()
    assert decided is not None
    return replace(decided, contact=None)


def appeal_status(
    *, uow: ReportsUnitOfWork, secret: bytes, appeal_id: str, key: str | None
) -> Appeal:
    """The appeal behind its private link; a wrong key reads as a missing appeal."""
    missing = NotFound("No appeal with this number and key.")
    if not key_matches(secret, appeal_id, key):
        raise missing
    with uow:
        appeal = uow.appeals.get(appeal_id)
    if appeal is None:
        raise missing
    return replace(appeal, contact=None)
