"""Freeze requests on a real database (SQLite and PostgreSQL): cascade, merge, locking, expiry."""

from __future__ import annotations

import secrets
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from cyberpol.bootstrap import Runtime
from cyberpol.freeze.domain.requests import ExitKind, FreezeAction, FreezeRequest
from cyberpol.freeze.domain.requests import FreezeState as S
from cyberpol.freeze.domain.targets import BankAnswer, FreezeTarget, OnwardTransferReport
from cyberpol.freeze.ports import FreezeFilter
from cyberpol.freeze.service.banks import create_bank, create_bank_token
from cyberpol.freeze.service.queries import (
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
from cyberpol.kernel.access import Actor, Role
from cyberpol.kernel.errors import Conflict, Forbidden, InvalidInput, InvalidTransition, NotFound
from cyberpol.money_trail.domain.transfers import TransferChannel as C

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday
ADMIN = Actor("admin1", Role.ADMIN)
INVESTIGATOR = Actor("i.sadykov", Role.INVESTIGATOR)
KASPI = Actor("bank-caspkzka", Role.BANK, "CASPKZKA")
HALYK = Actor("bank-hsbkkzkx", Role.BANK, "HSBKKZKX")
D = Decimal


@pytest.fixture
def banks(runtime: Runtime) -> Runtime:
    for code, name in (("CASPKZKA", "Kaspi"), ("HSBKKZKX", "Halyk"), ("KZKOKZKX", "BCC")):
        create_bank(uow=runtime.freeze.uow(), actor=ADMIN, code=code, name=name, now=NOW)
    return runtime


def case_number() -> str:
    return f"2615{secrets.randbelow(10**11):011d}"


def issue(
    runtime: Runtime, case: str, *targets: FreezeTarget, now: datetime = NOW
) -> list[FreezeRequest]:
    return issue_freeze_requests(
        uow=runtime.freeze.uow(),
        actor=INVESTIGATOR,
        case_number=case,
        legal_basis="Resolution of 2 March 2026 under art. 190 part 4 of the Criminal Code",
        targets=list(targets),
        now=now,
        card_secret=runtime.card_secret,
        policy=runtime.freeze_policy,
    )


def answer(
    runtime: Runtime,
    actor: Actor,
    request_id: int,
    answer: BankAnswer,
    *,
    now: datetime = NOW + timedelta(hours=2),
    idempotency_key: str | None = None,
) -> Answered:
    return answer_freeze_request(
        uow=runtime.freeze.uow(),
        actor=actor,
        request_id=request_id,
        answer=answer,
        now=now,
        card_secret=runtime.card_secret,
        policy=runtime.freeze_policy,
        idempotency_key=idempotency_key,
    )


def onward(
    amount: str, channel: C = C.TRANSFER, account: str | None = None, bank: str | None = None
) -> OnwardTransferReport:
    return OnwardTransferReport(D(amount), NOW + timedelta(hours=1), channel, account, bank)


def requests_of(runtime: Runtime, actor: Actor, case: str) -> list[FreezeRequest]:
    page = list_freeze_requests(
        uow=runtime.freeze.uow(), actor=actor, filters=FreezeFilter(case_number=case), now=NOW
    )
    return page.items


def test_money_from_two_drops_merges_into_one_open_request(banks: Runtime) -> None:
    case = case_number()
    first, second = issue(
        banks,
        case,
        FreezeTarget("KZ86125KZT5004100100", "CASPKZKA", D("700000")),
        FreezeTarget("acc-77", "HSBKKZKX", D("300000")),
    )
    mule = "4400 4301 2345 6789"
    answer(
        banks,
        KASPI,
        first.id,
        BankAnswer(onward=(onward("600000", C.CARD_TO_CARD, mule, "KZKOKZKX"),)),
    )
    answer(
        banks,
        HALYK,
        second.id,
        BankAnswer(D("100000"), (onward("200000", C.CARD_TO_CARD, mule, "KZKOKZKX"),)),
    )
    bcc = Actor("bank-kzkokzkx", Role.BANK, "KZKOKZKX")
    [merged] = requests_of(banks, bcc, case)
    assert (merged.requested_amount, merged.hop, merged.state) == (D("800000"), 2, S.SENT)
    assert merged.account_display == "440043******6789"
    detail = get_freeze_request(
        uow=banks.freeze.uow(), actor=INVESTIGATOR, request_id=merged.id, now=NOW
    )
    assert [e.action for e in detail.events] == [FreezeAction.ISSUED, FreezeAction.MERGED]
    sources = [t.from_request_id for t in detail.incoming]
    assert None not in sources
    assert sorted(s for s in sources if s is not None) == [first.id, second.id]
    assert detail.request.parent_request_id == first.id

    # once the bank has answered, new money into the same account is a new request
    answer(banks, bcc, merged.id, BankAnswer(D("800000")))
    [third] = issue(banks, case, FreezeTarget(mule, "KZKOKZKX", D("5000")))
    assert third.id != merged.id
    assert third.requested_amount == D("5000")


def test_a_target_from_a_trace_is_issued_once(banks: Runtime) -> None:
    case = case_number()
    target = FreezeTarget("acc-1", "CASPKZKA", D("1000"), origin_transfer_id="T-20260302-0001")
    [first] = issue(banks, case, target)
    [again] = issue(banks, case, target, replace(target, amount=D("999")))[:1]
    assert again.id == first.id
    assert again.requested_amount == D("1000.00")
    [other_case] = issue(banks, case_number(), target)
    assert other_case.id != first.id


def test_exits_are_recorded_and_open_no_requests(banks: Runtime) -> None:
    case = case_number()
    [root] = issue(banks, case, FreezeTarget("acc-1", "CASPKZKA", D("1000")))
    answer(
        banks,
        KASPI,
        root.id,
        BankAnswer(
            onward=(
                onward("100", C.CASH_OUT),
                onward("200", C.CRYPTO, "TXyz-wallet-1"),
                onward("300", C.TRANSFER, "acc-ru", "SABRRUMM"),
                onward("150", C.TRANSFER, "acc-2", "KCJBKZKX"),  # not connected
                onward("250", C.TRANSFER, "acc-3", "HSBKKZKX"),
            )
        ),
    )
    detail = get_freeze_request(
        uow=banks.freeze.uow(), actor=INVESTIGATOR, request_id=root.id, now=NOW
    )
    assert detail.request.state is S.MOVED_ON
    assert [t.exit_kind for t in detail.onward] == [
        ExitKind.CASH_OUT,
        ExitKind.CRYPTO,
        ExitKind.FOREIGN,
        ExitKind.UNCONNECTED_BANK,
        None,
    ]
    assert len(requests_of(banks, INVESTIGATOR, case)) == 2
    # the bank sees what it reported, but not the id of the request it opened elsewhere
    as_bank = get_freeze_request(uow=banks.freeze.uow(), actor=KASPI, request_id=root.id, now=NOW)
    assert as_bank.onward[-1].next_request_id is None
    assert detail.onward[-1].next_request_id


def test_summary_totals_add_up_after_a_cascade(banks: Runtime) -> None:
    case = case_number()
    [root, _side] = issue(
        banks,
        case,
        FreezeTarget("acc-1", "CASPKZKA", D("1000000")),
        FreezeTarget("acc-9", "KZKOKZKX", D("40000")),
    )
    answer(
        banks,
        KASPI,
        root.id,
        BankAnswer(
            D("300000"),
            (onward("500000", C.TRANSFER, "acc-2", "HSBKKZKX"), onward("150000", C.CASH_OUT)),
        ),
    )
    [next_hop] = [r for r in requests_of(banks, HALYK, case)]
    answer(banks, HALYK, next_hop.id, BankAnswer(D("500000")))
    release_freeze_request(
        uow=banks.freeze.uow(),
        actor=INVESTIGATOR,
        request_id=next_hop.id,
        returned_amount=D("450000"),
        now=NOW + timedelta(days=1),
    )
    summary = case_freeze_summary(
        uow=banks.freeze.uow(), actor=INVESTIGATOR, case_number=case, now=NOW
    )
    [kzt] = summary.totals
    assert (kzt.traced, kzt.frozen, kzt.returned, kzt.unfrozen) == (
        D("1040000"),
        D("300000"),
        D("450000"),
        D("50000"),
    )
    assert (kzt.exited_total, kzt.pending, kzt.unaccounted) == (D("150000"), D("40000"), D("50000"))
    assert (
        kzt.traced
        == kzt.frozen
        + kzt.returned
        + kzt.unfrozen
        + kzt.exited_total
        + kzt.pending
        + kzt.unaccounted
    )
    with pytest.raises(Forbidden):
        case_freeze_summary(uow=banks.freeze.uow(), actor=KASPI, case_number=case, now=NOW)
    with pytest.raises(NotFound):
        case_freeze_summary(
            uow=banks.freeze.uow(), actor=INVESTIGATOR, case_number="no-such-case", now=NOW
        )


def test_answers_are_checked_replayed_and_refused_when_late(banks: Runtime) -> None:
    [request] = issue(banks, case_number(), FreezeTarget("acc-1", "CASPKZKA", D("1000")))
    with pytest.raises(InvalidInput, match="exceeds the requested 1000"):
        answer(banks, KASPI, request.id, BankAnswer(D("1000.01")))
    with pytest.raises(NotFound):
        answer(banks, HALYK, request.id, BankAnswer(D("1000")))
    first = answer(banks, KASPI, request.id, BankAnswer(D("1000")), idempotency_key="a-1")
    assert not first.replayed
    assert first.request.state is S.FROZEN
    assert first.request.expires_at == datetime(2026, 3, 10, 11, 0, tzinfo=UTC)  # 8 March off
    assert answer(banks, KASPI, request.id, BankAnswer(D("1000")), idempotency_key="a-1").replayed
    assert answer(banks, KASPI, request.id, BankAnswer(D("1000"))).replayed
    with pytest.raises(Conflict, match="different answer"):
        answer(banks, KASPI, request.id, BankAnswer(D("999")), idempotency_key="a-1")
    with pytest.raises(InvalidTransition, match="'frozen'"):
        answer(banks, KASPI, request.id, BankAnswer(D("999")))
    with pytest.raises(InvalidTransition, match="'frozen' and cannot become 'acknowledged'"):
        acknowledge_freeze_request(
            uow=banks.freeze.uow(), actor=KASPI, request_id=request.id, now=NOW
        )


def test_compare_and_set_refuses_a_stale_write(banks: Runtime) -> None:
    [request] = issue(banks, case_number(), FreezeTarget("acc-1", "CASPKZKA", D("1000")))
    acknowledge_freeze_request(uow=banks.freeze.uow(), actor=KASPI, request_id=request.id, now=NOW)
    uow = banks.freeze.uow()
    with uow:
        assert not uow.freeze.update(replace(request, state=S.REJECTED))  # read at version 1
        current = uow.freeze.get(request.id)
        assert current is not None
        assert current.version == 2
        assert uow.freeze.update(replace(current, rejection_reason="x", state=S.REJECTED))


def test_overdue_list_and_the_expiry_job(banks: Runtime) -> None:
    case = case_number()
    [waiting, holding] = issue(
        banks,
        case,
        FreezeTarget("acc-1", "CASPKZKA", D("10")),
        FreezeTarget("acc-2", "CASPKZKA", D("20")),
    )
    answer(banks, KASPI, holding.id, BankAnswer(D("20")), now=NOW + timedelta(hours=1))
    later = NOW + timedelta(hours=25)
    overdue = list_freeze_requests(
        uow=banks.freeze.uow(), actor=KASPI, filters=FreezeFilter(overdue_at=later), now=later
    )
    assert [r.id for r in overdue.items] == [waiting.id]
    assert (
        list_freeze_requests(
            uow=banks.freeze.uow(), actor=HALYK, filters=FreezeFilter(case_number=case), now=later
        ).items
        == []
    )
    # frozen Monday 10:00 UTC; 8 March is a Sunday, so Monday 9 March is off: Tuesday 10:00
    assert expire_due(uow=banks.freeze.uow(), now=datetime(2026, 3, 10, 9, 59, tzinfo=UTC)) == []
    assert expire_due(uow=banks.freeze.uow(), now=datetime(2026, 3, 10, 10, 0, tzinfo=UTC)) == [
        holding.id
    ]
    assert expire_due(uow=banks.freeze.uow(), now=NOW + timedelta(days=9)) == []
    with pytest.raises(InvalidTransition, match="'expired'"):
        release_freeze_request(
            uow=banks.freeze.uow(),
            actor=INVESTIGATOR,
            request_id=holding.id,
            returned_amount=D(0),
            now=later,
        )


def test_bank_tokens_belong_to_their_bank(banks: Runtime) -> None:
    issued = create_bank_token(uow=banks.freeze.uow(), actor=ADMIN, now=NOW, code="caspkzka")
    assert issued.user == "bank-caspkzka"
    uow = banks.freeze.uow()
    with uow:
        user = uow.users.user_by_name("bank-caspkzka")
    assert user is not None
    assert user is not None
    assert (user.role, user.organisation) == (Role.BANK, "CASPKZKA")
    with pytest.raises(Conflict):
        create_bank_token(
            uow=banks.freeze.uow(), actor=ADMIN, now=NOW, code="HSBKKZKX", user_name="bank-caspkzka"
        )
    with pytest.raises(NotFound):
        create_bank_token(uow=banks.freeze.uow(), actor=ADMIN, now=NOW, code="ATYNKZKA")
    with pytest.raises(Forbidden):
        create_bank_token(uow=banks.freeze.uow(), actor=INVESTIGATOR, now=NOW, code="CASPKZKA")


def test_freeze_events_are_append_only(banks: Runtime) -> None:
    issue(banks, case_number(), FreezeTarget("acc-1", "CASPKZKA", D("10")))
    for statement in ("UPDATE freeze_events SET actor = 'x'", "DELETE FROM freeze_events"):
        with pytest.raises(DBAPIError), banks.engine.begin() as connection:
            connection.execute(text(statement))


def test_two_deliveries_of_one_answer_at_once_open_one_next_request(banks: Runtime) -> None:
    case = case_number()
    [request] = issue(banks, case, FreezeTarget("acc-1", "CASPKZKA", D("1000")))
    reply = BankAnswer(onward=(onward("1000", C.TRANSFER, "acc-2", "HSBKKZKX"),))
    barrier = threading.Barrier(2)
    outcomes: list[Answered | Conflict] = []

    def deliver() -> None:
        barrier.wait()
        try:
            outcomes.append(answer(banks, KASPI, request.id, reply, idempotency_key="retry-1"))
        except Conflict as exc:  # lost the compare-and-set: the bank sends it again
            outcomes.append(exc)

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    applied = [o for o in outcomes if not isinstance(o, Conflict) and not o.replayed]
    assert len(applied) == 1
    assert len(outcomes) == 2
    assert answer(banks, KASPI, request.id, reply, idempotency_key="retry-1").replayed
    assert len(requests_of(banks, HALYK, case)) == 1
