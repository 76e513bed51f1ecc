"""Freeze use cases on in-memory fakes: the cascade, the merge rule, replays, rollback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from cyberpol.freeze.domain.banks import Bank
from cyberpol.freeze.domain.requests import ExitKind, FreezeAction, FreezeRequest
from cyberpol.freeze.domain.requests import FreezeState as S
from cyberpol.freeze.domain.targets import BankAnswer, FreezeTarget, OnwardTransferReport
from cyberpol.freeze.service.requests import (
    Answered,
    answer_freeze_request,
    issue_freeze_requests,
)
from cyberpol.kernel.access import Actor, Role
from cyberpol.kernel.errors import InvalidInput, NotFound
from cyberpol.money_trail.domain.transfers import TransferChannel as C
from tests.fakes import FakeUnitOfWork

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SECRET = b"fake-secret-for-card-hashes-0123456789"
INVESTIGATOR = Actor("i.sadykov", Role.INVESTIGATOR)
KASPI = Actor("bank-caspkzka", Role.BANK, "CASPKZKA")
HALYK = Actor("bank-hsbkkzkx", Role.BANK, "HSBKKZKX")
BCC = Actor("bank-kzkokzkx", Role.BANK, "KZKOKZKX")
D = Decimal


@pytest.fixture
def uow() -> FakeUnitOfWork:
    fake = FakeUnitOfWork()
    for code in ("CASPKZKA", "HSBKKZKX", "KZKOKZKX"):
        fake.banks.add(Bank(code, code.title(), NOW))
    return fake


def issue(
    uow: FakeUnitOfWork, *targets: FreezeTarget, case: str = "261500000000001"
) -> list[FreezeRequest]:
    return issue_freeze_requests(
        uow=uow,
        actor=INVESTIGATOR,
        case_number=case,
        legal_basis="Resolution under art. 190 part 4 of the Criminal Code",
        targets=list(targets),
        now=NOW,
        card_secret=SECRET,
    )


def answer(
    uow: FakeUnitOfWork,
    actor: Actor,
    request_id: int,
    bank_answer: BankAnswer,
    *,
    idempotency_key: str | None = None,
) -> Answered:
    return answer_freeze_request(
        uow=uow,
        actor=actor,
        request_id=request_id,
        answer=bank_answer,
        now=NOW + timedelta(hours=2),
        card_secret=SECRET,
        idempotency_key=idempotency_key,
    )


def moved(amount: str, channel: C, account: str | None, bank: str | None) -> OnwardTransferReport:
    return OnwardTransferReport(D(amount), NOW + timedelta(hours=1), channel, account, bank)


def test_onward_money_opens_the_next_hop_only_at_connected_banks(uow: FakeUnitOfWork) -> None:
    [first] = issue(uow, FreezeTarget("KZ86125KZT5004100100", "CASPKZKA", D("900000")))
    answer(
        uow,
        KASPI,
        first.id,
        BankAnswer(
            D("100000"),
            (
                moved("500000", C.TRANSFER, "KZ16601A871001234567", "HSBKKZKX"),
                moved("200000", C.TRANSFER, "DE89370400440532013000", "COBADEFF"),
                moved("100000", C.CASH_OUT, None, None),
            ),
        ),
    )
    requests = sorted(uow.freeze.requests.values(), key=lambda r: r.id)
    assert [(r.bank_code, r.hop, r.requested_amount, r.state) for r in requests] == [
        ("CASPKZKA", 1, D("900000"), S.PARTIALLY_FROZEN),
        ("HSBKKZKX", 2, D("500000"), S.SENT),
    ]
    exits = sorted((t.exit_kind, t.inflow.amount) for t in uow.freeze.moved if t.exit_kind)
    assert exits == [(ExitKind.CASH_OUT, D("100000")), (ExitKind.FOREIGN, D("200000"))]
    assert uow.commits == 2


def test_money_reaching_an_unanswered_request_is_merged_and_keeps_its_deadline(
    uow: FakeUnitOfWork,
) -> None:
    first, second = issue(
        uow,
        FreezeTarget("KZ86125KZT5004100100", "CASPKZKA", D("700000")),
        FreezeTarget("acc-77", "HSBKKZKX", D("300000")),
    )
    card = "4400 4301 2345 6789"
    answer(
        uow,
        KASPI,
        first.id,
        BankAnswer(onward=(moved("600000", C.CARD_TO_CARD, card, "KZKOKZKX"),)),
    )
    [opened] = [r for r in uow.freeze.requests.values() if r.bank_code == "KZKOKZKX"]
    answer(
        uow,
        HALYK,
        second.id,
        BankAnswer(D("100000"), (moved("200000", C.CARD_TO_CARD, card, "KZKOKZKX"),)),
    )
    [merged] = [r for r in uow.freeze.requests.values() if r.bank_code == "KZKOKZKX"]
    assert merged.id == opened.id
    assert merged.requested_amount == D("800000")
    assert merged.answer_due_at == opened.answer_due_at
    assert merged.account_display == "440043******6789"
    actions = [e.action for e in uow.freeze.events(merged.id)]
    assert actions == [FreezeAction.ISSUED, FreezeAction.MERGED]


def test_a_repeated_answer_is_replayed_and_opens_nothing(uow: FakeUnitOfWork) -> None:
    [first] = issue(uow, FreezeTarget("KZ86125KZT5004100100", "CASPKZKA", D("500000")))
    body = BankAnswer(onward=(moved("500000", C.TRANSFER, "KZ16601A871001234567", "HSBKKZKX"),))
    once = answer(uow, KASPI, first.id, body, idempotency_key="k-1")
    recorded = list(uow.freeze.moved)
    again = answer(uow, KASPI, first.id, body, idempotency_key="k-1")
    same_body = answer(uow, KASPI, first.id, body)
    assert (once.replayed, again.replayed, same_body.replayed) == (False, True, True)
    assert len(uow.freeze.requests) == 2
    assert uow.freeze.moved == recorded


def test_a_refused_answer_leaves_nothing_half_written(uow: FakeUnitOfWork) -> None:
    [first] = issue(uow, FreezeTarget("KZ86125KZT5004100100", "CASPKZKA", D("500000")))
    events_before = list(uow.freeze.event_log)
    too_much = BankAnswer(
        D("400000"), (moved("300000", C.TRANSFER, "KZ16601A871001234567", "HSBKKZKX"),)
    )
    with pytest.raises(InvalidInput):
        answer(uow, KASPI, first.id, too_much)
    assert uow.freeze.event_log == events_before
    assert uow.freeze.requests[first.id].state is S.SENT


def test_a_bank_cannot_answer_another_banks_request(uow: FakeUnitOfWork) -> None:
    [first] = issue(uow, FreezeTarget("KZ86125KZT5004100100", "CASPKZKA", D("500000")))
    with pytest.raises(NotFound):
        answer(uow, HALYK, first.id, BankAnswer(D("500000")))
