from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cyberpol.freeze.domain.requests import (
    ANSWER_STATES,
    ExitKind,
    FreezeRequest,
    Inflow,
    can_transition_to,
    require_transition,
    state_for_answer,
)
from cyberpol.freeze.domain.requests import FreezeState as S
from cyberpol.freeze.domain.targets import (
    BankAnswer,
    FreezeTarget,
    OnwardTransferReport,
    check_answer,
    checked_target,
)
from cyberpol.kernel.errors import InvalidInput, InvalidTransition
from cyberpol.money_trail.domain.transfers import TransferChannel

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SECRET = b"unit-test-secret-0123456789abcdef"


def request(amount: str = "1000") -> FreezeRequest:
    return FreezeRequest(
        id=7,
        case_number="C1",
        bank_code="CASPKZKA",
        account_key="KZ86125KZT5004100100",
        account_display="KZ86125KZT5004100100",
        currency="KZT",
        requested_amount=Decimal(amount),
        hop=1,
        legal_basis="art. 190",
        state=S.SENT,
        version=1,
        issued_by="inv",
        sent_at=NOW,
        answer_due_at=NOW,
    )


def test_the_life_of_a_request() -> None:
    assert can_transition_to(S.SENT, S.ACKNOWLEDGED)
    assert all(can_transition_to(S.SENT, s) for s in ANSWER_STATES)  # answer without ack
    assert all(can_transition_to(S.ACKNOWLEDGED, s) for s in ANSWER_STATES)
    assert can_transition_to(S.PARTIALLY_FROZEN, S.RELEASED)
    assert can_transition_to(S.FROZEN, S.EXPIRED)
    assert not can_transition_to(S.ACKNOWLEDGED, S.SENT)
    assert not can_transition_to(S.MOVED_ON, S.RELEASED)  # nothing is held
    assert not can_transition_to(S.SENT, S.RELEASED)
    for final in (S.MOVED_ON, S.REJECTED, S.EXPIRED, S.RELEASED):
        assert not any(can_transition_to(final, s) for s in S)


def test_a_refused_step_names_the_state() -> None:
    with pytest.raises(InvalidTransition, match="'frozen' and cannot become 'acknowledged'"):
        require_transition(7, S.FROZEN, S.ACKNOWLEDGED)
    with pytest.raises(InvalidTransition, match="nothing: it is final"):
        require_transition(7, S.RELEASED, S.EXPIRED)


@pytest.mark.parametrize(
    ("frozen", "onward", "rejected", "state"),
    [
        ("1000", "0", False, S.FROZEN),
        ("400", "600", False, S.PARTIALLY_FROZEN),
        ("400", "0", False, S.PARTIALLY_FROZEN),
        ("0", "1000", False, S.MOVED_ON),
        ("0", "250", False, S.MOVED_ON),
        ("0", "0", True, S.REJECTED),
    ],
)
def test_the_answer_decides_the_state(frozen: str, onward: str, rejected: bool, state: S) -> None:
    got = state_for_answer(Decimal("1000"), Decimal(frozen), Decimal(onward), rejected=rejected)
    assert got is state


@pytest.mark.parametrize(
    ("frozen", "onward", "rejected", "message"),
    [
        ("1000.01", "0", False, "exceeds the requested 1000"),
        ("400", "600.01", False, "more than the 600 requested and not frozen"),
        ("0", "0", False, "must freeze an amount"),
        ("10", "0", True, "A rejection freezes nothing"),
    ],
)
def test_impossible_answers_are_refused(
    frozen: str, onward: str, rejected: bool, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        state_for_answer(Decimal("1000"), Decimal(frozen), Decimal(onward), rejected=rejected)


@given(
    requested=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=2),
    frozen_share=st.fractions(min_value=0, max_value=1),
    onward_share=st.fractions(min_value=0, max_value=1),
)
def test_an_accepted_answer_never_places_more_than_was_requested(
    requested: Decimal, frozen_share: Fraction, onward_share: Fraction
) -> None:
    frozen = (requested * Decimal(frozen_share.numerator) / frozen_share.denominator).quantize(
        Decimal("0.01")
    )
    frozen = min(frozen, requested)
    rest = requested - frozen
    onward = (rest * Decimal(onward_share.numerator) / onward_share.denominator).quantize(
        Decimal("0.01")
    )
    onward = min(onward, rest)
    if frozen == 0 and onward == 0:
        return
    state = state_for_answer(requested, frozen, onward, rejected=False)
    assert state in {S.FROZEN, S.PARTIALLY_FROZEN, S.MOVED_ON}
    assert (state is S.FROZEN) == (frozen == requested)


