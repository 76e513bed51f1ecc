"""Block requests to mobile operators: one per number, SIM (IMSI) or handset (IMEI).

    sent ─> acknowledged ─┬─> suspended ─> restored
      │                   └─> rejected
      └─> (suspended or rejected: an operator may answer without acknowledging first)

The law (November 2025) gives an operator two working days to check a complaint about a
number, suspend it and report the holder; a person may hold at most ten SIM cards. An
answer that names the holder's other numbers opens follow-up requests for them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cyberpol.freeze.domain.targets import validate_text
from cyberpol.kernel.errors import InvalidInput
from cyberpol.kernel.transitions import require_transition as check_step
from cyberpol.telecom.domain.records import normalize_call_number, normalize_imei, normalize_imsi

ANSWER_WORKING_DAYS = 2
SIM_LIMIT = 10  # SIM cards one person may hold


class BlockTargetKind(enum.StrEnum):
    NUMBER = "number"
    SIM = "sim"  # by IMSI
    DEVICE = "device"  # by IMEI: every SIM the handset or module takes


class BlockState(enum.StrEnum):
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    SUSPENDED = "suspended"
    REJECTED = "rejected"
    RESTORED = "restored"


S = BlockState
OPEN_STATES = frozenset({S.SENT, S.ACKNOWLEDGED})
_TRANSITIONS: dict[BlockState, frozenset[BlockState]] = {
    S.SENT: frozenset({S.ACKNOWLEDGED, S.SUSPENDED, S.REJECTED}),
    S.ACKNOWLEDGED: frozenset({S.SUSPENDED, S.REJECTED}),
    S.SUSPENDED: frozenset({S.RESTORED}),
    S.REJECTED: frozenset(),
    S.RESTORED: frozenset(),
}


def require_transition(request_id: int, current: BlockState, new: BlockState) -> None:
    """Refuse a step the state machine does not allow, naming the state the request is in."""
    check_step("Block request", request_id, current, new, _TRANSITIONS)


class BlockAction(enum.StrEnum):
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"
    RESTORED = "restored"


@dataclass(frozen=True, slots=True)
class BlockTarget:
    """What to cut off, at which operator (None: the operator the number belongs to)."""

    kind: BlockTargetKind
    value: str
    operator: str | None = None


@dataclass(frozen=True, slots=True)
class BlockRequest:
    id: int
    case_number: str
    legal_basis: str
    kind: BlockTargetKind
    value: str  # E.164 or a short code, an IMSI, or an IMEI
    operator: str
    state: BlockState
    issued_by: str
    sent_at: datetime
    due_at: datetime
    parent_id: int | None = None  # the request whose answer named this number
    acknowledged_at: datetime | None = None
    answered_at: datetime | None = None
    restored_at: datetime | None = None
    answer_note: str | None = None
    holder_ref: str | None = None  # keyed hash of the holder's id as the operator gave it
    holder_numbers: int | None = None  # numbers the holder is known to hold, this included

    def overdue(self, now: datetime) -> bool:
        return self.state in OPEN_STATES and now > self.due_at

    @property
    def over_sim_limit(self) -> bool:
        return self.holder_numbers is not None and self.holder_numbers > SIM_LIMIT


@dataclass(frozen=True, slots=True)
class BlockEvent:
    action: BlockAction
    state: BlockState
    actor: str
    at: datetime
    details: dict[str, Any]


@dataclass(frozen=True, slots=True)
class OperatorAnswer:
    """An operator's answer: suspended or rejected, and what it knows of the holder."""

    suspended: bool
    note: str | None = None  # why rejected, or how suspended
    holder_id: str | None = None  # the operator's identifier of the holder (hashed on arrival)
    other_numbers: tuple[str, ...] = ()  # the holder's other numbers at this operator


def normalize_target(kind: BlockTargetKind, raw: str) -> str:
    """The target's value as stored: a number in E.164 (or a short code), an IMSI, an IMEI."""
    if kind is BlockTargetKind.NUMBER:
        return normalize_call_number(raw)
    if kind is BlockTargetKind.SIM:
        return normalize_imsi(raw)
    return normalize_imei(raw)


def check_answer(answer: OperatorAnswer) -> tuple[str | None, tuple[str, ...]]:
    """The answer's note and the holder's other numbers, normalised; refuses what does not
    fit the outcome (a rejection names no holder)."""
    note = validate_text(answer.note, "answer note", required=not answer.suspended)
    if not answer.suspended and (answer.holder_id or answer.other_numbers):
        raise InvalidInput("A rejection names no holder and no other numbers.")
    if answer.holder_id is not None:
        holder = answer.holder_id.strip()
        if not 1 <= len(holder) <= 128 or not holder.isprintable():
            raise InvalidInput("holder_id is 1 to 128 printable characters.")
    if len(answer.other_numbers) > 100:
        raise InvalidInput("Name at most 100 other numbers of the holder.")
    others: list[str] = []
    for raw in answer.other_numbers:
        try:
            others.append(normalize_call_number(raw))
        except InvalidInput as exc:
            raise InvalidInput(f"other_numbers: {exc}") from None
    return note, tuple(dict.fromkeys(others))
