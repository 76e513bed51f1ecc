"""What a case's freeze requests add up to, per currency.

    traced       money investigators issued requests for (their targets). Onward amounts
                 banks report are that same money moving on and are not added again; two
                 targets count as different money, so issue requests where the money is
                 now rather than for every hop of one chain.
    frozen       held by banks now: frozen amounts of requests in frozen or partially_frozen.
    returned     paid back to victims: returned amounts of released requests.
    unfrozen     frozen once, then let go without being returned: expired holds and the
                 part of a release that was not returned.
    exited       onward transfers out of reach, by exit: cash_out, crypto, foreign,
                 unconnected_bank.
    pending      requested in requests still waiting for the bank's answer.
    unaccounted  requested in answered requests but neither frozen nor traced onward
                 (rejections, and the part of an answer the bank could not place).

For every case ``traced = frozen + returned + unfrozen + exited + pending + unaccounted``:
an answer freezes and forwards at most what was requested, and money forwarded into a
next-layer request is counted in that request, not again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from cyberpol.freeze.domain.requests import (
    OPEN_STATES,
    ZERO,
    ExitKind,
    FreezeRequest,
    FreezeState,
    FreezeTransfer,
)


@dataclass(frozen=True, slots=True)
class FreezeTotals:
    """The totals of one currency; see the module docstring for what each one means."""

    currency: str
    traced: Decimal = ZERO
    frozen: Decimal = ZERO
    returned: Decimal = ZERO
    unfrozen: Decimal = ZERO
    exited: dict[ExitKind, Decimal] = field(default_factory=dict, hash=False)
    pending: Decimal = ZERO
    unaccounted: Decimal = ZERO

    @property
    def exited_total(self) -> Decimal:
        return sum(self.exited.values(), ZERO)


@dataclass(frozen=True, slots=True)
class CaseFreezeSummary:
    case_number: str
    totals: tuple[FreezeTotals, ...]
    requests_by_state: dict[FreezeState, int] = field(hash=False)
    overdue: int


def summarize_case(
    case_number: str,
    requests: Iterable[FreezeRequest],
    transfers: Iterable[FreezeTransfer],
    *,
    now: datetime,
) -> CaseFreezeSummary:
    """Totals per currency, requests per state and how many are overdue at ``now``."""
    # Decimal() is zero: money adds up exactly, never through int or float.
    sums: defaultdict[str, defaultdict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    exits: defaultdict[str, defaultdict[ExitKind, Decimal]] = defaultdict(
        lambda: defaultdict(Decimal)
    )
    states: Counter[FreezeState] = Counter()
    overdue = 0
    for r in requests:
        states[r.state] += 1
        overdue += r.is_overdue(now)
        money = sums[r.currency]
        if r.state in OPEN_STATES:
            money["pending"] += r.requested_amount
            continue
        money["unaccounted"] += r.requested_amount - r.frozen_amount - r.onward_amount
        if r.state in (FreezeState.FROZEN, FreezeState.PARTIALLY_FROZEN):
            money["frozen"] += r.frozen_amount
        elif r.state is FreezeState.RELEASED:
            money["returned"] += r.returned_amount
            money["unfrozen"] += r.frozen_amount - r.returned_amount
        elif r.state is FreezeState.EXPIRED:
            money["unfrozen"] += r.frozen_amount
    for t in transfers:
        if t.from_request_id is None:
            sums[t.inflow.currency]["traced"] += t.inflow.amount
        if t.exit_kind is not None:
            exits[t.inflow.currency][t.exit_kind] += t.inflow.amount
    totals = tuple(
        FreezeTotals(
            currency=currency,
            exited={kind: exits[currency][kind] + ZERO for kind in ExitKind},
            traced=sums[currency]["traced"] + ZERO,
            frozen=sums[currency]["frozen"] + ZERO,
            returned=sums[currency]["returned"] + ZERO,
            unfrozen=sums[currency]["unfrozen"] + ZERO,
            pending=sums[currency]["pending"] + ZERO,
            unaccounted=sums[currency]["unaccounted"] + ZERO,
        )
        for currency in sorted(set(sums) | set(exits))
    )
    return CaseFreezeSummary(case_number, totals, dict(states), overdue)
