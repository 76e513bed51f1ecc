"""A criminal case of internet fraud as a unit runs it: its register number, article, state
and deadlines, the people in it, and what it is linked to (reports, indicators, transfers,
traces, freeze requests, drop accounts)."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from cyberpol.kernel.business_days import add_business_days
from cyberpol.kernel.categories import Region, ScamCategory
from cyberpol.kernel.errors import Conflict, InvalidInput
from cyberpol.kernel.labels import N_

ZERO = Decimal(0)
# Art. 190 of the Criminal Code of Kazakhstan: fraud. Most internet fraud is filed under it.
DEFAULT_ARTICLE = "190"
# The unified register of pre-trial investigations gives 15 digits: year, body, unit and
# serial (e.g. 251500031000123).
ERDR_NUMBER = re.compile(r"^[0-9]{15}\Z")
ARTICLE = re.compile(r"^\d{1,3}(-\d{1,2})?( ч\.\s?\d{1,2})?( п\.\s?\d{1,2})?$")


class CaseState(enum.StrEnum):
    REGISTERED = "registered"
    INVESTIGATING = "investigating"
    SENT_TO_COURT = "sent_to_court"
    CLOSED = "closed"
    SUSPENDED = "suspended"


class CloseGround(enum.StrEnum):
    """Why a case was closed: rehabilitating grounds clear the suspect (no crime, no
    corpus delicti); non-rehabilitating ones do not (reconciliation, amnesty, death)."""

    REHABILITATING = "rehabilitating"
    NON_REHABILITATING = "non_rehabilitating"


_S = CaseState
_TRANSITIONS: dict[CaseState, frozenset[CaseState]] = {
    _S.REGISTERED: frozenset({_S.INVESTIGATING}),
    _S.INVESTIGATING: frozenset({_S.SENT_TO_COURT, _S.CLOSED, _S.SUSPENDED}),
    _S.SUSPENDED: frozenset({_S.INVESTIGATING}),
    _S.CLOSED: frozenset({_S.INVESTIGATING}),
    # A prosecutor or the court may return a case for further investigation.
    _S.SENT_TO_COURT: frozenset({_S.INVESTIGATING}),
}
# Decisions that end or pause the investigation are the investigator's procedural acts.
DECISIONS = frozenset({_S.SENT_TO_COURT, _S.CLOSED, _S.SUSPENDED})
# The unit's control terms, in working days: a registered case is taken up within 3, an
# investigation is reviewed at 40 (about the two months the procedure code allows before
# an extension), a suspended case is checked again at 20.
DEADLINE_DAYS: dict[CaseState, int] = {
    _S.REGISTERED: 3,
    _S.INVESTIGATING: 40,
    _S.SUSPENDED: 20,
}


def can_transition(current: CaseState, new: CaseState) -> bool:
    return new in _TRANSITIONS[current]


def next_states(current: CaseState) -> tuple[CaseState, ...]:
    """Where a case in ``current`` can go, in the order of the procedure."""
    return tuple(s for s in CaseState if s in _TRANSITIONS[current])


def deadline_for(state: CaseState, since: datetime) -> datetime | None:
    """When the case in ``state`` since ``since`` is due for its next step, in working days."""
    days = DEADLINE_DAYS.get(state)
    return add_business_days(since, days) if days is not None else None


@dataclass(frozen=True, slots=True)
class Transition:
    """A request to move a case on, with the ground when it is closed and why."""

    to: CaseState
    reason: str
    ground: CloseGround | None = None

    def check(self, current: CaseState) -> None:
        """Refuse what the procedure does not allow, with words an investigator reads."""
        if not self.reason.strip():
            raise InvalidInput(N_("A change of a case's state needs a reason."))
        if not can_transition(current, self.to):
            allowed = ", ".join(sorted(s.value for s in _TRANSITIONS[current]))
            raise Conflict(
                f"A case that is {current.value} cannot become {self.to.value}; "
                f"it can become: {allowed}.",
                current=current.value,
                new=self.to.value,
            )
        if self.to is _S.CLOSED and self.ground is None:
            raise InvalidInput(N_("Closing a case needs its ground: rehabilitating or not."))
        if self.to is not _S.CLOSED and self.ground is not None:
            raise InvalidInput(N_("Only a closed case has a ground."))


class PartyRole(enum.StrEnum):
    VICTIM = "victim"
    SUSPECT = "suspect"


@dataclass(frozen=True, slots=True)
class Party:
    """A victim or a suspect. ``name`` and ``contact`` are personal data: None unless the
    reader may see them (every such read is audited)."""

    id: int
    role: PartyRole
    name: str | None
    contact: str | None
    loss: Decimal = ZERO
    pensioner: bool = False
    report_id: str | None = None
    added_by: str = ""
    added_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class NewParty:
    role: PartyRole
    name: str
    contact: str | None = None
    loss: Decimal = ZERO
    pensioner: bool = False
    report_id: str | None = None

    def check(self) -> None:
        if not self.name.strip():
            raise InvalidInput(N_("A victim or suspect needs a name."))
        if len(self.name) > 200 or len(self.contact or "") > 320:
            raise InvalidInput(N_("A name is at most 200 characters, a contact 320."))
        if self.loss < 0:
            raise InvalidInput(N_("A loss cannot be negative."))
        if self.role is PartyRole.SUSPECT and (self.loss or self.pensioner):
            raise InvalidInput(N_("Loss and pension age belong to victims."))


class LinkKind(enum.StrEnum):
    REPORT = "report"
    INDICATOR = "indicator"
    TRANSFER = "transfer"
    TRACE = "trace"  # a traced transfer, with the method and window it was traced by
    FREEZE_REQUEST = "freeze_request"
    DROP_ACCOUNT = "drop_account"  # an account identified as a drop in this case


@dataclass(frozen=True, slots=True)
class Link:
    kind: LinkKind
    ref: str
    added_by: str
    added_at: datetime


@dataclass(frozen=True, slots=True)
class Note:
    author: str
    at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class CaseEvent:
    """One change of state: who, when, from and to, on what ground and why."""

    at: datetime
    actor: str
    from_state: CaseState | None
    to_state: CaseState
    reason: str
    ground: CloseGround | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A file on the case, kept unchanged: its hash, and who added it when (custody)."""

    id: int
    sha256: str
    filename: str
    content_type: str
    size: int
    description: str
    added_by: str
    added_at: datetime


