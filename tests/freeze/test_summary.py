from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from cyberpol.freeze.domain.requests import ExitKind, FreezeRequest, FreezeTransfer, Inflow
from cyberpol.freeze.domain.requests import FreezeState as S
from cyberpol.freeze.domain.summary import summarize_case

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
D = Decimal


def request(
    request_id: int,
    state: S,
    requested: str,
    *,
    frozen_amount: str = "0.00",
    onward_amount: str = "0.00",
    returned_amount: str = "0.00",
) -> FreezeRequest:
    return FreezeRequest(
        id=request_id,
        case_number="C1",
        bank_code="CASPKZKA",
        account_key=f"acc-{request_id}",
        account_display=f"acc-{request_id}",
        currency="KZT",
        requested_amount=D(requested),
        hop=1,
        legal_basis="art. 190",
        state=state,
        version=1,
        issued_by="inv",
        sent_at=NOW,
        answer_due_at=NOW + timedelta(hours=24),
        frozen_amount=D(frozen_amount),
        onward_amount=D(onward_amount),
        returned_amount=D(returned_amount),
    )


def transfer(
    amount: str, *, source: int | None, into: int | None, exit: ExitKind | None = None
) -> FreezeTransfer:
    inflow = Inflow(D(amount), "KZT", 1, None, None, None)
    return FreezeTransfer(0, "C1", inflow, source, None, into, exit, NOW)


def test_totals_add_up_to_what_was_traced() -> None:
    requests = [
        # 1000 traced to r1: 300 frozen, 500 on to r2, 150 cashed out, 50 unaccounted
        request(1, S.PARTIALLY_FROZEN, "1000", frozen_amount="300", onward_amount="650"),
        # r2 froze it all; released with 400 back to the victim
        request(2, S.RELEASED, "500", frozen_amount="500", returned_amount="400"),
        # a second target, still waiting for its answer
        request(3, S.ACKNOWLEDGED, "200"),
        # a third, rejected
        request(4, S.REJECTED, "70"),
    ]
    transfers = [
        transfer("1000", source=None, into=1),
        transfer("500", source=1, into=2),
        transfer("150", source=1, into=None, exit=ExitKind.CASH_OUT),
        transfer("200", source=None, into=3),
        transfer("70", source=None, into=4),
    ]
    summary = summarize_case("C1", requests, transfers, now=NOW + timedelta(hours=25))
    [kzt] = summary.totals
    assert (kzt.traced, kzt.frozen, kzt.returned, kzt.unfrozen) == (
        D("1270"),
        D("300"),
        D("400"),
        D("100"),
    )
    assert kzt.exited[ExitKind.CASH_OUT] == D("150")
    assert kzt.exited_total == D("150")
    assert (kzt.pending, kzt.unaccounted) == (D("200"), D("120"))
    assert kzt.traced == (
        kzt.frozen + kzt.returned + kzt.unfrozen + kzt.exited_total + kzt.pending + kzt.unaccounted
    )
    assert summary.overdue == 1
    assert summary.requests_by_state[S.RELEASED] == 1


def test_currencies_are_never_added_together() -> None:
    usd = replace(request(1, S.FROZEN, "10", frozen_amount="10"), currency="USD")
    inflow = Inflow(D("10"), "USD", 1, None, None, None)
    summary = summarize_case(
        "C1", [usd], [FreezeTransfer(0, "C1", inflow, None, None, 1, None, NOW)], now=NOW
    )
    assert [(t.currency, t.traced, t.frozen) for t in summary.totals] == [("USD", D(10), D(10))]
