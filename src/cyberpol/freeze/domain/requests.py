"""Freeze requests: one per account and bank, answered by the bank, cascading bank to bank.

    sent ─> acknowledged ─┬─> frozen ───────────┬─> released
      │                   ├─> partially_frozen ─┴─> expired
      │                   ├─> moved_on
      │                   └─> rejected
      └─> (any answer state: a bank may answer without acknowledging first)

An answer decides the state (``state_for_answer``); money that moved on opens requests at
the receiving banks, or is recorded as an exit when it left what Kazakh banks can freeze.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from cyberpol.freeze.domain.banks import HOME_COUNTRY, bank_country
from cyberpol.kernel.business_days import add_business_days
from cyberpol.kernel.errors import InvalidInput
from cyberpol.kernel.transitions import require_transition as check_step
from cyberpol.money_trail.domain.transfers import EXIT_CHANNELS, TransferChannel

ZERO = Decimal("0.00")


class FreezeState(enum.StrEnum):
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    FROZEN = "frozen"
    PARTIALLY_FROZEN = "partially_frozen"
    MOVED_ON = "moved_on"
    REJECTED = "rejected"
    EXPIRED = "expired"
    RELEASED = "released"


S = FreezeState
OPEN_STATES = frozenset({S.SENT, S.ACKNOWLEDGED})  # waiting for the bank's answer
HOLDING_STATES = frozenset({S.FROZEN, S.PARTIALLY_FROZEN})  # the bank holds money
ANSWER_STATES = frozenset({S.FROZEN, S.PARTIALLY_FROZEN, S.MOVED_ON, S.REJECTED})
_TRANSITIONS: dict[FreezeState, frozenset[FreezeState]] = {
    S.SENT: ANSWER_STATES | {S.ACKNOWLEDGED},
    S.ACKNOWLEDGED: ANSWER_STATES,
    S.FROZEN: frozenset({S.RELEASED, S.EXPIRED}),
    S.PARTIALLY_FROZEN: frozenset({S.RELEASED, S.EXPIRED}),
    S.MOVED_ON: frozenset(),
    S.REJECTED: frozenset(),
    S.EXPIRED: frozenset(),
    S.RELEASED: frozenset(),
}


def can_transition_to(current: FreezeState, new: FreezeState) -> bool:
    """Whether a request in ``current`` may move to ``new``."""
    return new in _TRANSITIONS[current]


def require_transition(request_id: int, current: FreezeState, new: FreezeState) -> None:
    """Refuse a step the state machine does not allow, naming the state the request is in."""
    check_step("Freeze request", request_id, current, new, _TRANSITIONS)


class FreezeAction(enum.StrEnum):
    ISSUED = "issued"
    MERGED = "merged"
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"
    RELEASED = "released"
    EXPIRED = "expired"


class ExitKind(enum.StrEnum):
    """Where followed money left what CyberPol can ask a bank to freeze."""

    CASH_OUT = "cash_out"
    CRYPTO = "crypto"
    FOREIGN = "foreign"
    UNCONNECTED_BANK = "unconnected_bank"  # a Kazakh bank not connected to the partner API


@dataclass(frozen=True, slots=True)
class FreezePolicy:
    """How long a bank has to answer, and how long a block holds (5 working days by law)."""

    answer_hours: int = 24
    hold_business_days: int = 5

    def answer_due(self, sent_at: datetime) -> datetime:
        return sent_at + timedelta(hours=self.answer_hours)

    def expires(self, frozen_at: datetime) -> datetime:
        return add_business_days(frozen_at, self.hold_business_days)


@dataclass(frozen=True, slots=True)
class Inflow:
    """Followed money arriving somewhere, normalised: an account at a bank, or an exit.

    Investigators' targets carry ``origin_transfer_id``; onward transfers carry the bank's
    own ``reference``, ``channel`` and ``moved_at``.
    """

    amount: Decimal
    currency: str
    hop: int
    account_key: str | None
    account_display: str | None
    bank_code: str | None
    channel: TransferChannel | None = None
    moved_at: datetime | None = None
    reference: str | None = None
    origin_transfer_id: str | None = None

    def exit_kind(self, connected_banks: frozenset[str]) -> ExitKind | None:
        """The exit this money took, or None when a connected Kazakh bank can freeze it."""
        if self.channel in EXIT_CHANNELS:
            return ExitKind(self.channel.value)
        assert self.bank_code is not None  # freeze_input requires a bank for other channels
        if bank_country(self.bank_code) != HOME_COUNTRY:
            return ExitKind.FOREIGN
        if self.bank_code not in connected_banks:
            return ExitKind.UNCONNECTED_BANK
        return None


def state_for_answer(
    requested: Decimal, frozen: Decimal, onward_total: Decimal, *, rejected: bool
) -> FreezeState:
    """The answer rule: all frozen -> frozen; some -> partially_frozen; none but onward
    transfers -> moved_on; an explicit refusal -> rejected. Impossible answers are refused."""
    if rejected:
        if frozen or onward_total:
            raise InvalidInput("A rejection freezes nothing and reports no onward transfers.")
        return S.REJECTED
    if frozen > requested:
        raise InvalidInput(f"Frozen amount {frozen} exceeds the requested {requested}.")
    if onward_total > requested - frozen:
        raise InvalidInput(
            f"Onward transfers total {onward_total}, more than the {requested - frozen} "
            f"requested and not frozen."
        )
    if frozen == requested:
        return S.FROZEN
    if frozen > 0:
        return S.PARTIALLY_FROZEN
    if onward_total > 0:
        return S.MOVED_ON
    raise InvalidInput(
        "An answer must freeze an amount, report onward transfers or give a rejection reason."
    )


@dataclass(frozen=True, slots=True)
class FreezeRequest:
    """One request to one bank to freeze money in one account, with its timing.

    ``parent_request_id`` is the request whose answer opened this one (None when an
    investigator issued it); ``version`` grows with every change (compare-and-set).
    """

    id: int
    case_number: str
    bank_code: str
    account_key: str
    account_display: str
    currency: str
    requested_amount: Decimal
    hop: int
    legal_basis: str
    state: FreezeState
    version: int
    issued_by: str
    sent_at: datetime
    answer_due_at: datetime
    parent_request_id: int | None = None
    frozen_amount: Decimal = ZERO
    onward_amount: Decimal = ZERO
    returned_amount: Decimal = ZERO
    acknowledged_at: datetime | None = None
    answered_at: datetime | None = None
    expires_at: datetime | None = None
    closed_at: datetime | None = None
    rejection_reason: str | None = None
    release_note: str | None = None

    def is_overdue(self, now: datetime) -> bool:
        """Still unanswered after the time the bank had to answer."""
        return self.state in OPEN_STATES and now > self.answer_due_at


@dataclass(frozen=True, slots=True)
class FreezeEvent:
    """One step in a request's life: who, when, from which state to which, and why."""

    request_id: int
    at: datetime
    actor: str
    action: FreezeAction
    from_state: FreezeState | None
    to_state: FreezeState
    details: dict[str, object] = field(default_factory=dict, hash=False, compare=False)
    idempotency_key: str | None = None
    digest: str | None = None


@dataclass(frozen=True, slots=True)
class FreezeTransfer:
    """Followed money as stored: an investigator's target (``from_request_id`` None) or an
    onward transfer a bank reported; it opened or joined ``next_request_id``, or exited."""

    id: int
    case_number: str
    inflow: Inflow
    from_request_id: int | None
    from_bank: str | None
    next_request_id: int | None
    exit_kind: ExitKind | None
    recorded_at: datetime
