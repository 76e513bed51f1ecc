"""The freeze-request use cases, bound once to their collaborators by bootstrap."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from cyberpol.accounts.service import IssuedToken
from cyberpol.freeze.domain.banks import Bank
from cyberpol.freeze.domain.requests import FreezePolicy, FreezeRequest
from cyberpol.freeze.domain.summary import CaseFreezeSummary
from cyberpol.freeze.domain.targets import BankAnswer, FreezeTarget
from cyberpol.freeze.ports import FreezeFilter, FreezeUnitOfWork
from cyberpol.freeze.service.banks import create_bank, create_bank_token
from cyberpol.freeze.service.queries import (
    FreezeRequestDetail,
    case_freeze_summary,
    get_freeze_request,
    list_freeze_requests,
)
from cyberpol.freeze.service.requests import (
    Answered,
    acknowledge_freeze_request,
    answer_freeze_request,
    expire_due,
    issue_freeze_requests,
    release_freeze_request,
)
from cyberpol.freeze.service.trace import freeze_from_trace
from cyberpol.kernel.access import Actor, Permission
from cyberpol.kernel.clock import Clock
from cyberpol.kernel.figures import FigureFilter, Tally
from cyberpol.kernel.pages import Page
from cyberpol.money_trail.domain.attribution import TraceRequest
from cyberpol.money_trail.service import MoneyTrailService


@dataclass(frozen=True, slots=True)
class FreezeService:
    """Banks, freeze requests and their answers; every time comes from ``clock``.

    Freezing from a trace asks the money trail (a capability below) through its service.
    """

    uow: Callable[[], FreezeUnitOfWork]
    clock: Clock
    card_secret: bytes
    policy: FreezePolicy
    trail: MoneyTrailService

    def connect_bank(self, *, actor: Actor, code: str, name: str) -> Bank:
        """Connect a bank by its BIC."""
        return create_bank(uow=self.uow(), actor=actor, code=code, name=name, now=self.clock())

    def bank_token(
        self, *, actor: Actor, code: str, user_name: str | None = None, label: str | None = None
    ) -> IssuedToken:
        """A token for the bank's API user, created on first use."""
        return create_bank_token(
            uow=self.uow(),
            actor=actor,
            code=code,
            now=self.clock(),
            user_name=user_name,
            label=label,
        )

    def issue(
        self, *, actor: Actor, case_number: str, legal_basis: str, targets: Sequence[FreezeTarget]
    ) -> list[FreezeRequest]:
        """Send one request per target to its bank."""
        return issue_freeze_requests(
            uow=self.uow(),
            actor=actor,
            case_number=case_number,
            legal_basis=legal_basis,
            targets=targets,
            now=self.clock(),
            card_secret=self.card_secret,
            policy=self.policy,
        )

    def freeze_traced(
        self,
        *,
        actor: Actor,
        request: TraceRequest,
        case_number: str,
        legal_basis: str,
        accounts: Collection[str] | None = None,
    ) -> list[FreezeRequest]:
        """Trace a victim's transfer and freeze what is still in accounts (in ``accounts``
        only, when given)."""
        actor.require(Permission.ISSUE_FREEZE_REQUESTS)
        return freeze_from_trace(
            uow=self.uow(),
            actor=actor,
            trace=self.trail.trace(actor=actor, request=request),
            case_number=case_number,
            legal_basis=legal_basis,
            now=self.clock(),
            card_secret=self.card_secret,
            policy=self.policy,
            accounts=accounts,
        )

    def acknowledge(self, *, actor: Actor, request_id: int) -> FreezeRequest:
        """The bank is working on the request."""
        return acknowledge_freeze_request(
            uow=self.uow(), actor=actor, request_id=request_id, now=self.clock()
        )

    def answer(
        self,
        *,
        actor: Actor,
        request_id: int,
        answer: BankAnswer,
        idempotency_key: str | None = None,
    ) -> Answered:
        """The bank's answer; repeats are replayed."""
        return answer_freeze_request(
            uow=self.uow(),
            actor=actor,
            request_id=request_id,
            answer=answer,
            now=self.clock(),
            card_secret=self.card_secret,
            policy=self.policy,
            idempotency_key=idempotency_key,
        )

    def release(
        self, *, actor: Actor, request_id: int, returned_amount: Decimal, note: str | None = None
    ) -> FreezeRequest:
        """Lift a hold, recording what went back to the victim."""
        return release_freeze_request(
            uow=self.uow(),
            actor=actor,
            request_id=request_id,
            returned_amount=returned_amount,
            now=self.clock(),
            note=note,
        )

    def expire(self) -> list[int]:
        """Expire holds past their deadline; the ids expired."""
        return expire_due(uow=self.uow(), now=self.clock())

    def list_requests(self, *, actor: Actor, filters: FreezeFilter) -> Page[FreezeRequest]:
        """Requests the actor may see, newest first."""
        return list_freeze_requests(uow=self.uow(), actor=actor, filters=filters, now=self.clock())

    def get(self, *, actor: Actor, request_id: int) -> FreezeRequestDetail:
        """One request with its events and transfers."""
        return get_freeze_request(
            uow=self.uow(), actor=actor, request_id=request_id, now=self.clock()
        )

    def figures(self, *, actor: Actor, filters: FigureFilter) -> list[Tally]:
        """Freeze figures by month and case, for the statistics."""
        actor.require(Permission.READ_STATISTICS)
        with self.uow() as uow:
            return uow.freeze.figures(filters)

    def case_summary(self, *, actor: Actor, case_number: str) -> CaseFreezeSummary:
        """The money totals of one case."""
        return case_freeze_summary(
            uow=self.uow(), actor=actor, case_number=case_number, now=self.clock()
        )