@dataclass(frozen=True, slots=True)
class CaseDraft:
    """What opening a case takes; everything but the category can come later."""

    category: ScamCategory
    title: str
    region: Region | None = None
    erdr_number: str | None = None
    article: str = DEFAULT_ARTICLE
    investigator: str | None = None
    report_ids: tuple[str, ...] = ()

    def check(self) -> None:
        check_fields(self.title, self.erdr_number, self.article)


def read_case_number(number: str) -> str | int | None:
    """A case as people name it: its ERDR number (kept as text), or its id as ``CASE-12``
    or ``12`` (an int); None when it is neither."""
    number = number.strip().upper().removeprefix("CASE-")
    if ERDR_NUMBER.match(number):
        return number
    return int(number) if re.fullmatch("[0-9]{1,14}", number) else None


def check_fields(title: str | None, erdr_number: str | None, article: str | None) -> None:
    """The checks a case's own fields pass, when opened and when changed."""
    if title is not None and not 1 <= len(title.strip()) <= 300:
        raise InvalidInput(N_("A case's title is 1 to 300 characters."))
    if erdr_number is not None and not ERDR_NUMBER.match(erdr_number):
        raise InvalidInput(N_("An ERDR number is 15 digits, for example 251500031000123."))
    if article is not None and not ARTICLE.match(article):
        raise InvalidInput(N_("An article reads like 190, or 190 ч.2 with its part."))


@dataclass(frozen=True, slots=True)
class CaseChange:
    """Fields an investigator may correct; None leaves a field as it is."""

    title: str | None = None
    region: Region | None = None
    erdr_number: str | None = None
    article: str | None = None
    investigator: str | None = None
    frozen_amount: Decimal | None = None
    returned_amount: Decimal | None = None

    def check(self) -> None:
        check_fields(self.title, self.erdr_number, self.article)
        for amount in (self.frozen_amount, self.returned_amount):
            if amount is not None and amount < 0:
                raise InvalidInput(N_("Amounts frozen and returned cannot be negative."))


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """A case as a list shows it."""

    id: int
    erdr_number: str | None
    title: str
    category: ScamCategory
    region: Region | None
    state: CaseState
    investigator: str | None
    opened_at: datetime
    deadline: datetime | None
    damage: Decimal
    victims: int
    reports: int

    @property
    def number(self) -> str:
        """What freeze requests and reports call the case: its ERDR number once it has one."""
        return self.erdr_number or f"CASE-{self.id}"

    def is_overdue(self, now: datetime) -> bool:
        return self.deadline is not None and now > self.deadline


@dataclass(frozen=True, slots=True)
class Case:
    """A case with everything on it."""

    summary: CaseSummary
    article: str
    close_ground: CloseGround | None
    opened_by: str
    frozen_amount: Decimal
    returned_amount: Decimal
    parties: tuple[Party, ...] = ()
    links: tuple[Link, ...] = ()
    notes: tuple[Note, ...] = ()
    events: tuple[CaseEvent, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    pensioners: int = field(default=0)

    @property
    def number(self) -> str:
        return self.summary.number
