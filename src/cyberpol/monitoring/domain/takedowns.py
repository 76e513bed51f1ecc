"""Block requests for a confirmed resource, to whoever can act on it.

    sent ─┬─> done      (blocked, suspended or removed by that party)
          └─> refused

A registrar suspends a domain, a hosting provider removes the site, the national CERT and
the ISPs block it in the country, a platform removes the ad, channel or page. Each request
has a deadline in working days; an answer moves the resource (``blocked`` on the first
``done``, ``refused`` once every request is refused).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from cyberpol.kernel.errors import InvalidInput
from cyberpol.kernel.transitions import require_transition as check_step

ANSWER_WORKING_DAYS = 2


class Party(enum.StrEnum):
    REGISTRAR = "registrar"
    HOSTING = "hosting"
    CERT = "cert"  # the national computer emergency response team
    ISP = "isp"
    PLATFORM = "platform"  # a marketplace, social network or messenger


class TakedownState(enum.StrEnum):
    SENT = "sent"
    DONE = "done"
    REFUSED = "refused"


_TRANSITIONS: dict[TakedownState, frozenset[TakedownState]] = {
    TakedownState.SENT: frozenset({TakedownState.DONE, TakedownState.REFUSED}),
    TakedownState.DONE: frozenset(),
    TakedownState.REFUSED: frozenset(),
}


def require_takedown_transition(
    request_id: int, current: TakedownState, new: TakedownState
) -> None:
    check_step("Block request", request_id, current, new, _TRANSITIONS)


@dataclass(frozen=True, slots=True)
class TakedownRequest:
    id: int
    resource_id: int
    party: Party
    addressee: str  # who exactly: "PS Internet Company", "KZ-CERT", "Instagram"
    state: TakedownState
    issued_by: str
    sent_at: datetime
    due_at: datetime
    note: str | None = None
    answered_at: datetime | None = None
    answer_note: str | None = None

    def overdue(self, now: datetime) -> bool:
        return self.state is TakedownState.SENT and now > self.due_at


def check_addressee(text: str) -> str:
    """The party's name as given: 1 to 200 printable characters."""
    name = " ".join(text.split())
    if not 1 <= len(name) <= 200 or not name.isprintable():
        raise InvalidInput("Name who the request goes to (1 to 200 printable characters).")
    return name