def test_check_answer_normalises_onward_accounts_and_keeps_cards_out() -> None:
    answer = BankAnswer(
        frozen_amount=Decimal("300"),
        onward=(
            OnwardTransferReport(
                Decimal("500"), NOW, TransferChannel.CARD_TO_CARD, "4400 4301 2345 6789", "hsbkkzkx"
            ),
            OnwardTransferReport(Decimal("150"), NOW, TransferChannel.CASH_OUT),
        ),
    )
    checked = check_answer(answer, request=request(), card_secret=SECRET)
    card, cash = checked.onward
    assert checked.state is S.PARTIALLY_FROZEN
    assert checked.onward_total == Decimal("650")
    assert card.account_key is not None
    assert card.account_key.startswith("card:")
    assert card.account_display == "440043******6789"
    assert (card.bank_code, card.hop, card.currency) == ("HSBKKZKX", 2, "KZT")
    assert cash.account_key is None
    assert cash.exit_kind(frozenset()) is ExitKind.CASH_OUT
    again = check_answer(answer, request=request(), card_secret=SECRET)
    assert again.digest() == checked.digest()


@pytest.mark.parametrize(
    ("report", "message"),
    [
        (OnwardTransferReport(Decimal("5"), NOW, TransferChannel.TRANSFER), "must name"),
        (
            OnwardTransferReport(Decimal("5"), NOW.replace(tzinfo=None), TransferChannel.CASH_OUT),
            "time zone",
        ),
        (OnwardTransferReport(Decimal("5.001"), NOW, TransferChannel.CRYPTO), "two decimals"),
        (
            OnwardTransferReport(
                Decimal("5"), NOW, TransferChannel.TRANSFER, "KZ86125KZT5004100101", "CASPKZKA"
            ),
            "(?i)iban",
        ),
        (
            OnwardTransferReport(Decimal("5"), NOW, TransferChannel.TRANSFER, "acc-1", "Kaspi"),
            "BIC",
        ),
    ],
)
def test_bad_onward_transfers_are_refused(report: OnwardTransferReport, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        check_answer(BankAnswer(onward=(report,)), request=request(), card_secret=SECRET)


def test_exits_foreign_and_unconnected_banks() -> None:
    def inflow(bank: str, channel: TransferChannel) -> Inflow:
        return Inflow(Decimal(1), "KZT", 2, "acc", "acc", bank, channel=channel)

    connected = frozenset({"CASPKZKA"})
    assert inflow("CASPKZKA", TransferChannel.TRANSFER).exit_kind(connected) is None
    assert inflow("SABRRUMM", TransferChannel.TRANSFER).exit_kind(connected) is ExitKind.FOREIGN
    assert (
        inflow("KCJBKZKX", TransferChannel.TRANSFER).exit_kind(connected)
        is ExitKind.UNCONNECTED_BANK
    )
    assert inflow("CASPKZKA", TransferChannel.CRYPTO).exit_kind(connected) is ExitKind.CRYPTO


def test_targets_are_validated() -> None:
    ok = checked_target(
        FreezeTarget("kz86 125k zt50 0410 0100", "caspkzkaxxx", Decimal("10")), card_secret=SECRET
    )
    assert (ok.account_key, ok.bank_code, ok.amount) == (
        "KZ86125KZT5004100100",
        "CASPKZKA",
        Decimal("10.00"),
    )
    for bad, message in [
        (FreezeTarget("acc", "CASPKZKA", Decimal(0)), "more than 0"),
        (FreezeTarget("acc", "CASPKZKA", Decimal("1e13")), "at most"),
        (FreezeTarget("acc", "CASPKZKA", Decimal(1), currency="tenge"), "ISO 4217"),
        (FreezeTarget("acc", "CASPKZKA", Decimal(1), hop=0), "Hop"),
    ]:
        with pytest.raises(InvalidInput, match=message):
            checked_target(bad, card_secret=SECRET)
