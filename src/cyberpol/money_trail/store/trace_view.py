"""A tracer's outcome as a ``TraceResult``: accounts by name with bank and hop, exits, money.

The tracer counts in floats; here, once, every figure becomes a ``Decimal`` to the tiyn.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from cyberpol.money_trail.domain.attribution import Ending
from cyberpol.money_trail.domain.trace import TraceAccount, TraceEdge, TraceExit, TraceResult
from cyberpol.money_trail.store.tracing import TraceOutcome
from cyberpol.money_trail.store.transfer_store import TransferStore

_TIYN = Decimal("0.01")
_ZERO = Decimal("0.00")


def _time(ts: int | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


def _money(amount: float) -> Decimal:
    """The float exactly as it is, rounded half-even to the tiyn (as ``round(x, 2)`` does)."""
    value = Decimal(amount).quantize(_TIYN)
    # Rounding leftovers of the sweep can be a hair below zero; nobody owes "-0.00".
    return _ZERO if value == 0 else value


def trace_view(outcome: TraceOutcome, store: TransferStore) -> TraceResult:
    """Everything the CLI prints, the API returns and a freeze request needs for one trace."""
    trail, index = outcome.trail, outcome.index
    names = {n: index.accounts[n].as_py() for n in trail.accounts}
    banks = {n: index.banks[n].as_py() for n in trail.accounts}
    shown = _displays(store, list(names.values()))
    accounts = [
        TraceAccount(
            account=shown.get(names[number], names[number]),
            account_key=names[number],
            bank=banks[number],
            hop=account.hop,
            amount=_money(account.received),
            passed_on=_money(account.passed_on),
            remaining=_money(account.remaining),
            arrived_first=_time(account.first_in),
            arrived_last=_time(account.last_in),
            left_last=_time(account.last_out),
            # Compared in the tracer's own floats, as the tracer decided what to follow.
            ended=Ending.STILL_THERE if account.remaining >= outcome.threshold else None,
            hub=number in outcome.hubs,
            unseen_outflow=_money(account.unseen),
            unseen_since=_time(account.unseen_first),
        )
        for number, account in sorted(
            trail.accounts.items(), key=lambda item: (item[1].hop, -item[1].received)
        )
    ]
    edges: list[TraceEdge] = []
    exits: list[TraceExit] = []
    for step in trail.edges:
        target = int(index.dst[step.position])
        target_name = index.accounts[target].as_py()
        edge = TraceEdge(
            transfer_id=index.transfer_ids[step.position].as_py(),
            source=shown.get(names[step.source], names[step.source]),
            target=shown.get(target_name, target_name),
            amount=_money(step.amount),
            transfer_amount=_money(step.transfer_amount),
            ts=_time(step.ts),
            hop=step.hop,
            ended=step.ending,
        )
        edges.append(edge)
        if step.ending is not None:
            exits.append(
                TraceExit(
                    kind=step.ending,
                    account=edge.source,
                    to=edge.target,
                    to_bank=index.banks[target].as_py(),
                    amount=edge.amount,
                    ts=edge.ts,
                    transfer_id=edge.transfer_id,
                )
            )
    exits.extend(
        TraceExit(
            kind=Ending.STILL_THERE,
            account=entry.account,
            to=None,
            to_bank=entry.bank,
            amount=entry.remaining,
            ts=None,
            transfer_id=None,
        )
        for entry in accounts
        if entry.ended is not None
    )
    seed = (
        index.transfer_ids[outcome.seed_position].as_py()
        if outcome.seed_position is not None
        else None
    )
    return TraceResult(
        transfer_id=seed,
        amount=_money(trail.seed_amount),
        from_time=_time(outcome.seed_ts),
        threshold=_money(outcome.threshold),
        truncated=outcome.truncated,
        totals={ending: _money(value) for ending, value in trail.endings.items()},
        accounts=tuple(accounts),
        edges=tuple(edges),
        exits=tuple(exits),
    )


def _displays(store: TransferStore, accounts: list[str]) -> dict[str, str]:
    """Masked card numbers for the hashed card keys among ``accounts``."""
    cards = [a for a in accounts if a.startswith("card:")]
    if not cards:
        return {}
    cursor = store.reading()
    try:
        rows = cursor.execute(
            "SELECT account, display FROM account_display WHERE account IN (SELECT unnest(?))",
            [cards],
        ).fetchall()
    finally:
        cursor.close()
    return {account: f"{display} ({account[5:13]})" for account, display in rows}
