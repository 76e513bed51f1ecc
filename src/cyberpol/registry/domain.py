"""The registry's view of an indicator: what state one can be in and how it may change."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from cyberpol.kernel.errors import Conflict, InvalidInput
from cyberpol.kernel.indicators.kinds import IndicatorKind
from cyberpol.kernel.labels import N_


class IndicatorStatus(enum.StrEnum):
    """The analyst's judgement; a check answers it as the verdict."""

    REPORTED = "reported"
    CONFIRMED = "confirmed"
    BLOCKED = "blocked"
    DISMISSED = "dismissed"


UNKNOWN_VERDICT = "unknown"


class Blocker(enum.StrEnum):
    """Who put a block in force: the party that can actually cut the indicator off."""

    BANK = "bank"
    OPERATOR = "operator"
    REGISTRAR = "registrar"
    PLATFORM = "platform"


# Dismissed is not final: a new wave of reports can prove an analyst wrong.
_TRANSITIONS: dict[IndicatorStatus, frozenset[IndicatorStatus]] = {
    IndicatorStatus.REPORTED: frozenset(
        {IndicatorStatus.CONFIRMED, IndicatorStatus.BLOCKED, IndicatorStatus.DISMISSED}
    ),
    IndicatorStatus.CONFIRMED: frozenset({IndicatorStatus.BLOCKED, IndicatorStatus.DISMISSED}),
    # blocked -> blocked records one more block (a bank and then the operator, say)
    IndicatorStatus.BLOCKED: frozenset({IndicatorStatus.BLOCKED, IndicatorStatus.CONFIRMED}),
    IndicatorStatus.DISMISSED: frozenset({IndicatorStatus.CONFIRMED, IndicatorStatus.REPORTED}),
}


def can_transition_to(current: IndicatorStatus, new: IndicatorStatus) -> bool:
    """Whether an analyst may move an indicator from ``current`` to ``new``."""
    return new in _TRANSITIONS[current]


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A validated request to change an indicator's status, with who asked and why."""

    new_status: IndicatorStatus
    reason: str
    blocked_by: Blocker | None = None
    blocker_name: str | None = None


def validate_status_change(current: IndicatorStatus, change: StatusChange) -> None:
    """Refuse transitions the state machine does not allow, or a block with no blocker."""
    if not change.reason.strip():
        raise InvalidInput(N_("A status change needs a reason."))
    for text in (change.reason, change.blocker_name or ""):
        if "\x00" in text:
            raise InvalidInput("A status change reason or blocker name contains a NUL character.")
    if not can_transition_to(current, change.new_status):
        raise Conflict(
            f"Cannot change status from {current.value!r} to {change.new_status.value!r}.",
            current=current.value,
            new=change.new_status.value,
        )
    if change.new_status is IndicatorStatus.BLOCKED and change.blocked_by is None:
        raise InvalidInput(
            "A block must say who blocked it: bank, operator, registrar or platform."
        )
    if change.new_status is not IndicatorStatus.BLOCKED and change.blocked_by is not None:
        raise InvalidInput("Only a block names a blocker ('blocked_by').")


@dataclass(frozen=True, slots=True)
class Block:
    by: Blocker
    name: str | None
    reason: str
    since: datetime


@dataclass(frozen=True, slots=True)
class IndicatorSummary:
    """What the registry knows of one indicator, without anything about reporters."""

    id: int
    kind: IndicatorKind
    value: str
    status: IndicatorStatus
    report_count: int
    first_seen: datetime
    last_seen: datetime
    categories: tuple[str, ...]
    blocks: tuple[Block, ...]
    attributes: dict[str, object] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Sighting:
    """One report naming indicators: who reported it (a keyed fingerprint), what and where."""

    report_id: str
    reporter_fingerprint: str
    category: str
    region: str | None
    reported_at: datetime
