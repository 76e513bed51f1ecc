"""A finished trace as the rest of the system reads it: accounts, transfers, where money ended.

The tracer works in floats over small integer account numbers; the store turns its outcome
into this, once, with money as ``Decimal`` to the tiyn and accounts by their keys and the
names people see, so a freeze request asks for exactly the amount the trace shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from cyberpol.money_trail.domain.attribution import Ending


@dataclass(frozen=True, slots=True)
class TraceAccount:
    """What one account did with the traced money."""

    account: str  # as people see it: a masked card number for cards, else the key
    account_key: str
    bank: str | None  # None: no bank holds it and no sender named one
    hop: int
    amount: Decimal  # the traced money that arrived
    passed_on: Decimal
    remaining: Decimal
    arrived_first: datetime | None
    arrived_last: datetime | None
    left_last: datetime | None
    ended: Ending | None  # STILL_THERE when enough of it stays to be worth freezing
    hub: bool  # too busy to follow through: the money is reported here, not followed on
    # Paid out beyond what the data shows it holding after the money came: the split here
    # rests on funds nobody reported (a hole in the ledger), from this moment.
    unseen_outflow: Decimal
    unseen_since: datetime | None


@dataclass(frozen=True, slots=True)
class TraceEdge:
    """One transfer that carried traced money; ``amount`` is the traced part of it."""

    transfer_id: str
    source: str
    target: str
    amount: Decimal
    transfer_amount: Decimal
    ts: datetime | None
    hop: int
    ended: Ending | None  # set when this transfer took the money out of the banks' reach


@dataclass(frozen=True, slots=True)
class TraceExit:
    """One place traced money ended: a cash-out, crypto, abroad, or still in an account."""

    kind: Ending
    account: str
    to: str | None
    to_bank: str | None
    amount: Decimal
    ts: datetime | None
    transfer_id: str | None


@dataclass(frozen=True, slots=True)
class TraceResult:
    """Where a victim's money went, with every unit of it ending in exactly one place."""

    transfer_id: str | None
    amount: Decimal
    from_time: datetime | None
    threshold: Decimal
    truncated: bool
    totals: Mapping[Ending, Decimal]
    accounts: tuple[TraceAccount, ...]
    edges: tuple[TraceEdge, ...]
    exits: tuple[TraceExit, ...]

    def still_there(self) -> tuple[TraceAccount, ...]:
        """Accounts still holding traced money: what a freeze request can reach."""
        return tuple(a for a in self.accounts if a.ended is Ending.STILL_THERE)

    def last_incoming(self) -> dict[str, str | None]:
        """Per account key, the last transfer that brought it traced money.

        An account the victim paid directly was brought it by the traced transfer itself.
        """
        keys = {a.account: a.account_key for a in self.accounts}
        last: dict[str, str | None] = {a.account_key: self.transfer_id for a in self.accounts}
        for edge in self.edges:
            if edge.ended is None and edge.target in keys:
                last[keys[edge.target]] = edge.transfer_id
        return last
