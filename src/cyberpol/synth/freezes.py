"""Demo money trails: victims' transfers filed into demo cases, traced, and frozen where the
money still is, with banks' answers as a month of work leaves them (some frozen, some
refused, some released to the victim, some still awaited)."""

from __future__ import annotations

import random
from decimal import Decimal

from cyberpol.cases.domain import CaseState, LinkKind
from cyberpol.cases.ports import CaseFilter
from cyberpol.cases.service import CaseService
from cyberpol.freeze.domain.targets import BankAnswer
from cyberpol.freeze.service import FreezeService
from cyberpol.kernel.access import Actor, Role
from cyberpol.kernel.errors import CyberPolError
from cyberpol.money_trail.domain.attribution import TraceRequest


def seed_freezes(
    cases: CaseService, freeze: FreezeService, actor: Actor, transfers: list[str], *, seed: int
) -> int:
    """Trace victims' transfers into cases under investigation and freeze what is still in
    accounts; requests sent. Transfers whose money is all gone (cashed out long ago in the
    synthetic history) are skipped: nothing could be frozen there."""
    rng = random.Random(seed)
    open_cases = list(
        cases.search(actor=actor, filters=CaseFilter(state=CaseState.INVESTIGATING)).items
    )
    sent = 0
    for transfer in transfers:
        if not open_cases:
            break
        try:
            requests = freeze.freeze_traced(
                actor=actor,
                request=TraceRequest(transfer_id=transfer),
                case_number=open_cases[0].number,
                legal_basis="Постановление следователя о наложении ареста на имущество",
            )
        except CyberPolError:
            continue  # the money left by cash or abroad: nothing to freeze, as happens
        case = open_cases.pop(0)
        cases.link(actor=actor, case_id=case.id, kind=LinkKind.TRANSFER, refs=[transfer])
        sent += len(requests)
        for request in requests:
            bank = Actor(f"bank-{request.bank_code.lower()}", Role.BANK, request.bank_code)
            roll = rng.random()
            if roll < 0.55:
                share = Decimal(rng.randrange(40, 101)) / 100
                frozen = (request.requested_amount * share).quantize(Decimal("0.01"))
                freeze.answer(
                    actor=bank, request_id=request.id, answer=BankAnswer(frozen_amount=frozen)
                )
                if rng.random() < 0.4:
                    freeze.release(actor=actor, request_id=request.id, returned_amount=frozen)
            elif roll < 0.7:
                refusal = BankAnswer(rejection_reason="Счёт закрыт до получения запроса")
                freeze.answer(actor=bank, request_id=request.id, answer=refusal)
    return sent
